"""Implicit blanks (numbers deleted with no placeholder written): each rule with a positive and a negative case."""

from __future__ import annotations

import pytest

from apps.parsing.blanks import find_implicit
from apps.parsing.placeholders import find_explicit

from . import make_counter_words


def marked(text: str) -> str:
    """``text`` with ``▮`` at every implicit blank found (and the units after them checked below)."""
    blanks, _damaged = find_implicit(text, find_explicit(text))
    out = text
    for b in sorted(blanks, key=lambda b: b.start, reverse=True):
        out = out[: b.start] + "▮" + out[b.start :]
    return out


def units(text: str) -> list[str | None]:
    return [b.unit for b in find_implicit(text, find_explicit(text))[0]]


# --- counters ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全年竣工项目个，新开工项目个。", "全年竣工项目▮个，新开工项目▮个。"),
        ("推进个村生活污水治理。", "推进▮个村生活污水治理。"),
        ("抓好件实事。", "抓好▮件实事。"),
        ("高新技术企业达到家，", "高新技术企业达到▮家，"),
        ("建成雾森园等个。", "建成雾森园等▮个。"),
        ("新建学校所，改造道路条。", "新建学校▮所，改造道路▮条。"),
        ("，家医疗机构建成污水处理设施", "，▮家医疗机构建成污水处理设施"),
        ("全年实际脱贫户 人，", "全年实际脱贫户 ▮人，"),  # 脱贫户 is a word; the gap is not
        ("年内力争新增家上市企业。", "年内力争新增▮家上市企业。"),
        ("其余个村全部实施，确保剩余户脱贫。", "其余▮个村全部实施，确保剩余▮户脱贫。"),
    ],
)
def test_a_counter_after_a_word_it_does_not_join_marks_a_blank(text, expected):
    """A counter never stands without a number: 个 家 项 件 after a word or a count word, 所 条 closing a clause."""
    assert marked(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "培育企业家队伍，补齐弱项。",
        "汽车零部件产业，",
        "关爱残疾人，",
        "一个中心，各个部门，每项工作，这座城市。",
        "保护个人信息，彰显个性。",
        "邀请专家，大家一起，国家战略。",
        "办理事项，推进项目建设。",
        "做到了件件有着落，",
        "建设家园，改善家庭条件。",
        "完成范家庄乡道路，郭家台村，",
        "有条不紊地推进，",
        "坚持以文化人、以文惠民，",
        "把钱用在发展紧要处、民生急需处。",
        "竭尽所能，所有人，",
        "主动融入京张体育文化旅游带，",
    ],
)
def test_words_that_merely_hold_a_counter_are_no_blanks(text):
    """企业家, 弱项, 零部件, 残疾人, 一个, 各个, 个人, 个性 … read as words, not as missing numbers."""
    assert marked(text) == text


def test_counted_in_ten_thousands():
    """``万个``, ``万台``, ``万平米`` lose their number like ``万元`` does; ``万家灯火`` keeps its words."""
    assert marked("新增学位万个。年产汽车万台，硬化街道万平米，") == "新增学位▮万个。年产汽车▮万台，硬化街道▮万平米，"
    assert marked("点亮万家灯火。") == "点亮万家灯火。"


def test_the_counter_word_list_is_what_the_script_writes():
    assert make_counter_words.TARGET.read_text(encoding="utf-8") == make_counter_words.build()


# --- units with a limit, after 超/近, after a space ------------------------


def test_a_limit_closing_the_clause_keeps_the_blank():
    """``增长%以上，`` and ``控制在%以内。`` miss a number; ``亿元以上项目`` is a category."""
    assert marked("生产总值增长%以上，失业率控制在%以内。") == "生产总值增长▮%以上，失业率控制在▮%以内。"
    assert marked("签约亿元以上项目个。") == "签约亿元以上项目▮个。"
    # A multiplier unit with a limit is an amount in itself: "over ten thousand yuan".
    assert marked("户均增收万元以上。") == "户均增收万元以上。"
    assert marked("户均增收元以上。") == "户均增收▮元以上。"


def test_after_more_or_nearly():
    """``超%``, ``近个百分点``, ``超公里`` miss a number; ``超亿元``, ``近万人`` read as amounts."""
    assert marked("同比增长超%，") == "同比增长超▮%，"
    assert marked("高出近个百分点。") == "高出近▮个百分点。"
    assert marked("社会投资超亿元。参与群众近万人。") == "社会投资超亿元。参与群众近万人。"


def test_raised_from_to():
    """``由%提高到%``: both ends of the change are gone."""
    assert marked("覆盖率由%提高到%。") == "覆盖率由▮%提高到▮%。"


def test_a_space_where_the_number_was():
    """``投资 万元``, ``增长 %``: a gap left in the sentence; ``增长12 %`` is a written number."""
    assert marked("投资 万元，同比增长 %。") == "投资 ▮万元，同比增长 ▮%。"
    text = "年均增长12 %；"
    assert marked(text) == text
    assert find_implicit(text, find_explicit(text))[1] == []


def test_measures_never_stand_alone():
    """``平方公里``, ``吨``, ``兆瓦`` without a number before a noun; ``吨位``, ``蒸吨`` are words."""
    assert marked("日处理吨水泥窑协同处理。") == "日处理▮吨水泥窑协同处理。"
    assert marked("，平方公里古城保护") == "，▮平方公里古城保护"
    assert marked("提升船舶吨位，淘汰10蒸吨以下锅炉。") == "提升船舶吨位，淘汰10蒸吨以下锅炉。"


def test_a_number_written_before_so_many_institutions():
    """``XX所以上`` is a number with the unit 所; ``所以`` (so) is not a unit."""
    (ph,) = find_explicit("新建XX所以上学校")
    assert (ph.kind, ph.unit) == ("number", "所")
    (ph,) = find_explicit("任务XX，所以要加快")
    assert ph.unit is None


def test_units_of_counter_blanks():
    assert units("竣工项目个，培训人次。") == ["个", "人次"]
