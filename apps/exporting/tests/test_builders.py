"""Tests of the GB/T 9704 Word builder: build, reopen the bytes, check the XML."""

from __future__ import annotations

import datetime
import itertools
import subprocess
import sys
from pathlib import Path

import pytest

from apps.exporting.builders import (
    EMPTY_MARKER,
    ExportDocument,
    ExportSection,
    FontProfile,
    Segment,
    build_docx,
)
from apps.exporting.docx_xml import W_NS
from apps.exporting.tests import docx_parts, docx_text
from apps.exporting.text_layout import balance_title, format_date, signature_indents, text_width

NS = {"w": W_NS}
REPO_ROOT = Path(__file__).resolve().parents[3]
TITLE = "XX县人民政府关于2024年度法治政府建设情况的报告"


def w(name: str) -> str:
    return f"{{{W_NS}}}{name}"


def seg(text: str) -> Segment:
    return Segment(text)


def value(text: str) -> Segment:
    return Segment(text, placeholder=True)


def blank(raw: str = "") -> Segment:
    return Segment(raw, placeholder=True, empty=True)


def sample(**changes) -> ExportDocument:
    """A short report with every level, inline bodies, filled and empty values."""
    fields = {
        "title": TITLE,
        "sections": (
            ExportSection(0, "", (), "", False, ((seg("2024年，全县生产总值达"), value("123.4"), seg("亿元。")),)),
            ExportSection(
                1,
                "一、",
                (seg("主要成绩"),),
                "",
                False,
                ((seg("全县完成投资"), blank("XX"), seg("亿元，增长"), blank(), seg("%。")),),
            ),
            ExportSection(
                2,
                "（一）",
                (seg("经济运行稳中趋好"),),
                "。",
                True,
                (
                    (seg("全县规上工业增加值"), value("45.6"), seg("亿元。")),
                    (seg("第二段正文。"),),
                ),
            ),
            ExportSection(3, "1.", (seg("农业生产"),), "。", False, ((seg("粮食"), value("7.8"), seg("万吨。")),)),
            ExportSection(4, "（1）", (seg("粮食"),), "", False, ((seg("第四级正文。"),),)),
        ),
        "signer": "XX县人民政府",
        "date": datetime.date(2019, 1, 8),
    }
    fields.update(changes)
    return ExportDocument(**fields)


def draft_sample() -> ExportDocument:
    return sample(draft=True, empty_labels=("一、主要成绩：全县完成投资（亿元）", "一、主要成绩：增长（%）"))


@pytest.fixture(scope="module")
def final_parts():
    return docx_parts(build_docx(sample()))


@pytest.fixture(scope="module")
def draft_parts():
    return docx_parts(build_docx(draft_sample()))


def body_paragraphs(parts) -> list:
    return parts["word/document.xml"].findall("w:body/w:p", NS)


def paragraph_text(p) -> str:
    return "".join(t.text or "" for t in p.iter(w("t")))


def paragraph_starting(parts, prefix: str):
    return next(p for p in body_paragraphs(parts) if paragraph_text(p).startswith(prefix))


def run_fonts(run) -> dict[str, str]:
    rfonts = run.find("w:rPr/w:rFonts", NS)
    return {key.split("}")[1]: val for key, val in rfonts.attrib.items()}


def run_size(run) -> int:
    return int(run.find("w:rPr/w:sz", NS).get(w("val")))


def all_parts_text(parts) -> str:
    return "".join(t.text or "" for root in parts.values() for t in root.iter(w("t")))


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


# --------------------------------------------------------------------------
# Page numbers


def footer_roots(parts):
    """(odd, even) footer roots, found through the section's references."""
    rels = parts["word/_rels/document.xml.rels"]
    targets = {rel.get("Id"): rel.get("Target") for rel in rels}
    sect = parts["word/document.xml"].find("w:body/w:sectPr", NS)
    refs = {ref.get(w("type")): ref.get(f"{{{NS_R}}}id") for ref in sect.findall("w:footerReference", NS)}
    return parts["word/" + targets[refs["default"]]], parts["word/" + targets[refs["even"]]]


NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def test_odd_and_even_footers_with_page_fields(final_parts):
    """— PAGE — in 宋体 14 pt: odd right-aligned one character in, even left-aligned."""
    assert final_parts["word/settings.xml"].find("w:evenAndOddHeaders", NS) is not None
    odd, even = footer_roots(final_parts)
    for root, side in ((odd, "right"), (even, "left")):
        (p,) = root.findall("w:p", NS)
        assert p.find("w:pPr/w:jc", NS).get(w("val")) == side
        ind = p.find("w:pPr/w:ind", NS)
        assert ind.get(w(f"{side}Chars")) == "100"
        assert ind.get(w(side)) == "280"
        chars = [el.get(w("fldCharType")) for el in p.iter(w("fldChar"))]
        assert chars == ["begin", "separate", "end"]
        assert [el.text.strip() for el in p.iter(w("instrText"))] == ["PAGE"]
        texts = [t.text for t in p.iter(w("t"))]
        assert texts[0] == "— " and texts[-1] == " —"
        for run in p.findall("w:r", NS):
            fonts = run_fonts(run)
            assert fonts["ascii"] == fonts["hAnsi"] == fonts["eastAsia"] == "宋体"
            assert run_size(run) == 28


def test_footer_distance_puts_number_under_type_area(final_parts):
    """7 mm under the type area, less half the 14 pt line: about 25.5 mm from the edge."""
    margins = final_parts["word/document.xml"].find("w:body/w:sectPr/w:pgMar", NS)
    footer_mm = int(margins.get(w("footer"))) * 25.4 / 1440
    assert 25 < footer_mm < 26


# --------------------------------------------------------------------------
# Draft and final


def header_texts(parts) -> list[str]:
    return [paragraph_text(root) for name, root in parts.items() if name.startswith("word/header")]


def test_draft_header_on_odd_and_even_pages(draft_parts):
    sect = draft_parts["word/document.xml"].find("w:body/w:sectPr", NS)
    types = sorted(ref.get(w("type")) for ref in sect.findall("w:headerReference", NS))
    assert types == ["default", "even"]
    assert header_texts(draft_parts) == ["草稿", "草稿"]


def test_draft_highlights_only_empty_placeholders(draft_parts):
    highlighted = [
        paragraph_text(run)
        for run in draft_parts["word/document.xml"].iter(w("r"))
        if run.find("w:rPr/w:highlight", NS) is not None
    ]
    assert highlighted == ["XX", EMPTY_MARKER]
    for run in draft_parts["word/document.xml"].iter(w("r")):
        if run.find("w:rPr/w:highlight", NS) is not None:
            assert run.find("w:rPr/w:highlight", NS).get(w("val")) == "yellow"
            assert run_fonts(run)["eastAsia"] == "仿宋_GB2312"


def test_empty_placeholder_in_heading_keeps_heading_font():
    """A blank inside a heading is highlighted in the heading's own font."""
    document = sample(
        draft=True, sections=(ExportSection(1, "一、", (seg("完成"), blank(), seg("项任务")), "", False, ()),)
    )
    parts = docx_parts(build_docx(document))
    runs = paragraph_starting(parts, "一、").findall("w:r", NS)
    assert [paragraph_text(r) for r in runs] == ["一、完成", EMPTY_MARKER, "项任务"]
    assert runs[1].find("w:rPr/w:highlight", NS) is not None
    assert {run_fonts(r)["eastAsia"] for r in runs} == {"黑体"}


def test_draft_last_page_lists_empty_labels(draft_parts):
    paragraphs = body_paragraphs(draft_parts)
    texts = [paragraph_text(p) for p in paragraphs]
    start = texts.index("待填写项")
    assert paragraphs[start].find("w:pPr/w:pageBreakBefore", NS) is not None
    assert texts[start + 1 :] == ["", "1. 一、主要成绩：全县完成投资（亿元）", "2. 一、主要成绩：增长（%）"]
    assert texts[start - 1] == "2019年1月8日", "the list comes after the signature block"


def test_final_has_no_highlight_and_no_draft_marks(final_parts):
    assert not [el for root in final_parts.values() for el in root.iter(w("highlight"))]
    assert "草稿" not in all_parts_text(final_parts)
    assert "待填写项" not in all_parts_text(final_parts)
    assert not any(name.startswith("word/header") for name in final_parts)


def test_filled_placeholder_is_plain_text_in_context_run(final_parts):
    """A filled value merges into the surrounding run: same font, no highlight."""
    p = paragraph_starting(final_parts, "2024年")
    runs = p.findall("w:r", NS)
    assert [paragraph_text(r) for r in runs] == ["2024年，全县生产总值达123.4亿元。"]


def test_empty_labels_ignored_in_final():
    texts = docx_text(build_docx(sample(empty_labels=("x",))))
    assert "待填写项" not in texts


# --------------------------------------------------------------------------
# Inline body, signature, title


def test_inline_body_continues_heading_paragraph(final_parts):
    """（一）heading。body… in one paragraph: heading run in 楷体, body run in 仿宋."""
    p = paragraph_starting(final_parts, "（一）")
    runs = p.findall("w:r", NS)
    assert [paragraph_text(r) for r in runs] == ["（一）经济运行稳中趋好。", "全县规上工业增加值45.6亿元。"]
    assert run_fonts(runs[0])["eastAsia"] == "楷体_GB2312"
    assert run_fonts(runs[1])["eastAsia"] == "仿宋_GB2312"
    assert p.find("w:pPr/w:keepNext", NS) is None
    standalone = paragraph_starting(final_parts, "1.")
    assert standalone.find("w:pPr/w:keepNext", NS) is not None, "a heading on its own stays with its body"


def test_inline_body_without_paragraphs_is_heading_only():
    document = sample(sections=(ExportSection(2, "（二）", (seg("其他"),), "。", True, ()),))
    assert docx_text(build_docx(document))[2:3] == ["（二）其他。"]


def test_signature_block(final_parts):
    """Blank line, signer and date right-aligned; the date starts two characters right of the signer."""
    paragraphs = body_paragraphs(final_parts)
    blank_line, signer, date = paragraphs[-3:]
    assert paragraph_text(blank_line) == ""
    assert paragraph_text(signer) == "XX县人民政府"
    assert paragraph_text(date) == "2019年1月8日"
    for p in (signer, date):
        assert p.find("w:pPr/w:jc", NS).get(w("val")) == "right"
    signer_right = int(signer.find("w:pPr/w:ind", NS).get(w("rightChars"))) / 100
    date_right = int(date.find("w:pPr/w:ind", NS).get(w("rightChars"))) / 100
    assert date_right >= 2
    signer_start = signer_right + text_width("XX县人民政府")
    date_start = date_right + text_width("2019年1月8日")
    assert signer_start - date_start == pytest.approx(2)


def test_signature_indent_rule():
    """GB/T 9704 7.3.5.2: signer 2 字 from the right unless the date needs more room."""
    assert signature_indents("中共XX县委员会办公室XX县人民政府办公室", "2019年1月8日") == (2.0, 13.0)
    assert signature_indents("XX县人民政府", "2019年1月8日") == (4.0, 2.0)
    assert signature_indents("", "2019年1月8日") == (2.0, 2.0)
    assert signature_indents("XX局", "") == (2.0, 2.0)


def test_no_signature_block_without_signer_or_date():
    texts = docx_text(build_docx(sample(signer="", date=None)))
    assert texts[-1] == "第四级正文。"


def test_date_has_no_zero_padding():
    assert format_date(datetime.date(2019, 1, 8)) == "2019年1月8日"
    assert format_date(datetime.date(2024, 12, 31)) == "2024年12月31日"


def test_title_split_into_balanced_lines_with_breaks(final_parts):
    p = body_paragraphs(final_parts)[0]
    run = p.find("w:r", NS)
    assert [child.tag for child in run][1:] == [w("t"), w("br"), w("t")]
    assert p.find("w:pPr/w:snapToGrid", NS).get(w("val")) == "0"


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        ("XX县2024年政府工作报告", ["XX县2024年政府工作报告"]),
        (TITLE, ["XX县人民政府关于2024年度", "法治政府建设情况的报告"]),
        ("XX县发展和改革局2024年工作总结及2025年工作计划", ["XX县发展和改革局2024年", "工作总结及2025年工作计划"]),
        (
            "中共XX县委员会办公室 XX县人民政府办公室关于印发工作要点的通知",
            ["中共XX县委员会办公室 XX县人民政府办公室", "关于印发工作要点的通知"],
        ),
        ("手动\n分行的标题", ["手动", "分行的标题"]),
    ],
)
def test_balance_title(title, lines):
    assert balance_title(title, 20) == lines


def test_balance_title_keeps_lines_within_width_and_words_whole():
    title = (
        "中共XX县委办公室 XX县人民政府办公室"
        "关于进一步加强和改进新时代基层治理体系和治理能力现代化建设工作的实施意见（试行）"
    )
    lines = balance_title(title, 20)
    assert "".join(lines) == title
    assert len(lines) == 3
    widths = [text_width(line) for line in lines]
    assert max(widths) <= 20
    assert max(widths) - min(widths) <= 3, widths
    for line in lines[1:]:
        assert line[0] not in "，。、；：）》”"
    for a, b in itertools.pairwise(lines):
        assert not (a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum()), (a, b)


def test_balance_title_never_splits_numbers():
    lines = balance_title("关于下达2024年度第二批中央财政衔接推进乡村振兴补助资金12345.67万元的通知", 20)
    assert any("12345.67" in line for line in lines)
    assert any("2024" in line for line in lines)


# --------------------------------------------------------------------------
# Well-formedness and isolation

RPR_ORDER = ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "color", "spacing", "sz", "szCs", "highlight", "u", "lang"]
PPR_ORDER = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "widowControl",
    "snapToGrid",
    "spacing",
    "ind",
    "jc",
    "outlineLvl",
    "rPr",
]


def test_property_children_in_schema_order(draft_parts):
    """Word reports "unreadable content" when rPr/pPr children are out of schema order."""
    for name, root in draft_parts.items():
        for tag, order in (("rPr", RPR_ORDER), ("pPr", PPR_ORDER)):
            for props in root.iter(w(tag)):
                names = [child.tag.split("}")[1] for child in props]
                known = [n for n in names if n in order]
                assert known == sorted(known, key=order.index), (name, names)


def test_builders_do_not_import_django():
    code = "import sys, apps.exporting.builders; sys.exit('django' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
