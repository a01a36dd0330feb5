"""Tests of the GB/T 9704 Word builder: build, reopen the bytes, check the XML (text, page, fonts)."""

from __future__ import annotations

import pytest

from apps.exporting.builders import (
    EMPTY_MARKER,
    ExportDocument,
    ExportSection,
    FontProfile,
    build_docx,
)
from apps.exporting.tests import docx_parts, docx_text
from apps.exporting.tests.builder_helpers import (
    NS,
    body_paragraphs,
    paragraph_starting,
    run_fonts,
    run_size,
    sample,
    seg,
    value,
    w,
)

# --------------------------------------------------------------------------
# Text and order


def test_every_value_appears_in_its_paragraph_in_order():
    """Body paragraphs read back as title, blank, preamble, headings and values in order."""
    texts = docx_text(build_docx(sample()))
    assert texts == [
        "XX县人民政府关于2024年度\n法治政府建设情况的报告",
        "",
        "2024年，全县生产总值达123.4亿元。",
        "一、主要成绩",
        f"全县完成投资XX亿元，增长{EMPTY_MARKER}%。",
        "（一）经济运行稳中趋好。全县规上工业增加值45.6亿元。",
        "第二段正文。",
        "1.农业生产。",
        "粮食7.8万吨。",
        "（1）粮食",
        "第四级正文。",
        "",
        "XX县人民政府",
        "2019年1月8日",
    ]


def test_special_characters_survive():
    """Markup characters are escaped, control characters dropped, line feeds and tabs kept."""
    nasty = "a<b & \"c\" 'd' </w:t>]]>"
    document = sample(
        title="A&B <报告>",
        sections=(
            ExportSection(
                0,
                "",
                (),
                "",
                False,
                (
                    (seg("前"), value(nasty), seg("后\x00\x07\x1f\ud800\ufffe")),
                    (seg("第一行\n第二行\t制表"),),
                ),
            ),
        ),
        signer='"局"&<办>',
    )
    texts = docx_text(build_docx(document))
    assert texts[0] == "A&B <报告>"
    assert texts[2] == f"前{nasty}后"
    assert texts[3] == "第一行\n第二行\t制表"
    assert '"局"&<办>' in texts


def test_empty_document_builds():
    """No title, no sections, no signature: still a valid document with footers."""
    parts = docx_parts(build_docx(ExportDocument(title="", sections=())))
    assert body_paragraphs(parts) == []
    assert parts["word/document.xml"].find("w:body/w:sectPr", NS) is not None


def test_invalid_level_raises():
    with pytest.raises(ValueError, match="level"):
        build_docx(sample(sections=(ExportSection(5, "①", (seg("x"),), "", False, ()),)))


def test_preamble_has_no_heading_paragraph(final_parts):
    """A level-0 section contributes only body paragraphs, indented, in the body font."""
    p = paragraph_starting(final_parts, "2024年")
    assert p.find("w:pPr/w:outlineLvl", NS) is None
    assert run_fonts(p.find("w:r", NS))["eastAsia"] == "仿宋_GB2312"


# --------------------------------------------------------------------------
# Page


def test_page_size_and_margins(final_parts):
    """A4 with margins 37/35/28/26 mm, in twips."""
    sect = final_parts["word/document.xml"].find("w:body/w:sectPr", NS)
    size = sect.find("w:pgSz", NS)
    assert (size.get(w("w")), size.get(w("h"))) == ("11906", "16838")
    margins = sect.find("w:pgMar", NS)
    assert margins.get(w("top")) == "2098"  # 37 mm
    assert margins.get(w("bottom")) == "1984"  # 35 mm
    assert margins.get(w("left")) == "1587"  # 28 mm
    assert margins.get(w("right")) == "1474"  # 26 mm
    assert margins.get(w("gutter")) == "0"


def test_document_grid_and_exact_line_spacing(final_parts):
    """22 lines of 28 characters in every suite (ADR 0051): a line grid, exact 28.95 pt lines,
    and a character spacing of -0.25 pt instead of a character grid."""
    sect = final_parts["word/document.xml"].find("w:body/w:sectPr", NS)
    grid = sect.find("w:docGrid", NS)
    assert grid.get(w("type")) == "lines"
    assert grid.get(w("linePitch")) == "579"
    assert grid.get(w("charSpace")) is None
    assert sect[-1].tag == w("docGrid"), "docGrid must follow pgSz/pgMar/cols"
    # 8845 twips / 28 = 15.79 pt a character: 16 pt - 0.25 pt, rounded towards narrower.
    default_rpr = final_parts["word/styles.xml"].find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert default_rpr.find("w:spacing", NS).get(w("val")) == "-5"
    normal = final_parts["word/styles.xml"].find("w:style[@w:styleId='Normal']", NS)
    assert normal.find("w:rPr/w:spacing", NS).get(w("val")) == "-5"
    spacing = normal.find("w:pPr/w:spacing", NS)
    assert (spacing.get(w("line")), spacing.get(w("lineRule"))) == ("579", "exact")
    assert normal.find("w:pPr/w:widowControl", NS).get(w("val")) == "0"


# --------------------------------------------------------------------------
# Fonts


def test_title_font_size_centred_not_bold(final_parts):
    p = body_paragraphs(final_parts)[0]
    assert p.find("w:pPr/w:jc", NS).get(w("val")) == "center"
    run = p.find("w:r", NS)
    assert run_fonts(run)["eastAsia"] == "方正小标宋简体"
    assert run_fonts(run)["ascii"] == "Times New Roman"
    assert run_size(run) == 44
    assert run.find("w:rPr/w:b", NS) is None


@pytest.mark.parametrize(
    ("prefix", "level", "east_asia"),
    [("一、", 1, "黑体"), ("（一）", 2, "楷体_GB2312"), ("1.", 3, "仿宋_GB2312"), ("（1）", 4, "仿宋_GB2312")],
)
def test_heading_fonts_per_level(final_parts, prefix, level, east_asia):
    """Each level's heading run: its Chinese font in eastAsia, Times New Roman in ascii/hAnsi, 16 pt."""
    p = paragraph_starting(final_parts, prefix)
    run = p.find("w:r", NS)
    fonts = run_fonts(run)
    assert fonts["eastAsia"] == east_asia
    assert fonts["ascii"] == fonts["hAnsi"] == "Times New Roman"
    assert run_size(run) == 32
    assert run.find("w:rPr/w:b", NS) is None, "GB/T 9704 names faces only: no bold by default"
    assert p.find("w:pPr/w:outlineLvl", NS).get(w("val")) == str(level - 1)


def test_body_font_and_first_line_indent(final_parts):
    """Body: 仿宋_GB2312 16 pt, Times New Roman for digits, indented two characters."""
    p = paragraph_starting(final_parts, "第二段")
    ind = p.find("w:pPr/w:ind", NS)
    assert ind.get(w("firstLineChars")) == "200"
    assert ind.get(w("firstLine")) == "640"
    run = p.find("w:r", NS)
    assert run_fonts(run)["eastAsia"] == "仿宋_GB2312"
    assert run_fonts(run)["ascii"] == run_fonts(run)["hAnsi"] == "Times New Roman"
    assert run_size(run) == 32
    for prefix in ("一、", "（一）", "1.", "（1）"):
        ind = paragraph_starting(final_parts, prefix).find("w:pPr/w:ind", NS)
        assert ind.get(w("firstLineChars")) == "200", prefix


def test_every_run_has_east_asia_font_and_is_black(final_parts, draft_parts):
    for parts in (final_parts, draft_parts):
        for name, root in parts.items():
            for run in root.iter(w("r")):
                fonts = run_fonts(run)
                assert fonts.get("eastAsia"), name
                assert fonts.get("ascii") and fonts.get("hAnsi"), name
                assert run.find("w:rPr/w:color", NS).get(w("val")) == "000000", name


def test_every_run_hints_east_asia_so_shared_punctuation_takes_the_chinese_font(final_parts, draft_parts):
    """“ ” ‘ ’ — … belong to both scripts: without w:hint="eastAsia" Word sets them in the Latin font."""
    runs = 0
    for parts in (final_parts, draft_parts):
        for name, root in parts.items():
            for run in root.iter(w("r")):
                runs += 1
                assert run.find("w:rPr/w:rFonts", NS).get(w("hint")) == "eastAsia", name
    assert runs > 10


def test_profile_fonts_and_bold_levels():
    """Font names and bold levels come from the organisation's profile."""
    profile = FontProfile(
        title="方正小标宋_GBK",
        body="方正仿宋_GBK",
        level1="方正黑体_GBK",
        level2="方正楷体_GBK",
        latin="Arial",
        bold_levels=(2, 3),
    )
    parts = docx_parts(build_docx(sample(), profile))
    title_run = body_paragraphs(parts)[0].find("w:r", NS)
    assert run_fonts(title_run)["eastAsia"] == "方正小标宋_GBK"
    assert run_fonts(title_run)["ascii"] == "Arial"
    level1 = paragraph_starting(parts, "一、").find("w:r", NS)
    level2 = paragraph_starting(parts, "（一）").find("w:r", NS)
    level3 = paragraph_starting(parts, "1.").find("w:r", NS)
    assert run_fonts(level1)["eastAsia"] == "方正黑体_GBK"
    assert level1.find("w:rPr/w:b", NS) is None
    assert run_fonts(level2)["eastAsia"] == "方正楷体_GBK"
    assert level2.find("w:rPr/w:b", NS) is not None
    assert level3.find("w:rPr/w:b", NS) is not None
    normal = parts["word/styles.xml"].find("w:style[@w:styleId='Normal']", NS)
    assert normal.find("w:rPr/w:rFonts", NS).get(w("eastAsia")) == "方正仿宋_GBK"


def test_no_theme_font_attributes_anywhere(final_parts, draft_parts):
    """Theme fonts override explicit names in Word, so none may remain."""
    for parts in (final_parts, draft_parts):
        assert "word/stylesWithEffects.xml" not in parts
        for name in ("word/styles.xml", "word/document.xml", *(n for n in parts if "/header" in n or "/footer" in n)):
            for rfonts in parts[name].iter(w("rFonts")):
                for attr in ("asciiTheme", "eastAsiaTheme", "hAnsiTheme", "cstheme"):
                    assert rfonts.get(w(attr)) is None, (name, attr)


def test_styles_carry_east_asia_font_and_zh_cn(final_parts):
    styles = final_parts["word/styles.xml"]
    defaults = styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert defaults.find("w:rFonts", NS).get(w("eastAsia")) == "仿宋_GB2312"
    assert defaults.find("w:lang", NS).get(w("eastAsia")) == "zh-CN"
    assert defaults.find("w:sz", NS).get(w("val")) == "32"
    normal = styles.find("w:style[@w:styleId='Normal']", NS)
    assert normal.find("w:rPr/w:rFonts", NS).get(w("eastAsia")) == "仿宋_GB2312"
    assert normal.find("w:rPr/w:lang", NS).get(w("eastAsia")) == "zh-CN"
    settings = final_parts["word/settings.xml"]
    assert settings.find("w:themeFontLang", NS).get(w("eastAsia")) == "zh-CN"
    assert "ja-JP" not in "".join(
        v for root in final_parts.values() for el in root.iter(w("lang")) for v in el.attrib.values()
    )
