"""Each consistency check with a case it must flag and one it must leave alone."""

from dataclasses import replace

import pytest

from apps.consistency.rules import FieldItem, blanks_of_field, check


def _run(text: str, *items: tuple, plan: bool = False) -> list:
    """``items``: (value, kind, role, unit, indicator, label) for each XX in ``text``, in order; the
    indicator's name is its label's first word."""
    field_items, pos = [], 0
    for n, (value, kind, role, unit, indicator, label) in enumerate(items):
        pos = text.index("XX", pos)
        name = label.split(" ")[0] if indicator is not None else ""
        field_items.append(FieldItem(n, pos, "XX", value, kind, role, unit, indicator, label, name))
        pos += 2
    return check(blanks_of_field(text, field_items, plan=plan))


def _codes(findings) -> list[str]:
    return [f.code for f in findings]


def test_a_fall_written_with_a_negative_number():
    found = _run("财政收入下降XX%。", ("-3.2", "percent", "growth", "%", 1, "财政收入 同比增长"))
    assert _codes(found) == ["growth_sign"] and "下降3.2" in found[0].message


def test_a_negative_growth_after_rise_wording_is_flagged_and_a_plain_fall_is_not():
    assert _codes(_run("同比增长XX%。", ("-3", "percent", "growth", "%", 1, "增速"))) == ["growth_sign"]
    assert _run("同比下降XX%。", ("3", "percent", "growth", "%", 1, "增速")) == []
    assert _run("同比增长XX%。", ("3", "percent", "growth", "%", 1, "增速")) == []


@pytest.mark.parametrize(("value", "flagged"), [("120", True), ("-1", True), ("45.6", False), ("100", False)])
def test_a_share_outside_0_to_100(value, flagged):
    found = _run("占全县生产总值的比重达到XX%。", (value, "percent", "", "%", None, "比重"))
    assert _codes(found) == (["share_range"] if flagged else [])


def test_a_percent_that_is_not_a_share_may_exceed_100():
    assert _run("利润增长XX%。", ("135", "percent", "growth", "%", 1, "利润增速")) == []


@pytest.mark.parametrize(
    ("text", "value", "flagged"),
    [
        ("居全市第XX位", "0", True),
        ("居全市第XX位", "87", True),
        ("居全市第XX位", "3", False),
        ("全省第XX位", "120", False),
    ],
)
def test_a_rank_of_zero_or_beyond_its_scope(text, value, flagged):
    assert _codes(_run(text + "。", (value, "rank", "rank", "", 1, "位次"))) == (["rank_range"] if flagged else [])


def test_one_indicator_with_two_values():
    found = _run(
        "生产总值完成XX亿元。全年生产总值完成XX亿元。",
        ("312.6", "number", "value", "亿元", "gdp", "生产总值"),
        ("321.6", "number", "value", "亿元", "gdp", "生产总值"),
    )
    assert _codes(found) == ["duplicate_value"] and found[0].keys == (0, 1)


def test_the_same_value_twice_and_a_forecast_are_not_conflicts():
    assert (
        _run(
            "生产总值完成XX亿元。生产总值完成XX亿元。预计到年底生产总值XX亿元。",
            ("312.6", "number", "value", "亿元", "gdp", "生产总值"),
            ("312.6", "number", "value", "亿元", "gdp", "生产总值"),
            ("330", "number", "value", "亿元", "gdp-forecast", "预计生产总值"),
        )
        == []
    )


def test_lists_targets_and_plans_are_not_two_values_of_one_indicator():
    gdp = ("312.6", "number", "value", "亿元", "gdp", "生产总值")
    other = ("8", "number", "value", "亿元", "gdp", "生产总值")
    # A list: the second figure's clause does not name the indicator.
    assert _run("生产总值完成XX亿元。城乡生产总值分别完成100亿元、XX亿元。", gdp, other) == []
    # A target for next year.
    assert _run("生产总值完成XX亿元。力争生产总值达到XX亿元。", gdp, other) == []
    # Under a plan heading.
    assert _run("生产总值完成XX亿元。生产总值完成XX亿元。", gdp, other, plan=True) == []


def test_plan_headings():
    from apps.consistency.rules import is_plan_heading

    assert is_plan_heading(["2025年工作安排", "（一）推动工业发展"])
    assert is_plan_heading(["今后五年的目标任务"])
    assert not is_plan_heading(["2024年工作回顾", "（一）经济运行稳中有进"])


def test_a_part_larger_than_its_whole():
    found = _run(
        "全县共有企业XX家，其中规模以上工业企业XX家。",
        ("120", "number", "value", "家", 1, "企业"),
        ("150", "number", "value", "家", 2, "规模以上工业企业"),
    )
    assert _codes(found) == ["part_exceeds_whole"] and found[0].keys == (1, 0)


def test_a_part_under_a_written_total_and_parts_within_their_whole():
    assert _codes(_run("新增企业120家，其中工业企业XX家。", ("130", "number", "value", "家", 2, "工业企业"))) == [
        "part_exceeds_whole"
    ]
    assert _run("新增企业120家，其中工业企业XX家。", ("80", "number", "value", "家", 2, "工业企业")) == []
    # A different unit is not the whole of this part.
    assert (
        _run(
            "投资120亿元，建成项目XX个，其中XX万元。",
            ("130", "number", "value", "个", 2, "项目"),
            ("9", "number", "value", "万元", 3, ""),
        )
        == []
    )


def test_empty_values_are_never_checked():
    assert _run("财政收入下降XX%。", ("", "percent", "growth", "%", 1, "增速")) == []


def _yoy(text: str, *items: tuple, last: str) -> list:
    """Like _run, with last year's value given to the first (value) blank."""
    field_items, pos = [], 0
    for n, (value, kind, role, unit, indicator, label) in enumerate(items):
        pos = text.index("XX", pos)
        name = label.split(" ")[0] if indicator is not None else ""
        field_items.append(
            FieldItem(n, pos, "XX", value, kind, role, unit, indicator, label, name, last_value=last if n == 0 else "")
        )
        pos += 2
    return check(blanks_of_field(text, field_items))


REVENUE = "一般公共预算收入完成XX亿元，同比增长XX%。"


@pytest.mark.parametrize(
    ("value", "growth", "flagged"),
    [
        ("13.5", "11", True),  # 12.0 → 13.5 is 11.6–13.4 % within the rounding: 11 (10.5–11.5) is not
        ("13.5", "12.5", False),
        ("13.5", "13", False),  # 13.45..13.55 over 11.95..12.05 spans 11.6–13.4 %
        ("13.5", "-8", True),
    ],
)
def test_value_against_last_year_and_the_stated_growth(value, growth, flagged):
    found = _yoy(
        REVENUE,
        (value, "number", "value", "亿元", 1, "一般公共预算收入 完成"),
        (growth, "percent", "growth", "%", 1, "一般公共预算收入 同比增长"),
        last="12.0",
    )
    assert ("yoy_growth" in _codes(found)) is flagged
    if flagged:
        assert found[-1].keys == (0, 1) and "12.0" in found[-1].message


@pytest.mark.parametrize(("value", "growth"), [("12.96", "8"), ("13", "8.3"), ("12.9", "7.5")])
def test_growth_within_the_rounding_of_the_numbers_is_not_flagged(value, growth):
    found = _yoy(
        REVENUE,
        (value, "number", "value", "亿元", 1, "一般公共预算收入 完成"),
        (growth, "percent", "growth", "%", 1, "一般公共预算收入 同比增长"),
        last="12.0",
    )
    assert found == []


def test_growth_at_comparable_prices_is_not_compared_with_nominal_values():
    found = _yoy(
        "全县生产总值完成XX亿元，同比增长XX%。",
        ("330", "number", "value", "亿元", 1, "生产总值 完成"),
        ("3", "percent", "growth", "%", 1, "生产总值 同比增长"),
        last="312.6",
    )
    assert found == []


def test_a_growth_written_in_the_text_is_read_too():
    found = _yoy(
        "社会消费品零售总额完成XX亿元，增长6.1%。",
        ("50", "number", "value", "亿元", 1, "社会消费品零售总额 完成"),
        last="40",
    )
    assert _codes(found) == ["yoy_growth"] and found[0].keys == (0,)


@pytest.mark.parametrize(("value", "flagged"), [("3126000", True), ("0.0312", True), ("330.1", False)])
def test_a_value_ten_thousand_times_last_years_is_a_unit_slip(value, flagged):
    found = _yoy("全县生产总值完成XX亿元。", (value, "number", "value", "亿元", 1, "生产总值 完成"), last="312.6")
    assert _codes(found) == (["yoy_magnitude"] if flagged else [])


def test_growth_is_not_checked_against_last_years_estimate_or_a_five_year_rate():
    text = "社会消费品零售总额完成XX亿元，增长6.1%。"
    estimate = FieldItem(
        0,
        text.index("XX"),
        "XX",
        "50",
        "number",
        "value",
        "亿元",
        1,
        "社会消费品零售总额 完成",
        "社会消费品零售总额",
        last_value="40",
        last_estimate=True,
    )
    assert check(blanks_of_field(text, [estimate])) == []
    assert _codes(check(blanks_of_field(text, [replace(estimate, last_estimate=False)]))) == ["yoy_growth"]
    assert (
        _yoy(
            "社会消费品零售总额达到XX亿元，年均增长6.1%。",
            ("50", "number", "value", "亿元", 1, "社会消费品零售总额 完成"),
            last="40",
        )
        == []
    )
    assert (
        _yoy(
            "一般公共预算收入完成XX亿元，可比增长6.1%。",
            ("50", "number", "value", "亿元", 1, "一般公共预算收入 完成"),
            last="40",
        )
        == []
    )
