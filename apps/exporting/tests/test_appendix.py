"""The appendix pages of a draft export (ExportAppendix): heading, inline picture, caption and table.
Built from plain data: no database."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

import docx
from docx.shared import Mm

from apps.exporting.builders import ExportAppendix, ExportDocument, ExportSection, Segment, build_docx
from apps.sheets.png import png_rgb

PNG_2X1 = png_rgb(2, 1, [bytes([0, 0, 0, 255, 255, 255])])  # 2 x 1 pixels (tests may use any app)


def _document(**changes) -> ExportDocument:
    section = ExportSection(1, "一、", (Segment("工作回顾"),), "", False, ((Segment("全县生产总值增长。"),),))
    fields = {"title": "报告", "sections": (section,), "draft": True}
    fields.update(changes)
    return ExportDocument(**fields)


APPENDIX = ExportAppendix(
    title="附：主要指标本年与上年对比",
    png=PNG_2X1,
    width_mm=400,  # wider than the type area: kept within it
    rows=(("指标", "本年", "上年", "增长"), ("生产总值（亿元）", "330.1", "312.6", "5.6%")),
    caption="深色：本年　浅色：上年",
)


def test_an_appendix_ends_the_document_with_heading_picture_caption_and_table():
    data = build_docx(_document(appendices=(APPENDIX,)))
    with zipfile.ZipFile(BytesIO(data)) as z:
        media = [n for n in z.namelist() if re.fullmatch(r"word/media/[^/]+\.png", n)]
        assert len(media) == 1 and z.read(media[0]) == PNG_2X1
        xml = z.read("word/document.xml").decode()
    assert xml.count("<w:drawing>") == 1
    d = docx.Document(BytesIO(data))
    texts = [p.text for p in d.paragraphs]
    heading = texts.index("附：主要指标本年与上年对比")
    assert texts[heading + 2] == "深色：本年　浅色：上年" and heading > texts.index("一、工作回顾")
    heading_p = d.paragraphs[heading]._p
    assert heading_p.find(".//{*}pageBreakBefore") is not None and heading_p.find(".//{*}outlineLvl") is not None
    assert d.inline_shapes[0].width <= Mm(156.1)
    assert abs(d.inline_shapes[0].height * 2 - d.inline_shapes[0].width) <= 2  # the picture's own ratio (2 x 1)
    assert [[c.text for c in row.cells] for row in d.tables[0].rows] == [list(r) for r in APPENDIX.rows]


def test_without_appendices_there_is_no_picture_nor_table():
    data = build_docx(_document())
    with zipfile.ZipFile(BytesIO(data)) as z:
        assert not [n for n in z.namelist() if n.startswith("word/media/")]
        assert "<w:drawing" not in z.read("word/document.xml").decode()
    assert not docx.Document(BytesIO(data)).tables
