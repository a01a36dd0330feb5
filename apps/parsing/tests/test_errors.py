"""Bad uploads raise ParseError with a stable code and a Chinese message, nothing else."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from apps.parsing import ParseError, ParseOptions, parse_draft

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def raises(data: bytes, code: str, **kwargs) -> ParseError:
    with pytest.raises(ParseError) as info:
        parse_draft(data, **kwargs)
    assert info.value.code == code
    assert CHINESE.search(info.value.message)
    return info.value


def test_empty():
    raises(b"", "empty")
    raises(b"  \n\r\n ", "empty")


def test_non_zip_docx():
    raises("这只是文字".encode(), "not_docx", filename="草稿.docx")


def test_broken_zip():
    raises(b"PK\x03\x04" + b"\x00" * 60, "not_docx", filename="草稿.docx")


def test_zip_without_document():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "hi")
    raises(buf.getvalue(), "not_docx", filename="草稿.docx")


def test_binary_garbage_renamed_txt():
    data = bytes(range(256)) * 8
    raises(data, "binary", filename="草稿.txt")


def test_control_characters():
    raises(b"\x01\x02\x03\x04\x05\x06\x07\x08" * 20 + "文字".encode(), "binary")


def test_ole_header_needs_conversion():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    error = raises(data, "doc_needs_conversion", filename="草稿.doc")
    assert ".docx" in error.message


def test_ole_with_missing_converter():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    raises(data, "conversion_failed", options=ParseOptions(soffice_path="/nonexistent/soffice"))


def test_too_large():
    raises("正文".encode() * 100, "too_large", options=ParseOptions(max_bytes=50))


def test_short_undecodable_bytes_are_not_guessed():
    with pytest.raises(ParseError) as info:
        parse_draft(b"\x80\xff\x80\xff")
    assert info.value.code in ("undecodable", "binary")


def test_pdf_is_unsupported():
    """Refused by the screening: by name when it says .pdf, by content when it claims to be text."""
    raises(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "unsupported", filename="report.pdf")
    assert "PDF" in raises(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "mismatch", filename="report.txt").message


def test_encodings():
    text = "县政府工作总结\n一、成绩\n全县生产总值完成XX亿元。"
    for encoding, prefix in (
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("gb18030", b""),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
    ):
        result = parse_draft(prefix + text.replace("\n", "\r\n").encode(encoding))
        assert result.title == "县政府工作总结"
        assert result.sections[1].heading == "成绩"


def test_whitespace_is_normalised():
    result = parse_draft("标题\r\n\u3000\u3000一、成绩\r\n\u00a0全县\u3000平稳。\r".encode())
    assert result.sections[1].heading == "成绩"
    assert result.sections[1].body == "全县 平稳。"
