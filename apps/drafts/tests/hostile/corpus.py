"""The hostile and broken upload corpus: every file with the refusal codes it may get.

Small files are committed under ``files/`` (regenerate with
``python -m apps.drafts.tests.hostile.corpus``); the big ones (zip bombs, a 10 MB line)
are built at test time by the same functions, so that no megabytes sit in the repository.

``codes`` lists what may refuse the file: a code of apps.parsing.screening (the upload
form refuses it) or a ParseError code (the parse refuses it, the upload ends failed).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

FILES = Path(__file__).resolve().parent / "files"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SECRET_MARKER = "HOSTILE-SECRET-7f3a9c"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
MACRO_CONTENT_TYPES = CONTENT_TYPES.replace(
    "wordprocessingml.document.main+xml",
    'wordprocessingml.document.main+xml"/><Override PartName="/word/x.xml" '
    'ContentType="application/vnd.ms-word.document.macroEnabled.main+xml',
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"'
    ' Target="word/document.xml"/></Relationships>'
)
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TEXT = "县政府2018年工作总结\n一、主要工作\n全县生产总值完成XX亿元，同比增长XX%。\n"


def document_xml(body: str, prolog: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    )


def para(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def package(members: dict[str, bytes | str], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx(
    body: str = para("县政府2018年工作总结") + para("全县生产总值完成XX亿元。"), prolog: str = "", **extra
) -> bytes:
    members = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": RELS,
        "word/document.xml": document_xml(body, prolog),
    }
    members.update(extra)
    return package(members)


# --- zip bombs -----------------------------------------------------------------------------


def overlapping_bomb(copies: int = 11, member_bytes: int = 100 * 1024 * 1024) -> bytes:
    """≈100 kB declaring ``copies × member_bytes``: one deflated kernel, many directory entries on it."""
    kernel = zlib.compressobj(9, zlib.DEFLATED, -15)
    compressed = kernel.compress(b"\0" * member_bytes) + kernel.flush()
    crc = zlib.crc32(b"\0" * member_bytes)
    out = io.BytesIO()
    name = b"word/document.xml"
    local = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(compressed), member_bytes, len(name), 0)
    out.write(local + name + compressed)
    central = io.BytesIO()
    names = [b"[Content_Types].xml", b"_rels/.rels", name] + [f"word/media/part{i}.xml".encode() for i in range(copies)]
    for entry in names:
        central.write(
            struct.pack(
                "<4s6H3L5H2L",
                b"PK\x01\x02",
                20,
                20,
                0,
                8,
                0,
                0,
                crc,
                len(compressed),
                member_bytes,
                len(entry),
                0,
                0,
                0,
                0,
                0,
                0,
            )
            + entry
        )
    directory = central.getvalue()
    offset = out.tell()
    out.write(directory)
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(names), len(names), len(directory), offset, 0))
    return out.getvalue()


def ratio_bomb() -> bytes:
    """One member of 60 MB of zeros: under the total cap, far over the per-member ratio."""
    return docx(**{"word/media/image1.xml": b"\0" * (60 * 1024 * 1024)})


def many_members() -> bytes:
    return docx(**{f"word/media/p{i}.xml": b"<a/>" for i in range(3000)})


def set_flag(data: bytes, flag: int) -> bytes:
    """Set a general-purpose flag bit on every local and central header (zipfile cannot write encryption)."""
    out = bytearray(data)
    for signature, position in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (index := out.find(signature, start)) >= 0:
            value = struct.unpack_from("<H", out, index + position)[0] | flag
            struct.pack_into("<H", out, index + position, value)
            start = index + 4
    return bytes(out)


# --- XML attacks ---------------------------------------------------------------------------


def xxe_file(secret_path: str = "/etc/passwd") -> bytes:
    prolog = f'<!DOCTYPE w:document [<!ENTITY secret SYSTEM "file://{secret_path}">]>'
    return docx(para("县政府工作总结") + para("泄露：&secret;"), prolog=prolog)


def xxe_url() -> bytes:
    prolog = '<!DOCTYPE w:document [<!ENTITY remote SYSTEM "http://127.0.0.1:9/steal">]>'
    return docx(para("县政府工作总结") + para("&remote;"), prolog=prolog)


def parameter_entity() -> bytes:
    prolog = '<!DOCTYPE w:document [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>'
    return docx(para("县政府工作总结"), prolog=prolog)


def billion_laughs() -> bytes:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    )
    return docx(para("县政府工作总结") + para("&lol9;"), prolog=f"<!DOCTYPE w:document [{entities}]>")


def xxe_in_rels() -> bytes:
    rels = RELS.replace("?>", '?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>', 1)
    members = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": rels,
        "word/document.xml": document_xml(para("正文")),
    }
    return package(members)


def xxe_utf16() -> bytes:
    xml = document_xml(para("&secret;"), prolog='<!DOCTYPE w:document [<!ENTITY secret SYSTEM "file:///etc/passwd">]>')
    xml = xml.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    members = {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS, "word/document.xml": xml.encode("utf-16")}
    return package(members)


def nested_tables(depth: int = 300) -> bytes:
    body = "<w:tbl><w:tr><w:tc>" * depth + para("最里层") + "</w:tc></w:tr></w:tbl>" * depth
    return docx(para("县政府工作总结") + body)


def long_paragraph_docx() -> bytes:
    return docx(para("县政府工作总结") + para("全县生产总值完成XX亿元，" * 12000))


# --- text ----------------------------------------------------------------------------------


def repeated_paragraphs_docx() -> bytes:
    """A small .docx whose document.xml is 20 MB of ordinary paragraphs full of placeholders (ratio ~100, no bomb):
    every cap on the package passes; the work itself is too much (issue 10: 95 MB of this cost 120 s and 1.5 GB)."""
    paragraphs, size, n = [], 0, 0
    while size < 20 * 1024 * 1024:
        n += 1
        paragraphs.append(para(f"第{n}项：全县生产总值完成XX亿元，同比增长XX%，居全市第XX位。"))
        size += len(paragraphs[-1].encode())
    return docx("".join(paragraphs))


def many_short_paragraphs_txt() -> bytes:
    """1.2 million characters of text, every line short and ordinary: over the text cap, under every other."""
    line = "全县生产总值完成XX亿元，同比增长XX%。\n"
    return (line * (1_200_000 // len(line) + 1)).encode()


def long_line_txt() -> bytes:
    """10 MB, one line, placeholders all along it."""
    unit = "全县生产总值完成XX亿元，同比增长XX%，"
    data = (unit * (10 * 1024 * 1024 // len(unit.encode()) + 1)).encode()
    cut = 10 * 1024 * 1024
    while data[cut] & 0xC0 == 0x80:  # keep UTF-8 whole
        cut -= 1
    return data[:cut]


def ole(*extra: bytes) -> bytes:
    return OLE + b"\0" * 504 + b"".join(extra) + b"\0" * 1024


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[], bytes]
    codes: frozenset[str]
    big: bool = False


def _c(name, build, *codes, big=False) -> Case:
    return Case(name, build, frozenset(codes), big)


VALID_DOCX = docx
CASES: tuple[Case, ...] = (
    _c("empty.txt", lambda: b"", "empty"),
    _c("empty.docx", lambda: b"", "empty"),
    _c("whitespace.txt", lambda: b"  \r\n\t \r\n  ", "empty"),
    _c("nul_only.txt", lambda: b"\0" * 256, "empty", "binary"),
    _c("truncated.docx", lambda: docx()[: len(docx()) // 2], "not_docx"),
    _c("empty_zip.docx", lambda: package({}), "not_docx"),
    _c("zip_bomb.docx", overlapping_bomb, "zip_bomb", big=True),
    _c("ratio_bomb.docx", ratio_bomb, "zip_bomb", big=True),
    _c("many_members.docx", many_members, "zip_bomb", big=True),
    _c("xxe_file.docx", xxe_file, "xml_entities"),
    _c("xxe_url.docx", xxe_url, "xml_entities"),
    _c("xxe_parameter_entity.docx", parameter_entity, "xml_entities"),
    _c("billion_laughs.docx", billion_laughs, "xml_entities"),
    _c("xxe_in_rels.docx", xxe_in_rels, "xml_entities"),
    _c("xxe_utf16.docx", xxe_utf16, "xml_entities"),
    _c("nested_tables.docx", nested_tables, "too_complex"),
    _c("long_paragraph.docx", long_paragraph_docx, "paragraph_too_long"),
    _c("malformed_xml.docx", lambda: docx(body="<w:p><w:r><w:t>未闭合"), "not_docx"),
    _c("no_document.docx", lambda: package({"hello.txt": "hi"}), "not_docx"),
    _c(
        "odt_renamed.docx",
        lambda: package({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"}),
        "not_docx",
    ),
    _c("encrypted_member.docx", lambda: set_flag(docx(), 0x1), "encrypted"),
    _c("bzip2.docx", lambda: package({"word/document.xml": document_xml(para("正文"))}, zipfile.ZIP_BZIP2), "not_docx"),
    _c("path_traversal.docx", lambda: docx(**{"../../../tmp/evil.xml": "<x/>"}), "not_docx"),
    _c("duplicate_names.docx", lambda: docx(**{"WORD/document.xml": document_xml(para("另一份"))}), "not_docx"),
    _c("macro.docm", lambda: docx(**{"word/vbaProject.bin": OLE + b"\0" * 100}), "macro"),
    _c("macro_renamed.docx", lambda: docx(**{"word/vbaProject.bin": OLE + b"\0" * 100}), "macro"),
    _c(
        "macro_content_type.docx",
        lambda: package(
            {
                "[Content_Types].xml": MACRO_CONTENT_TYPES,
                "_rels/.rels": RELS,
                "word/document.xml": document_xml(para("正文")),
            }
        ),
        "macro",
    ),
    _c("macro.doc", lambda: ole("_VBA_PROJECT".encode("utf-16-le")), "macro"),
    _c("encrypted_ooxml.docx", lambda: ole("EncryptedPackage".encode("utf-16-le")), "encrypted"),
    _c(
        "program.exe.docx",
        lambda: b"MZ\x90\x00\x03\x00\x00\x00" + b"\0" * 120 + b"This program cannot be run in DOS mode",
        "not_docx",
    ),
    _c(
        "program.txt",
        lambda: b"MZ\x90\x00\x03\x00\x00\x00" + b"\0" * 120 + b"This program cannot be run in DOS mode",
        "mismatch",
    ),
    _c("elf.doc", lambda: b"\x7fELF\x02\x01\x01" + b"\0" * 200, "mismatch"),
    _c("page.txt", lambda: b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>", "markup"),
    _c("page_utf8bom.txt", lambda: "\ufeff<html><img src=x onerror=alert(1)></html>".encode(), "markup"),
    _c("page.docx", lambda: b"<html><body><script>alert(document.cookie)</script></body></html>", "not_docx"),
    _c("svg.txt", lambda: b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "markup"),
    _c("report.pdf.docx", lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "not_docx"),
    _c("report.pdf.txt", lambda: b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", "mismatch"),
    _c("image.png.txt", lambda: b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "mismatch"),
    _c("archive.gz.txt", lambda: b"\x1f\x8b\x08\x00" + b"\0" * 64, "mismatch"),
    _c("docx_as.txt", lambda: docx(), "mismatch"),
    _c("docx_as.doc", lambda: docx(), "mismatch"),
    _c(
        "html_as.doc",
        lambda: b"<html xmlns:o='urn:schemas-microsoft-com:office:office'><body>x</body></html>",
        "mismatch",
    ),
    # A few stray NULs are dropped like other stray control characters; many mean binary content.
    _c("nul_bytes.txt", lambda: TEXT.encode() + b"\0" * 64 + TEXT.encode(), "binary"),
    _c("invalid_utf8_not_gb18030.txt", lambda: TEXT.encode() + b"\xff\x80\xfe\xff\x81" + TEXT.encode(), "undecodable"),
    _c("bad_utf8_bom.txt", lambda: b"\xef\xbb\xbf" + TEXT.encode() + b"\xc3\x28\xa0\xa1", "undecodable"),
    _c("odd_utf16_bom.txt", lambda: b"\xff\xfe" + TEXT.encode("utf-16-le") + b"\x00", "undecodable"),
    _c("control_chars.txt", lambda: bytes(range(1, 9)) * 200 + TEXT.encode(), "binary"),
    _c("long_line.txt", long_line_txt, "paragraph_too_long", big=True),
    _c("repeated_paragraphs.docx", repeated_paragraphs_docx, "too_complex", "too_much_text", big=True),
    _c("too_much_text.txt", many_short_paragraphs_txt, "too_much_text", big=True),
    _c("no_extension", lambda: TEXT.encode(), "unsupported"),
    _c("report.html", lambda: b"<html><script>alert(1)</script></html>", "unsupported"),
    _c("drawing.svg", lambda: b'<svg onload="alert(1)"/>', "unsupported"),
    _c("setup.exe", lambda: b"MZ\x90\x00" + b"\0" * 64, "unsupported"),
    _c("sheet.xlsm", lambda: docx(), "macro"),
    _c("only_whitespace_paragraphs.docx", lambda: docx(para("   ") + para("")), "empty"),
)


def load(case: Case) -> bytes:
    """The committed file for a small case, the generated bytes for a big one."""
    if case.big:
        return case.build()
    return (FILES / case.name).read_bytes()


def write_small(folder: Path = FILES) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        if not case.big:
            (folder / case.name).write_bytes(case.build())


if __name__ == "__main__":
    write_small()
    print(f"wrote {sum(not c.big for c in CASES)} files to {FILES}")
