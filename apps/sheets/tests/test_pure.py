"""The pure modules of the sheets app: reading bureau sheets, matching names and units, last year's figures,
the chart. No database."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

from apps.sheets.bureau import number, read_table
from apps.sheets.charts import Pair, bars_svg
from apps.sheets.figures import Figure, describe, draftify, figures_from_text
from apps.sheets.matching import Target, convert, match_figures, match_rows, normalize_name, similarity, unit_factor
from apps.sheets.tests.helpers import xlsx
from apps.sheets.workbook import SheetRow, build_sheet, read_app_sheet, read_grids

PURE = ("workbook", "bureau", "matching", "figures", "charts", "png")


def test_the_pure_modules_import_no_django():
    code = (
        "import sys\n"
        + "".join(f"import apps.sheets.{m}\n" for m in PURE)
        + ("assert not [m for m in sys.modules if m == 'django' or m.startswith('django.')], 'django imported'")
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_bureau_numbers_stored_as_text_with_percent_and_rank_words():
    assert number(" 1,234.50 ") == "1234.5"
    assert number("7.8%") == "7.8"
    assert number("-3.2％") == "-3.2"
    assert number("第3位") == "3"
    assert number("—") == ""
    assert number("待定") is None


def test_aliases_and_scope_make_names_equal():
    assert normalize_name("GDP") == normalize_name("地区生产总值") == normalize_name("全县生产总值（亿元）")
    assert similarity("GDP", "生产总值") >= 0.95
    assert similarity("社会消费品零售总额", "固定资产投资") == 0
    assert similarity("城镇居民人均可支配收入", "农村居民人均可支配收入") < 0.6


def test_units_convert_only_within_one_measure():
    assert unit_factor("万元", "亿元") == Decimal("0.0001")
    assert convert("3126000", unit_factor("万元", "亿元")) == "312.6"
    assert convert("312.6", unit_factor("亿元", "万元")) == "3126000"
    assert unit_factor("万人", "亿元") is None


def test_matching_is_one_to_one_and_prefers_the_exact_name():
    class Row:
        def __init__(self, name, unit=""):
            self.name, self.unit = name, unit

    rows = [Row("工业增加值", "亿元"), Row("规模以上工业增加值", "亿元"), Row("GDP", "万元"), Row("降水量", "毫米")]
    targets = [
        Target(1, "规模以上工业增加值", "全县", unit="亿元"),
        Target(2, "生产总值", "全县", unit="亿元"),
        Target(3, "一般公共预算收入", "全县", unit="亿元"),
    ]
    matches, left_rows, left_targets = match_rows(rows, targets)
    assert {(m.row.name, m.target.key) for m in matches} == {("规模以上工业增加值", 1), ("GDP", 2)}
    gdp = next(m for m in matches if m.target.key == 2)
    assert gdp.factor == Decimal("0.0001") and "换算" in gdp.note
    assert [r.name for r in left_rows] == ["工业增加值", "降水量"]
    assert [t.key for t in left_targets] == [3]


def _bureau(rows, merges=()):
    (_, grid), *_ = read_grids(xlsx(rows, merges=merges))
    return read_table(grid)


def test_bureau_sheet_header_below_a_merged_title_and_units_in_a_column():
    table = _bureau(
        [
            ["2022年1-12月主要经济指标", None, None, None, None],
            ["单位：亿元、%", None, None, None, None],
            ["指标名称", "单位", "本期", "同比增长%", "全市位次"],
            ["地区生产总值", "亿元", "86.5", "5.2%", "3"],
            ["一般公共预算收入", "万元", "61234", "待定", "第5位"],
        ],
        merges=("A1:E1",),
    )
    assert table.header_line == 3
    gdp, revenue = table.rows
    assert (gdp.name, gdp.unit, gdp.value, gdp.growth, gdp.rank) == ("地区生产总值", "亿元", "86.5", "5.2", "3")
    assert revenue.value == "61234" and revenue.rank == "5" and revenue.growth == ""
    assert revenue.errors == ["第 5 行：“同比增长”不是数字（待定）。"]


def test_bureau_sheet_with_the_unit_in_the_header_or_in_the_name():
    table = _bureau(
        [
            [None, "定兴县统计局"],
            [],
            ["序号", "指 标", "本期（万元）", "增速"],
            [1, "社会消费品零售总额", 456789, 0.5],
            [2, "固定资产投资（亿元）", "12.3", "-3.1"],
        ]
    )
    first, second = table.rows
    assert (first.unit, first.value, first.growth) == ("万元", "456789", "0.5")
    assert (second.unit, second.value, second.growth) == ("亿元", "12.3", "-3.1")


def test_a_sheet_without_a_header_is_none():
    assert _bureau([["一", "二"], ["1", "2"]]) is None


def test_app_sheet_round_trip_by_key():
    rows = [
        SheetRow("1:5", "（一）经济", "全县", "生产总值", "value", "亿元", "number", ""),
        SheetRow("1:6", "（一）经济", "全县", "生产总值", "growth", "%", "percent", "7.8", last_year="6.5%"),
    ]
    data = build_sheet(rows, title="示范县报告")
    (_, grid), *_ = read_grids(data)
    values = read_app_sheet(grid)
    assert [(v.key, v.text) for v in values] == [("1:5", ""), ("1:6", "7.8")]
    assert values[0].line == 4


def test_draftify_replaces_figures_not_years_or_dates():
    d = draftify("2021年全县生产总值完成65亿元，增长7.5%，居全市第3位，3月5日召开。")
    assert d.text == "2021年全县生产总值完成XX亿元，增长XX%，居全市第XX位，3月5日召开。"
    assert [n for _, n in d.numbers] == ["65", "7.5", "3"]


def test_figures_from_a_finished_report_give_value_growth_and_rank_per_indicator():
    text = (
        "示范县2023年政府工作报告\n一、2023年工作回顾\n"
        "全县生产总值完成312.6亿元，同比增长7.8%，居全市第3位。一般公共预算收入完成12.5亿元，增长6%。\n"
        "二、2024年工作安排\n全县生产总值增长6.5%左右。\n"
    )
    figures = figures_from_text(text.encode())
    gdp = next(f for f in figures if f.name == "生产总值" and f.period == "actual")
    assert (gdp.value, gdp.unit, gdp.growth, gdp.rank) == ("312.6", "亿元", "7.8", "3")
    assert describe(gdp) == "上年：312.6亿元，增长7.8%，第3位"
    revenue = next(f for f in figures if f.name == "一般公共预算收入")
    assert (revenue.value, revenue.growth) == ("12.5", "6")


def test_figures_match_indicators_by_name_period_and_unit():
    figures = [
        Figure("地区生产总值", "全县", "forecast", "万元", "3126000", "7.8"),
        Figure("森林覆盖率", "", value="41"),
    ]
    found = match_figures(
        figures, [Target(7, "生产总值", "全县", "actual", "亿元"), Target(8, "粮食产量", "", unit="万吨")]
    )
    fig, factor = found[7]
    assert fig.growth == "7.8" and convert(fig.value, factor) == "312.6"
    assert 8 not in found


def test_chart_is_inline_svg_with_both_numbers_written():
    svg = bars_svg([Pair("生产总值<script>", "亿元", 330.1, 312.6, "5.6"), Pair("投资", "万元", 3300000, 20, "")])
    assert svg.startswith("<svg") and "330.1" in svg and "312.6" in svg and "增长5.6%" in svg
    assert ">3300000<" in svg
    assert "<script>" not in svg
    assert bars_svg([]) == ""


def test_figures_from_a_finished_docx():
    from io import BytesIO

    from docx import Document

    doc = Document()
    for line in (
        "示范县2023年政府工作报告",
        "一、2023年工作回顾",
        "全县生产总值完成312.6亿元，同比增长7.8%，居全市第3位。",
    ):
        doc.add_paragraph(line)
    out = BytesIO()
    doc.save(out)
    (gdp,) = [f for f in figures_from_text(out.getvalue(), filename="2023.docx") if f.name == "生产总值"]
    assert (gdp.value, gdp.growth, gdp.rank) == ("312.6", "7.8", "3")


def test_a_five_year_review_gives_way_to_the_years_own_figure():
    text = (
        "示范县2023年政府工作报告\n一、过去五年工作回顾\n全县生产总值从2018年的200亿元增长到312.6亿元，年均增长6%。\n"
        "二、2023年工作回顾\n全县生产总值完成312.6亿元，同比增长7.8%。\n"
    )
    (gdp,) = [f for f in figures_from_text(text.encode()) if f.name == "生产总值"]
    assert (gdp.value, gdp.growth) == ("312.6", "7.8")


def test_a_zip_bomb_or_a_dtd_is_refused_before_openpyxl_reads_it():
    import zipfile
    from io import BytesIO

    import pytest

    def package(name: str, content: bytes) -> bytes:
        out = BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr(name, content)
        return out.getvalue()

    with pytest.raises(ValueError, match="过大"):
        read_grids(package("xl/sharedStrings.xml", b"0" * (61 * 1024 * 1024)))
    with pytest.raises(ValueError, match="文档类型定义"):
        read_grids(package("xl/workbook.xml", b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'))
    with pytest.raises(ValueError, match="不是有效的"):
        read_grids(b"plain text")
