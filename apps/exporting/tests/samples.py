"""Documents and reports the exporting tests share."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from docx import Document
from docx.enum.text import WD_COLOR_INDEX

from apps.exporting.fill_in_place import Fill, FillSection

SAMPLES = Path(__file__).resolve().parents[2] / "parsing" / "tests" / "samples"

# A value for each placeholder kind, as a user would fill it.
VALUES = {
    "number": "12.5",
    "percent": "7.2",
    "rank": "3",
    "year": "2019",
    "date": "2019年1月8日",
    "name": "城南",
    "text": "稳中有进",
}


def sample_bytes(name: str) -> bytes:
    """A file of the parser's samples (``000.styled.docx``, ``000.utf8.txt`` …)."""
    return (SAMPLES / name).read_bytes()


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


def handmade_docx() -> bytes:
    """A small draft with what fill-in-place must keep: a header, a table, an image, run formatting.

    Its title holds a placeholder, one ``XX`` is split over a bold run and an
    italic highlighted run, ``完成亿元`` is an implicit blank, a table cell and
    an inline body hold more, and a boilerplate line is removed by the parser.
    """
    doc = Document()
    doc.sections[0].header.paragraphs[0].text = "XX县人民政府办公室"
    doc.add_paragraph("XX县2024年工作总结")
    doc.add_paragraph("本文系网友投稿，仅供参考")
    p = doc.add_paragraph("今年全县生产总值完成")
    run = p.add_run("X")
    run.bold = True
    run = p.add_run("X")
    run.italic = True
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    p.add_run("亿元，财政收入完成亿元。")
    doc.add_paragraph("一、主要工作")
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "指标"
    table.cell(0, 1).text = "数值"
    table.cell(1, 0).text = "粮食产量"
    table.cell(1, 1).text = "XX万吨"
    doc.add_picture(io.BytesIO(_png()))
    doc.add_paragraph("（一）项目建设。引进项目XX个，总投资XX亿元。")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def fills_for(result, value_of) -> tuple[str, list[FillSection]]:
    """(title, sections) of a parse, each placeholder filled with ``value_of(placeholder)``."""
    sections = [
        FillSection(
            s.level,
            s.marker,
            s.heading,
            s.heading_end,
            s.inline_body,
            s.body,
            tuple(Fill(p.field, p.offset, p.raw, value_of(p), p.label) for p in s.placeholders),
        )
        for s in result.sections
    ]
    return result.title, sections


def with_gbt_grid(data: bytes) -> bytes:
    """``data`` (a .docx) set up as a Word user sets up a 公文: A4, GB/T 9704 margins, 16 pt,
    exact 28.95 pt lines and Word's ``linesAndChars`` grid of 28 × 22 (``charSpace`` −841).

    The upload the fill-in-place export starts from when an office drafts in a GB/T 9704 template.
    """
    import re
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    document = src.read("word/document.xml").decode()
    document = re.sub(r"<w:pgSz [^>]*/>", '<w:pgSz w:w="11906" w:h="16838"/>', document)
    document = re.sub(
        r"<w:pgMar [^>]*/>",
        '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" '
        'w:header="851" w:footer="1418" w:gutter="0"/>',
        document,
    )
    document = re.sub(
        r"<w:docGrid [^>]*/>", '<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-841"/>', document
    )
    document = re.sub(r'<w:sz w:val="\d+"/>', '<w:sz w:val="32"/>', document)
    document = re.sub(r'<w:szCs w:val="\d+"/>', '<w:szCs w:val="32"/>', document)
    styles = src.read("word/styles.xml").decode()
    styles = re.sub(r'(<w:rPrDefault><w:rPr>.*?)<w:sz w:val="\d+"/>', r'\1<w:sz w:val="32"/>', styles, count=1)
    styles = re.sub(
        r"<w:pPrDefault>.*?</w:pPrDefault>",
        '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="579" w:lineRule="exact"/></w:pPr></w:pPrDefault>',
        styles,
        count=1,
    )
    replaced = {"word/document.xml": document.encode(), "word/styles.xml": styles.encode()}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, replaced.get(info.filename, src.read(info)))
    return out.getvalue()
