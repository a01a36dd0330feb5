"""Labels name the thing counted or named, from the clause around it."""

from __future__ import annotations

from apps.parsing import parse_draft
from apps.parsing.labels import split_members


def labels(body: str) -> list[str]:
    result = parse_draft(("各位代表：\n一、工作回顾\n" + body + "\n").encode("utf-8"))
    return [p.label for s in result.sections for p in s.placeholders]


def test_urban_and_rural_income_get_their_own_labels():
    """城乡/城镇和农村 … 分别: one label per member, never the same twice."""
    assert labels("城乡居民人均可支配收入分别达到XX元和XX元，分别增长XX%和XX%。") == [
        "城镇居民人均可支配收入（元）",
        "农村居民人均可支配收入（元）",
        "城镇居民人均可支配收入 增长（%）",
        "农村居民人均可支配收入 增长（%）",
    ]
    assert labels("城镇、农村居民人均可支配收入分别达到XX元、XX元。") == [
        "城镇居民人均可支配收入（元）",
        "农村居民人均可支配收入（元）",
    ]
    assert labels("城镇和农村居民人均可支配收入分别增长XX%和XX%。") == [
        "城镇居民人均可支配收入 增长（%）",
        "农村居民人均可支配收入 增长（%）",
    ]
    # Written one by one they keep their names.
    assert labels("城镇居民人均可支配收入达到XX元；农村居民人均可支配收入达到XX元。") == [
        "城镇居民人均可支配收入（元）",
        "农村居民人均可支配收入（元）",
    ]


def test_listed_subjects_share_their_tail():
    assert labels("原煤、原油、天然气产量分别达到XX万吨、XX万吨、XX亿立方米。") == [
        "原煤产量（万吨）",
        "原油产量（万吨）",
        "天然气产量（亿立方米）",
    ]
    assert split_members("城乡居民人均可支配收入", 3) is None
    assert split_members("生产总值", 2) is None


def test_a_count_before_the_thing_counted():
    """``XX座公厕XX座垃圾中转站``: each count names what follows it, not the words before."""
    assert labels("完成XX座公厕XX座垃圾中转站建设。") == ["公厕（座）", "垃圾中转站（座）"]
    assert labels("新增XX家上市企业。") == ["上市企业（家）"]
    # A measure or a count closing its clause keeps the words before it.
    assert labels("改造老旧小区XX个，完成投资XX亿元。") == ["老旧小区（个）", "完成投资（亿元）"]


def test_a_value_after_a_list_of_values_takes_its_own_words():
    assert labels("新增高新技术企业60家、科技型中小企业XX家。") == ["科技型中小企业（家）"]
    assert labels("新增市场主体7113户、达到XX户。") == ["市场主体（户）"]


def test_names_say_what_is_named():
    """``XX庄`` is a village, ``XX段`` a road section; no bare ``名称``."""
    assert labels("抓好X线县城至X庄段、X线县城至X段的改造。") == [
        "线路名称",
        "村庄名称",
        "线路名称",
        "路段名称",
    ]
    (label,) = labels("要积极借鉴XX发展集体经济的经验。")
    assert label != "名称" and label.endswith("名称") and "借鉴" in label
    assert labels("推进XX等项目建设。") == ["项目名称"]
