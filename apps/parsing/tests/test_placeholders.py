"""Written placeholders and implicit blanks: what is one and what is not."""

from __future__ import annotations

import pytest

from apps.parsing import parse_draft


def placeholders(text: str):
    result = parse_draft(text.encode("utf-8"))
    out = []
    for section in result.sections:
        for p in section.placeholders:
            source = {"title": result.title, "heading": section.heading, "body": section.body}[p.field]
            out.append((p, source))
    return out


def explicit(text: str):
    return [p for p, _ in placeholders(text) if not p.implicit]


def implicit(text: str):
    return [(p, src) for p, src in placeholders(text) if p.implicit]


BODY = "标题\n正文开头。{}"


@pytest.mark.parametrize(
    "sentence",
    [
        "全县GDP增长较快。",
        "推广PPP模式，引导社会资本参与。",
        "医院新购X光机一台。",
        "开展X射线检测。",
        "办公电脑仍在使用Windows XP系统。",
        "第XII届运动会在我县举办。",
        "Xbox与XML不是占位符。",
        "尺寸为3x4米。",
        "二〇〇八年建成。",
    ],
)
def test_letters_in_words_and_codes_are_not_placeholders(sentence):
    """GDP, PPP, X光, X射线, Windows XP, Roman numerals, 3x4 are text, not blanks."""
    assert explicit(BODY.format(sentence)) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "深入实施“415X”先进制造业集群培育工程。",
        "部署实施“双尖双领+X”项目。",
        "开展“数据要素×”行动。",
        "推行“1+X”证书制度。",
    ],
)
def test_a_lone_x_ending_a_quoted_programme_name_is_part_of_the_name(sentence):
    assert explicit(BODY.format(sentence)) == []


@pytest.mark.parametrize(
    ("sentence", "raws"),
    [
        ("打造“XX”品牌。", ["XX"]),  # the whole quote is the blank
        ("争创“X”个品牌。", ["X"]),
        ("构建“X+X”体系。", ["X", "X"]),  # more than one filler: blanks, not a name
        ("全年增长X”。", ["X"]),  # no opening quote
    ],
)
def test_an_x_in_quotes_that_is_not_a_name_is_still_a_blank(sentence, raws):
    assert [p.raw for p in explicit(BODY.format(sentence))] == raws


@pytest.mark.parametrize(
    ("sentence", "raw", "kind", "unit"),
    [
        ("全县生产总值完成XX亿元。", "XX", "number", "亿元"),
        ("同比增长XX，居全市第XX位。", "XX", "percent", None),
        ("同比增长XX%。", "XX", "percent", "%"),
        ("居全市第XX位。", "XX", "rank", None),
        ("xx年，全县经济平稳。", "xx", "year", "年"),
        ("20XX年，全县经济平稳。", "20XX", "year", "年"),
        ("其中XX等项目现已建成。", "XX", "name", None),
        ("完成了X路北段改造。", "X", "name", None),
        ("市委、市政府XX县区委领导。", "XX", "name", None),
        ("主要目标是：XXX", "XXX", "text", None),
        ("实现进出口总额ＸＸ万美元。", "ＸＸ", "number", "万美元"),
        ("新增××家企业。", "××", "number", "家"),
        ("由○○同志负责。", "○○", "name", None),
        ("全县共有____个行政村。", "____", "number", "个"),
        ("于X月X日召开。", "X", "date", "月"),
        ("占目标任务的XX。", "XX", "percent", None),
    ],
)
def test_kind_and_unit_from_context(sentence, raw, kind, unit):
    found = explicit(BODY.format(sentence))
    assert found, sentence
    first = found[0]
    assert (first.raw, first.kind, first.unit) == (raw, kind, unit)


def test_unit_shared_across_a_list():
    """In ``XX、XX万头`` both values are 万头; in ``X、X个百分点`` both are points."""
    found = explicit(BODY.format("存栏分别达到XX、XX万头；分别低于目标X、X个百分点。"))
    assert [(p.kind, p.unit) for p in found] == [("number", "万头")] * 2 + [("number", "个百分点")] * 2


def test_glued_to_digits_is_found_and_suspicious():
    found = explicit(BODY.format("社会消费品零售总额完成XX3亿元。"))
    assert len(found) == 1
    assert found[0].raw == "XX" and found[0].unit == "亿元" and found[0].suspicious


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("全县生产总值完成亿元。", [("完成", "亿元", "亿元")]),
        ("分别增长%和%。", [("增长", "%和", "%"), ("%和", "%。", "%")]),
        ("增速分别高出和个百分点。", [("高出", "和个", "个百分点"), ("和", "个百分点", "个百分点")]),
        ("原规划面积平方公里。", [("面积", "平方公里", "平方公里")]),
        ("建设资金亿元，重点推进。", [("资金", "亿元", "亿元")]),
    ],
)
def test_implicit_blanks(sentence, expected):
    got = implicit(BODY.format(sentence))
    assert len(got) == len(expected)
    for (p, src), (before, after, unit) in zip(got, expected):
        assert p.raw == "" and p.implicit
        assert src[: p.offset].endswith(before) and src[p.offset :].startswith(after)
        assert p.unit == unit


@pytest.mark.parametrize(
    "sentence",
    [
        "打造两大千亿产业。",
        "新开工亿元以上项目12个。",
        "在全国百强县排名中跃居第82位。",
        "500万元以上固定资产投资增长。",
        "对万元以上的支出实行审批。",
        "全县生产总值完成12.5亿元，增长7.2%。",
        "增长30%以上。",
    ],
)
def test_not_blanks(sentence):
    """Category phrases and written numbers carry no implicit blank."""
    assert implicit(BODY.format(sentence)) == []


def test_damaged_passage_gives_a_warning_not_a_guess():
    result = parse_draft(BODY.format("占比较去年同期分别提高了 1、和个百分点，成绩来之不易。").encode())
    assert not any(p.implicit for s in result.sections for p in s.placeholders)
    assert any("无法确定" in w for w in result.warnings)


def test_placeholder_in_title_is_reported():
    result = parse_draft("XX县2018年工作总结\n同志们：\n今年以来工作顺利。".encode())
    title_ph = [p for p in result.sections[0].placeholders if p.field == "title"]
    assert [(p.raw, p.offset, p.kind) for p in title_ph] == [("XX", 0, "name")]


def test_decimal_placeholder_is_one_value():
    found = explicit(BODY.format("全县生产总值增长X.X%，达到XX.X亿元。"))
    assert [(p.raw, p.kind, p.unit, p.suspicious) for p in found] == [
        ("X.X", "percent", "%", False),
        ("XX.X", "number", "亿元", False),
    ]


def test_classifier_starting_a_word_is_not_a_unit():
    """``XX项目`` is a project name, ``XX项`` a count."""
    found = explicit(BODY.format("推进XX项目建设，完成XX项任务，服务XX家庭农场。"))
    assert [(p.kind, p.unit) for p in found] == [("name", None), ("number", "项"), ("name", None)]


def test_labels_name_the_value():
    found = {
        p.label
        for p in explicit(
            BODY.format(
                "全县生产总值完成XX亿元，同比增长XX%，居全市第X位。举办招商活动XX次。由XXX同志主持。其中XX等项目已投产。"
            )
        )
    }
    assert {
        "全县生产总值（亿元）",
        "全县生产总值 同比增长（%）",
        "全县生产总值 全市排名（位）",
        "招商活动（次）",
        "姓名",
        "项目名称",
    } <= found


@pytest.mark.parametrize(
    ("sentence", "kind", "unit"),
    [
        ("立案查处非法盗采XX余起。", "number", "起"),
        ("累计投入资金XX亿多元。", "number", "亿元"),
        ("新增学位X万个。", "number", "万个"),
        ("发放惠民卡X万张以上。", "number", "万张"),
        ("关停自备井XX眼。", "number", "眼"),
        ("打造一批XX亿级产业集群。", "number", "亿"),
        ("社会消费品零售总额增长X左右。", "percent", None),
        ("旅游收入完成××.×亿元。", "number", "亿元"),
        ("同比增长×%。", "percent", "%"),
    ],
)
def test_units_with_approximations_multipliers_and_fillers(sentence, kind, unit):
    """``余``/``多`` inside a unit, a multiplier before any counted unit, lone and decimal ``×``."""
    found = explicit(BODY.format(sentence))
    assert [(p.kind, p.unit, p.suspicious) for p in found] == [(kind, unit, False)]


def test_lone_x_in_a_list_before_a_unit():
    found = explicit(BODY.format("同比分别增长xx%、x%。"))
    assert [(p.raw, p.kind, p.unit) for p in found] == [("xx", "percent", "%"), ("x", "percent", "%")]


def test_list_going_on_with_written_words_gives_names():
    """``推进XX、3D打印中心等项目``: the list's other members are names, so XX is one."""
    found = explicit(BODY.format("全力推进XX、3D打印中心、无人装备等重点项目。"))
    assert [(p.kind, p.unit) for p in found] == [("name", None)]
    found = explicit(BODY.format("分别完成XX、15亿元。"))
    assert [(p.kind, p.unit) for p in found] == [("number", "亿元")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("高中阶段普及率%。", [("普及率", "%。", "%")]),
        ("分别增长XX%、%，成效明显。", [("XX%、", "%，", "%")]),
        ("同比分别增长xx、%。", [("xx、", "%。", "%")]),
        ("实现税收2.1亿元、亿元。", [("亿元、", "亿元。", "亿元")]),
        ("完成造林万亩。", [("造林", "万亩。", "万亩")]),
        ("新增专业技术人员万人，覆盖万人的农村。", [("人员", "万人，", "万人"), ("覆盖", "万人的", "万人")]),
        ("新建供热管网公里，县城全覆盖。", [("管网", "公里，", "公里")]),
        ("人均可支配收入分别达到元和元。", [("达到", "元和", "元"), ("元和", "元。", "元")]),
        ("清理违法占地亩，复垦到位。", [("占地", "亩，", "亩")]),
    ],
)
def test_blanks_without_trigger_words(sentence, expected):
    """A unit right after a word, where the clause or list goes on, lacks its number."""
    got = implicit(BODY.format(sentence))
    assert len(got) == len(expected), [(src[p.offset - 4 : p.offset], src[p.offset : p.offset + 4]) for p, src in got]
    for (p, src), (before, after, unit) in zip(got, expected, strict=True):
        assert src[: p.offset].endswith(before) and src[p.offset :].startswith(after) and p.unit == unit


@pytest.mark.parametrize(
    "sentence",
    [
        "惠及千家万户，造福子孙。",
        "保定半程马拉松万人激情开跑。",
        "打通服务群众“最后一公里”。",
        "提高亩均效益，严把亩产出关。",
        "启动万亩“菜篮子”工程。",
        "新建单元，公元纪年，多元、包容。",
        "打造文化旅游亿级人次产业。",
        "上万人参加，超亿元项目落地，数万元。",
        "完成453台10蒸吨及以下燃煤锅炉改造。",
    ],
)
def test_words_before_units_that_are_no_blanks(sentence):
    assert implicit(BODY.format(sentence)) == []
