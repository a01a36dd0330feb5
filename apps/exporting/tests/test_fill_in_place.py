"""Fill in place: values written into the uploaded .docx, everything else kept byte for byte."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from apps.exporting.docx_source import open_source
from apps.exporting.fill_in_place import Fill, FillInPlaceError, FillSection, fill_in_place
from apps.exporting.tests.samples import VALUES, fills_for, handmade_docx, sample_bytes
from apps.parsing import parse_draft
from apps.parsing.docx_reader import read_docx
from apps.reports.segments import fill_text

REPO_ROOT = Path(__file__).resolve().parents[3]
DOCX_SAMPLES = [f"{seed}.{form}.docx" for seed in ("000", "004") for form in ("plain", "styled", "numbered")]
NASTY = "<b>&amp;\"引号\"'单'"
_T_ELEMENT = re.compile(rb"<w:t(?:\s[^>]*)?>.*?</w:t>|<w:t/>", re.S)


def expected_texts(result, value_of) -> list[tuple[str, str]]:
    """(heading, body) of each section once filled, as the parser should read them back."""
    out = []
    for s in result.sections:
        heading = [p for p in s.placeholders if p.field == "heading"]
        body = [p for p in s.placeholders if p.field == "body"]
        out.append((fill_text(s.heading, heading, value_of), fill_text(s.body, body, value_of)))
    return out


def by_kind(placeholder) -> str:
    return VALUES[placeholder.kind]


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def skeleton(document: bytes) -> list[bytes]:
    """The main part with every w:t element cut out: what must not change at all."""
    return _T_ELEMENT.split(document)


@pytest.mark.parametrize("name", DOCX_SAMPLES)
def test_reader_sees_the_paragraphs_the_parser_sees(name):
    """Our mapped reader returns exactly the parser's paragraph texts (numbering labels included)."""
    data = sample_bytes(name)
    assert [str(p) for p in open_source(data).paragraphs] == read_docx(data)


def test_reader_parity_on_tables_and_split_runs():
    data = handmade_docx()
    paragraphs = open_source(data).paragraphs
    assert [str(p) for p in paragraphs] == read_docx(data)
    row = next(p for p in paragraphs if p.startswith("粮食产量"))
    assert row.sources[len("粮食产量")] is None, "the cell separator is not in the XML"
    assert row.sources[-1] is not None


@pytest.mark.parametrize("name", DOCX_SAMPLES)
def test_round_trip_every_value_at_its_place(name):
    """Fill every placeholder, parse the result again: same headings, the filled text, nothing else changed."""
    data = sample_bytes(name)
    result = parse_draft(data)
    title, sections = fills_for(result, by_kind)
    filled = fill_in_place(data, title=title, sections=sections)

    again = parse_draft(filled)
    assert [(s.level, s.marker, s.heading_end, s.inline_body) for s in again.sections] == [
        (s.level, s.marker, s.heading_end, s.inline_body) for s in result.sections
    ]
    assert [(s.heading, s.body) for s in again.sections] == expected_texts(result, by_kind)
    assert again.boilerplate_removed == result.boilerplate_removed

    before, after = members(data), members(filled)
    assert list(before) == list(after), "same members in the same order"
    for part, content in before.items():
        if part != "word/document.xml":
            assert after[part] == content, part
    assert skeleton(after["word/document.xml"]) == skeleton(before["word/document.xml"])


def test_a_split_placeholder_takes_its_first_characters_formatting():
    """XX as a plain X and a highlighted X: the value is plain, the highlighted run keeps its format, emptied."""
    data = sample_bytes("000.styled.docx")
    title, sections = fills_for(parse_draft(data), lambda p: "123.4")
    filled = docx.Document(io.BytesIO(fill_in_place(data, title=title, sections=sections)))
    paragraph = next(p for p in filled.paragraphs if p.text.startswith("（一）经济运行"))
    runs = paragraph.runs
    first = next(i for i, r in enumerate(runs) if r.text == "123.4")
    assert runs[first].font.highlight_color is None
    assert runs[first - 1].text == "全县生产总值完成"
    assert runs[first + 1].text == "" and runs[first + 1].font.highlight_color is not None
    assert runs[first + 2].text.startswith("亿元")
    assert paragraph.runs[0].text == "（一）经济运行稳中趋好。", "the heading run is untouched"


def test_handmade_document_keeps_header_table_image_and_formats():
    """Title, split runs, implicit blank, table cell and inline body filled; header and image kept."""
    data = handmade_docx()
    result = parse_draft(data)
    values = iter(["示范", "1,234.5", "56", "78", "9", NASTY])
    chosen = {id(p): next(values) for s in result.sections for p in s.placeholders}
    title, sections = fills_for(result, lambda p: chosen[id(p)])
    filled = fill_in_place(data, title=title, sections=sections)

    document = docx.Document(io.BytesIO(filled))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "示范县2024年工作总结"
    assert texts[1] == "本文系网友投稿，仅供参考", "a line the parser dropped is left alone"
    assert texts[2] == "今年全县生产总值完成1,234.5亿元，财政收入完成56亿元。"
    runs = document.paragraphs[2].runs
    assert [r.text for r in runs] == ["今年全县生产总值完成", "1,234.5", "", "亿元，财政收入完成56亿元。"]
    assert runs[1].bold and not runs[1].italic
    assert runs[2].italic and runs[2].font.highlight_color is not None
    assert document.tables[0].cell(1, 1).text == "78万吨"
    assert texts[-1] == f"（一）项目建设。引进项目9个，总投资{NASTY}亿元。"
    assert document.sections[0].header.paragraphs[0].text == "XX县人民政府办公室", "headers are not the parser's"
    assert len(document.inline_shapes) == 1

    before, after = members(data), members(filled)
    media = [name for name in before if name.startswith("word/media/")]
    assert media and all(after[name] == before[name] for name in media)
    assert after["word/styles.xml"] == before["word/styles.xml"]


def test_values_with_breaks_stay_in_the_run_as_br_and_tab():
    data = handmade_docx()
    result = parse_draft(data)
    title, sections = fills_for(result, lambda p: "甲\n乙\t丙" if p.offset == 4 and p.field == "body" else None)
    filled = fill_in_place(data, title=title, sections=sections)
    paragraph = docx.Document(io.BytesIO(filled)).paragraphs[-1]
    assert paragraph.text == "（一）项目建设。引进项目甲\n乙\t丙个，总投资XX亿元。"
    assert len(paragraph.runs) == 1


def test_empty_values_leave_the_document_as_it_was():
    """A draft with nothing filled changes no byte of any part."""
    data = sample_bytes("000.styled.docx")
    title, sections = fills_for(parse_draft(data), lambda p: None)
    assert members(fill_in_place(data, title=title, sections=sections)) == members(data)


def test_a_placeholder_that_is_not_in_the_document_is_reported():
    data = handmade_docx()
    sections = [FillSection(0, "", "", "", False, "这段话不在文档里XX。", (Fill("body", 8, "XX", "1", "某指标"),))]
    with pytest.raises(FillInPlaceError) as caught:
        fill_in_place(data, title="", sections=sections)
    assert caught.value.code == "unplaced"
    assert "某指标" in caught.value.message
    assert [f.label for f in caught.value.unplaced] == ["某指标"]


def test_a_retyped_title_does_not_shift_the_sections():
    """An unknown title line is skipped; the sections are still found."""
    data = handmade_docx()
    result = parse_draft(data)
    _, sections = fills_for(result, lambda p: None if p.field == "title" else "1")
    filled = fill_in_place(data, title="完全不同的标题", sections=sections)
    assert docx.Document(io.BytesIO(filled)).paragraphs[-1].text == "（一）项目建设。引进项目1个，总投资1亿元。"


def test_not_a_docx_is_refused():
    with pytest.raises(FillInPlaceError) as caught:
        fill_in_place(b"plain text, not a package", title="", sections=[])
    assert caught.value.code == "not_docx"


def test_fill_in_place_does_not_import_django():
    code = "import sys, apps.exporting.fill_in_place, apps.exporting.render; sys.exit('django' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
