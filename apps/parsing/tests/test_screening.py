"""apps.parsing.screening: real drafts pass, and it stays free of Django."""

import io
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from apps.drafts.tests.hostile.corpus import FILES as HOSTILE_FILES
from apps.drafts.tests.hostile.corpus import docx as make_docx
from apps.drafts.tests.hostile.corpus import para
from apps.parsing import ParseError, ParseOptions, parse_draft, result_to_dict
from apps.parsing.screening import FileRejected, screen_draft

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = ROOT / "apps" / "parsing" / "tests" / "samples"


def test_screening_imports_no_django():
    code = "import sys, apps.parsing.screening; sys.exit('django' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


@pytest.mark.parametrize("path", sorted(p for p in SAMPLES.rglob("*.*") if p.suffix in (".txt", ".docx")), ids=str)
def test_every_parser_sample_passes(path):
    verdict = screen_draft(path.read_bytes(), filename=path.name)
    assert verdict.kind == path.suffix[1:]


def test_a_document_written_by_python_docx_passes_and_a_file_object_is_rewound():
    document = docx.Document()
    document.add_heading("县政府2018年工作总结", 0)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "全县生产总值"
    document.add_paragraph("全县生产总值完成XX亿元。")
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    assert screen_draft(buffer, filename="a.docx").kind == "docx"
    assert buffer.tell() == 0


def test_a_deeply_nested_but_legal_table_passes_under_the_limit():
    body = "<w:tbl><w:tr><w:tc>" * 20 + para("里层") + "</w:tc></w:tr></w:tbl>" * 20
    assert screen_draft(make_docx(body), filename="a.docx").kind == "docx"


def test_the_caps_come_from_limits():
    data = make_docx(para("全县生产总值完成XX亿元。" * 100))
    with pytest.raises(FileRejected) as refused:
        screen_draft(data, filename="a.docx", options=ParseOptions(max_unpacked_bytes=1000))
    assert refused.value.code == "zip_bomb"
    with pytest.raises(FileRejected) as refused:
        screen_draft(data, filename="a.docx", options=ParseOptions(max_bytes=100))
    assert refused.value.code == "too_large"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("全县生产总值".encode(), "utf-8"),
        ("全县生产总值".encode("gb18030"), "gb18030"),
        ("全县生产总值".encode("utf-16"), "utf-16-le"),
        ("\ufeff全县".encode(), "utf-8"),
        ("全县生产总值完成XX亿元，同比增长一成。".encode("utf-16-be"), "utf-16-be"),
        ("全县生产总值完成XX亿元，同比增长一成。".encode("utf-16-le"), "utf-16-le"),
    ],
)
def test_text_encodings_are_identified(data, encoding):
    assert screen_draft(data, filename="a.txt").detail == encoding


# --- one decoder, one sniffer: the screening and the parse agree (issue 10, item 5) -------------

SEED_000 = (SAMPLES / "000.utf8.txt").read_bytes()


def _comparable(result) -> dict:
    data = result_to_dict(result)
    data.pop("source_format")
    return data


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_bomless_utf16_of_seed_000_is_accepted_and_parsed_like_its_utf8_form(codec):
    """Chinese text has characters U+xx00 (一 is U+4E00), so its UTF-16 has NULs on both byte sides."""
    data = SEED_000.decode("utf-8").encode(codec)
    assert screen_draft(data, filename="000.txt").detail == codec
    parsed = parse_draft(data, filename="000.txt")
    assert parsed.source_format == f"txt:{codec}"
    assert _comparable(parsed) == _comparable(parse_draft(SEED_000, filename="000.txt"))


def test_a_stray_nul_in_utf8_text_is_accepted_and_parsed_but_many_are_binary():
    text = SEED_000.decode("utf-8")
    one_nul = (text[:200] + "\x00" + text[200:]).encode()
    assert screen_draft(one_nul, filename="a.txt").detail == "utf-8"
    assert _comparable(parse_draft(one_nul, filename="a.txt")) == _comparable(parse_draft(SEED_000, filename="a.txt"))
    many = (text[:200] + "\x00" * 200 + text[200:]).encode()
    for call in (lambda: screen_draft(many, filename="a.txt"), lambda: parse_draft(many, filename="a.txt")):
        with pytest.raises(ParseError) as refused:
            call()
        assert refused.value.code == "binary"


def test_parse_draft_refuses_what_the_upload_refuses_a_docx_with_a_vba_project():
    data = make_docx(para("县政府工作总结") + para("全县生产总值完成XX亿元。"), **{"word/vbaProject.bin": b"\x00" * 64})
    for call in (lambda: screen_draft(data, filename="a.docx"), lambda: parse_draft(data, filename="a.docx")):
        with pytest.raises(FileRejected) as refused:
            call()
        assert refused.value.code == "macro"


def test_a_file_the_screening_accepts_is_never_failed_by_the_parse_for_its_type_or_encoding():
    """Every committed hostile file and every sample: accepted at the door ⇒ parsed or refused for its content."""
    type_or_encoding = {"binary", "undecodable", "not_docx", "mismatch", "unsupported", "macro", "encrypted"}
    paths = sorted(HOSTILE_FILES.iterdir()) + sorted(p for p in SAMPLES.rglob("*.*") if p.suffix in (".txt", ".docx"))
    accepted = 0
    for path in paths:
        data = path.read_bytes()
        try:
            screen_draft(data, filename=path.name)
        except ParseError:
            continue
        accepted += 1
        try:
            parse_draft(data, filename=path.name)
        except ParseError as exc:
            assert exc.code not in type_or_encoding, (path.name, exc.code)
    assert accepted > 20


def test_many_members_each_under_the_ratio_floor_are_refused_on_the_running_total():
    """120 members of 1 MB of zeros: each is small and too small for the ratio check; together 120 MB."""
    members = {f"word/media/pad{i}.xml": b"0" * (1024 * 1024) for i in range(120)}
    data = make_docx(para("县政府工作总结"), **members)
    options = ParseOptions()
    assert all(len(m) <= options.ratio_floor for m in members.values())
    assert len(members) * (1024 * 1024) > options.max_unpacked_bytes
    with pytest.raises(FileRejected) as refused:
        screen_draft(data, filename="a.docx", options=options)
    assert refused.value.code == "zip_bomb" and "解压后超过" in refused.value.message


def test_more_text_than_the_cap_is_refused_in_a_docx_and_in_a_txt_with_a_chinese_message():
    sentence = "全县生产总值完成XX亿元，同比增长XX%。"
    options = ParseOptions(max_text_chars=len(sentence) * 50)
    docx_data = make_docx("".join(para(sentence) for _ in range(60)))
    txt_data = "\n".join([sentence] * 60).encode()
    for data, name in ((docx_data, "a.docx"), (txt_data, "a.txt")):
        with pytest.raises(FileRejected) as refused:
            parse_draft(data, filename=name, options=options)
        assert refused.value.code == "too_much_text" and "拆分" in refused.value.message
    assert parse_draft(txt_data[: len(txt_data) // 2], filename="a.txt", options=options).sections


def test_an_oversized_document_part_is_refused_before_it_is_read():
    data = make_docx("".join(para("全县生产总值完成XX亿元。") for _ in range(2000)))
    with pytest.raises(FileRejected) as refused:
        screen_draft(data, filename="a.docx", options=ParseOptions(max_document_xml_bytes=10_000))
    assert refused.value.code == "too_complex"
