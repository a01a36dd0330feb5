"""Tests of the GB/T 9704 Word builder: page numbers, draft and final marks, inline bodies, signature, title."""

from __future__ import annotations

import datetime
import itertools
import subprocess
import sys

import pytest

from apps.exporting.builders import (
    EMPTY_MARKER,
    ExportSection,
    build_docx,
)
from apps.exporting.tests import docx_parts, docx_text
from apps.exporting.tests.builder_helpers import (
    NS,
    REPO_ROOT,
    TITLE,
    all_parts_text,
    blank,
    body_paragraphs,
    paragraph_starting,
    paragraph_text,
    run_fonts,
    run_size,
    sample,
    seg,
    w,
)
from apps.exporting.text_layout import balance_title, format_date, signature_indents, text_width

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
