"""The .docx reader: document order, tracked changes, content controls, tables, numbering."""

from __future__ import annotations

from apps.parsing import assemble_text, parse_draft
from apps.parsing.docx_reader import read_docx
from apps.parsing.numbering import chinese_number, format_number

from .docx_builder import build, lvl, num, p


def test_tracked_insertions_kept_deletions_skipped_and_sdt_read():
    body = (
        p("标题")
        + p(
            runs="<w:r><w:t>全县</w:t></w:r><w:ins><w:r><w:t>生产总值</w:t></w:r></w:ins>"
            "<w:del><w:r><w:delText>旧文字</w:delText></w:r></w:del><w:r><w:t>完成XX亿元。</w:t></w:r>"
        )
        + "<w:sdt><w:sdtContent>"
        + p("控件里的段落。")
        + "</w:sdtContent></w:sdt>"
        + p(runs="<w:r><w:t>行内</w:t></w:r><w:sdt><w:sdtContent><w:r><w:t>控件</w:t></w:r></w:sdtContent></w:sdt>")
    )
    assert read_docx(build(body)) == ["标题", "全县生产总值完成XX亿元。", "控件里的段落。", "行内控件"]


def test_table_rows_in_document_order_with_merged_cells_once():
    cell = "<w:tc>{}<w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>"
    merged_start = '<w:tcPr><w:vMerge w:val="restart"/></w:tcPr>'
    merged_cont = "<w:tcPr><w:vMerge/></w:tcPr>"
    table = (
        "<w:tbl>"
        f"<w:tr>{cell.format(merged_start, '指标')}{cell.format('', 'XX亿元')}</w:tr>"
        f"<w:tr>{cell.format(merged_cont, '指标')}{cell.format('', 'XX%')}</w:tr>"
        "</w:tbl>"
    )
    paragraphs = read_docx(build(p("前") + table + p("后")))
    assert paragraphs == ["前", "指标\tXX亿元", "XX%", "后"]


NUMBERING = (
    '<w:abstractNum w:abstractNumId="1">'
    + lvl(0, "chineseCounting", "%1、")
    + lvl(1, "chineseCounting", "（%1）")
    + lvl(2, "decimal", "%3.")
    + lvl(3, "decimalEnclosedCircle", "%4")
    + "</w:abstractNum>"
    + '<w:abstractNum w:abstractNumId="2">'
    + lvl(0, "decimalFullWidth", "%1．", start=3)
    + "</w:abstractNum>"
    + '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
    + '<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>'
    + '<w:num w:numId="3"><w:abstractNumId w:val="1"/>'
    + '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
)
STYLES = (
    '<w:style w:type="paragraph" w:styleId="H1"><w:pPr>' + num(1, 0) + "</w:pPr></w:style>"
    '<w:style w:type="paragraph" w:styleId="H1b"><w:basedOn w:val="H1"/></w:style>'
)


def test_word_numbering_is_rendered():
    body = (
        p("标题")
        + p("总体情况", num(1, 0))
        + p("经济运行。全县平稳。", num(1, 1))
        + p("工业。稳中有进。", num(1, 2))
        + p("第一项", num(1, 3))
        + p("第二项", num(1, 3))
        + p("下步打算", '<w:pStyle w:val="H1b"/>')  # numbering inherited through the style chain
        + p("不编号", '<w:pStyle w:val="H1"/>' + num(0, 0))  # numId 0 switches numbering off
        + p("全角", num(2, 0))
        + p("重新开始", num(3, 0))
    )
    paragraphs = read_docx(build(body, NUMBERING, STYLES))
    assert paragraphs == [
        "标题",
        "一、总体情况",
        "（一）经济运行。全县平稳。",
        "1.工业。稳中有进。",
        "①第一项",
        "②第二项",
        "二、下步打算",
        "不编号",
        "３．全角",
        "五、重新开始",
    ]


def test_numbered_docx_headings_parse():
    body = p("报告") + p("总体情况", num(1, 0)) + p("经济运行。全县XX亿元。", num(1, 1)) + p("打算", num(1, 0))
    result = parse_draft(build(body, NUMBERING), filename="x.docx")
    assert [(s.level, s.number, s.heading) for s in result.sections if s.level] == [
        (1, "一", "总体情况"),
        (2, "一", "经济运行"),
        (1, "二", "打算"),
    ]
    assert assemble_text(result).startswith("报告\n一、总体情况\n（一）经济运行。")


def test_chinese_counting():
    assert [chinese_number(n) for n in (1, 10, 11, 20, 21, 100, 101, 110)] == [
        "一",
        "十",
        "十一",
        "二十",
        "二十一",
        "一百",
        "一百零一",
        "一百一十",
    ]
    assert format_number(3, "decimalEnclosedCircle") == "③"
    assert format_number(2, "chineseCountingThousand") == "二"
    assert format_number(12, "decimalFullWidth") == "１２"
