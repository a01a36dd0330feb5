"""What the parser proposes for corrections made after the parse (apps/parsing/proposal.py)."""

import pytest

from apps.parsing import format_marker, marker_style, propose_blank, read_heading

TEXT = "全县生产总值完成12.5亿元，同比增长8.1%，居全市第3位。建成省级园区XX个（XX），财政收入完成亿元。"


@pytest.mark.parametrize(
    ("selected", "kind", "unit", "label"),
    [
        ("12.5", "number", "亿元", "全县生产总值（亿元）"),
        ("8.1", "percent", "%", "同比增长（%）"),
        ("3", "rank", None, "全市排名（位）"),
    ],
)
def test_a_selection_is_read_as_if_the_draft_had_written_xx_there(selected, kind, unit, label):
    start = TEXT.index(selected)
    proposal = propose_blank(TEXT, start, start + len(selected))
    assert (proposal.kind, proposal.unit, proposal.label) == (kind, unit, label)


def test_a_cursor_proposes_from_the_unit_after_it():
    at = TEXT.index("亿元。")
    proposal = propose_blank(TEXT, at, at)
    assert (proposal.kind, proposal.unit, proposal.label) == ("number", "亿元", "财政收入（亿元）")


def test_a_kind_chosen_by_the_user_wins_and_the_label_follows_it():
    start = TEXT.index("XX）")
    assert propose_blank(TEXT, start, start + 2, kind="name").kind == "name"
    assert propose_blank(TEXT, start, start + 2, kind="year", unit="年").label == "年份"


def test_a_span_outside_the_text_is_refused():
    with pytest.raises(ValueError):
        propose_blank("abc", 2, 9)


def test_reading_a_paragraph_as_a_heading():
    parts = read_heading("3．加强监管。全年检查20次")
    assert (parts.style, parts.number, parts.marker, parts.heading, parts.heading_end, parts.inline_text) == (
        "l3",
        "3",
        "3．",
        "加强监管",
        "。",
        "全年检查20次",
    )
    plain = read_heading("过去五年工作回顾")
    assert (plain.style, plain.marker, plain.heading, plain.inline_text) == ("", "", "过去五年工作回顾", "")


def test_heading_numbers_both_ways():
    assert marker_style("（三）") == ("l2", "三") and marker_style("三、") == ("l1", "三")
    assert marker_style("三、加强") is None and marker_style("") is None
    assert [format_marker(s, 12) for s in ("part", "l1", "l2", "l3", "l4")] == [
        "第十二部分",
        "十二、",
        "（十二）",
        "12.",
        "（12）",
    ]
