"""Title, headings, levels, inline bodies, page markers and boilerplate."""

from __future__ import annotations

import pytest

from apps.parsing import assemble_text, parse_draft


def parse(text: str):
    return parse_draft(text.encode("utf-8"))


def headings(text: str):
    return [(s.level, s.number, s.marker, s.heading) for s in parse(text).sections if s.level]


def test_four_official_levels():
    text = (
        "报告\n一、总体情况\n（一）经济运行。全县平稳。\n1.工业生产。稳中有进。\n"
        "（1）规上工业。增长较快。\n二、下步打算"
    )
    assert headings(text) == [
        (1, "一", "一、", "总体情况"),
        (2, "一", "（一）", "经济运行"),
        (3, "1", "1.", "工业生产"),
        (4, "1", "（1）", "规上工业"),
        (1, "二", "二、", "下步打算"),
    ]


def test_inline_body_and_heading_end():
    result = parse("报告\n（一）经济运行稳中趋好。全县生产总值增长。")
    section = result.sections[1]
    assert (section.heading, section.heading_end, section.inline_body) == ("经济运行稳中趋好", "。", True)
    assert section.body == "全县生产总值增长。"


def test_levels_follow_the_styles_used():
    """A report numbered only （一） / 1. has them at levels 1 and 2."""
    assert [h[0] for h in headings("报告\n（一）甲\n1.乙\n（二）丙")] == [1, 2, 1]


def test_parts_and_chapters_are_level_one():
    got = headings("报告\n第一部分 回顾\n一、成绩\n第二部分 打算\n一、目标")
    assert [(h[0], h[1], h[3]) for h in got] == [
        (1, "一", "回顾"),
        (2, "一", "成绩"),
        (1, "二", "打算"),
        (2, "一", "目标"),
    ]


@pytest.mark.parametrize(
    "paragraph",
    [
        "一是加强组织领导，落实责任。",
        "二是强化督导检查。",
        "见附件1，请各单位认真落实。",
        "（一）中所述事项，要抓紧办理。",
        "(XX县区财政总收入按市统计口径完成了亿元,列全市第一。)",
        "1.5亿元的资金已经到位，用于基础设施建设。",
        "2019年，是关键之年。",
    ],
)
def test_not_headings(paragraph):
    assert headings(f"报告\n开头。\n{paragraph}") == []


def test_preamble_with_salutation_is_level_zero():
    result = parse("报告\n同志们：\n今年以来工作顺利。\n一、成绩")
    assert result.sections[0].level == 0
    assert result.sections[0].body == "同志们：\n今年以来工作顺利。"


def test_run_together_paragraphs_split_at_heading_and_sentence_ends():
    line = (
        "讲话稿题目 同志们: 今天开会。 一、主要成效 换届以来成绩显著。 (一)势头强劲。全县增长。"
        "强力推进经济运行、工程建设 招商引资等工作。" * 3
    )
    result = parse(line)
    assert result.title == "讲话稿题目"
    assert [s.heading for s in result.sections if s.level][:2] == ["主要成效", "势头强劲"]
    assert "工程建设 招商引资" in assemble_text(result)


def test_page_numbers_of_a_bad_converter_are_removed_and_lines_rejoined():
    pages = [
        "1、会议讲话 同志们: " + "这是第一页的正文内容，" * 8 + "在人大、",
        "2、政协的监督支持下" + "，这是第二页的正文内容" * 8 + "，今年上半年,从",
        "3、市统计局的数字看,任务全部完成。",
    ]
    result = parse("\n".join(pages))
    assert result.page_markers_removed == 3
    text = assemble_text(result)
    assert "在人大、政协的监督" in text and "从市统计局" in text


def test_real_numbered_list_is_not_taken_for_page_numbers():
    text = "报告\n主要措施如下：\n1、加强领导。\n2、落实责任。\n3、强化督查。"
    result = parse(text)
    assert result.page_markers_removed == 0
    assert [s.number for s in result.sections if s.level] == ["1", "2", "3"]


def test_standalone_page_number_lines():
    result = parse("报告\n全县经济保持平稳" + "增长" * 30 + "，社会\n- 2 -\n事业全面进步。")
    assert result.page_markers_removed == 1
    assert "社会事业全面进步" in assemble_text(result)


@pytest.mark.parametrize(
    "line",
    [
        "本文系网友投稿，仅供学习参考，请勿照搬照抄！",
        "来源：某某网",
        "（责任编辑：张三）",
        "上一篇：关于某某的通知",
        "下一篇：2019年工作计划",
    ],
)
def test_boilerplate_removed_and_listed(line):
    result = parse(f"{line}\n报告\n正文内容。")
    assert result.boilerplate_removed == (line,)
    assert line not in assemble_text(result)


def test_long_report_line_mentioning_source_is_kept():
    line = "来源：本报告数据来源于统计部门，" + "各项指标均经过认真核实，" * 8
    result = parse(f"报告\n{line}")
    assert result.boilerplate_removed == ()


def test_heading_broken_over_two_lines_is_joined():
    got = headings("报告\n一、回顾“十三五”，我们坚定前行、\n砥砺奋进，全面建成小康社会\n正文。")
    assert got[0][3] == "回顾“十三五”，我们坚定前行、砥砺奋进，全面建成小康社会"


@pytest.mark.parametrize(
    "line",
    [
        "——2022年1月27日在曲阳县第十八届人民代表大会第二次会议上",
        "―2017年2月11日在海拉尔区第十四届人民代表大会第六次会议上",
        "2021年2月5日在县十六届人民代表大会第五次会议上",
        "在保定市徐水区第二届人民代表大会第二次会议上",
        "（2019年1月10日在县政府全体会议上的讲话）",
    ],
)
def test_occasion_line_first_is_a_subtitle_not_a_title(line):
    """With its title lost, a report starts with the occasion line: no title, the line stays in the preamble."""
    result = parse(f"{line}\n各位代表：\n现在报告工作。\n一、回顾")
    assert result.title == ""
    assert result.sections[0].body.startswith(line)


def test_title_with_an_occasion_after_it_and_speech_titles_kept():
    result = parse("政府工作报告\n——2022年1月27日在县人民代表大会上\n一、回顾")
    assert result.title == "政府工作报告"
    assert parse("书记在县级领导述职会发言\n同志们：").title == "书记在县级领导述职会发言"


def test_glossary_entries_are_not_headings():
    text = (
        "报告\n一、回顾\n正文。\n二、打算\n正文。\n名词解释\n"
        "1.“放管服”改革：持续推进简政放权。\n2.“1020”工程：强力推进城市品质提升工程。"
    )
    result = parse(text)
    assert [(s.level, s.heading) for s in result.sections if s.level] == [(1, "回顾"), (1, "打算")]
    assert result.sections[-1].body.endswith("2.“1020”工程：强力推进城市品质提升工程。")


def test_notes_in_the_middle_end_at_the_next_outer_heading():
    text = "报告\n一、回顾\n正文。\n注释\n1.“放管服”：简政放权。\n二、打算\n1.目标。正文。"
    got = [(s.level, s.number, s.heading) for s in parse(text).sections if s.level]
    assert got == [(1, "一", "回顾"), (1, "二", "打算"), (2, "1", "目标")]


# --- levels by nesting (issue 17) -------------------------------------------

BODY = "这是一段正文，内容较长，用来把标题和正文区分开来，说明具体做了哪些工作。"


def test_unnumbered_part_titles_above_numbered_blocks_are_level_one():
    """A short line without sentence punctuation opening a block of 一、 headings is a part title."""
    text = (
        f"报告\n各位代表：\n{BODY}\n过去五年工作回顾\n一、经济发展\n{BODY}\n二、社会事业\n{BODY}\n"
        f"今后五年的目标任务\n一、发展目标\n{BODY}\n二、重点任务\n{BODY}"
    )
    assert [(h[0], h[1], h[3]) for h in headings(text)] == [
        (1, "", "过去五年工作回顾"),
        (2, "一", "经济发展"),
        (2, "二", "社会事业"),
        (1, "", "今后五年的目标任务"),
        (2, "一", "发展目标"),
        (2, "二", "重点任务"),
    ]


def test_short_lines_that_open_no_block_stay_body_text():
    """A lone short line not above a 一、 (a closing signature, a lead-in) is not a heading."""
    text = (
        f"报告\n各位代表：\n一、回顾\n{BODY}\n全力推进重点项目\n{BODY}\n二、打算\n{BODY}\n某某县人民政府\n2021年1月5日"
    )
    assert [(h[0], h[3]) for h in headings(text)] == [(1, "回顾"), (1, "打算")]


def test_run_of_parallel_part_titles_is_a_level():
    """Two or more unnumbered titles, each opening its block of paragraphs, are level 1; （一） under them level 2."""
    text = (
        f"报告\n各位代表：\n{BODY}\n“十四五”时期工作回顾\n{BODY}\n{BODY}\n"
        f"2026年重点工作\n{BODY}\n（一）扩大内需\n{BODY}\n（二）产业体系\n{BODY}"
    )
    assert [(h[0], h[1], h[3]) for h in headings(text)] == [
        (1, "", "“十四五”时期工作回顾"),
        (1, "", "2026年重点工作"),
        (2, "一", "扩大内需"),
        (2, "二", "产业体系"),
    ]


def test_numbering_restart_makes_the_line_above_a_part_title():
    """一、 again after 三、: the lines standing above each 一、 are part titles, even with a comma."""
    text = (
        f"报告\n各位代表：\n{BODY}\n过去一年工作回顾，成绩来之不易\n一、经济\n{BODY}\n二、民生\n{BODY}\n"
        f"今年工作安排，重点抓好六个方面\n一、项目\n{BODY}\n二、改革\n{BODY}"
    )
    assert [(h[0], h[1], h[3]) for h in headings(text)] == [
        (1, "", "过去一年工作回顾，成绩来之不易"),
        (2, "一", "经济"),
        (2, "二", "民生"),
        (1, "", "今年工作安排，重点抓好六个方面"),
        (2, "一", "项目"),
        (2, "二", "改革"),
    ]


def test_numbering_restart_after_a_sentence_promotes_nothing():
    text = f"报告\n一、经济\n{BODY}\n二、民生\n{BODY}\n一、项目\n{BODY}"
    assert [(h[0], h[1]) for h in headings(text)] == [(1, "一"), (1, "二"), (1, "一")]


def test_skipped_level_is_the_next_level_down():
    """1、 straight under 二、 is level 2, and level 3 where it sits under （一）."""
    text = f"报告\n一、回顾\n（一）经济。{BODY}\n1、工业。{BODY}\n二、打算\n1、目标。{BODY}\n2、任务。{BODY}"
    assert [(h[0], h[2]) for h in headings(text)] == [
        (1, "一、"),
        (2, "（一）"),
        (3, "1、"),
        (1, "二、"),
        (2, "1、"),
        (2, "2、"),
    ]


def test_an_outer_style_after_an_inner_one_closes_it():
    assert [h[0] for h in headings(f"报告\n（一）甲。{BODY}\n一、乙\n（一）丙。{BODY}")] == [1, 1, 2]


# --- glossaries, appendices and notes after the report ------------------------


@pytest.mark.parametrize(
    "head",
    ["名词解释", "《政府工作报告》名词解释", "※名词解释※", "*名词解释", "名词解释：", "附：名词解释"],
)
def test_glossary_heads_open_a_trailing_section(head):
    text = f"报告\n一、回顾\n{BODY}\n二、打算\n{BODY}\n{head}\n1.“放管服”：简政放权。\n2.“双碳”：碳达峰和碳中和。"
    result = parse(text)
    assert [s.heading for s in result.sections if s.level] == ["回顾", "打算"]
    last = result.sections[-1]
    assert (last.level, last.heading) == (0, head)
    assert last.body.endswith("碳达峰和碳中和。")
    assert result.extra == {"trailing_sections": [{"section": 3, "kind": "glossary"}]}
    assert assemble_text(result).endswith(f"{head}\n1.“放管服”：简政放权。\n2.“双碳”：碳达峰和碳中和。")


@pytest.mark.parametrize("glued", ["名词解释[1]“4+4”产业体系：食品加工。", "名词解释：1.“两重”：重大战略。"])
def test_glossary_head_glued_to_its_first_entry(glued):
    result = parse(f"报告\n一、回顾\n{BODY}\n{glued}\n2.“两新”：设备更新。")
    assert [s.heading for s in result.sections if s.level] == ["回顾"]
    assert result.sections[-1].heading in ("名词解释", "名词解释：")


def test_appendix_after_the_report_is_a_trailing_section_without_headings():
    text = f"报告\n一、回顾\n{BODY}\n附件1：2021年重点项目表\n一、工业项目\n1.某某项目\n二、农业项目"
    result = parse(text)
    assert [s.heading for s in result.sections if s.level] == ["回顾"]
    assert (result.sections[-1].heading, result.extra["trailing_sections"][0]["kind"]) == (
        "附件1：2021年重点项目表",
        "appendix",
    )


def test_appendix_mention_in_the_text_is_not_an_appendix():
    result = parse(f"报告\n一、回顾\n{BODY}\n附件1所列项目要抓紧推进，确保年内开工。\n二、打算\n{BODY}")
    assert [s.heading for s in result.sections if s.level] == ["回顾", "打算"]
    assert result.extra == {}


def test_run_of_numbered_notes_at_the_end_is_a_notes_section():
    text = f"报告\n一、回顾\n{BODY}\n[12] 一枚印章管审批：把审批事项集中到一个部门。\n[13] 最多跑一次：办事只跑一次。"
    result = parse(text)
    assert [s.heading for s in result.sections if s.level] == ["回顾"]
    assert result.extra == {"trailing_sections": [{"section": 2, "kind": "notes"}]}
    assert result.sections[-1].body.startswith("[12] 一枚印章管审批")


def test_a_note_reference_opening_a_paragraph_before_more_headings_is_body_text():
    text = f"报告\n一、回顾\n[1] 见上文。{BODY}\n二、打算\n{BODY}"
    assert parse(text).extra == {}


# --- titles -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "title"),
    [
        ("标题：2021年涞水县政府工作报告", "2021年涞水县政府工作报告"),
        ("政 府 工 作 报 告", "政府工作报告"),
        ("XX县 2021年工作总结", "XX县 2021年工作总结"),
        ("政府工作报告。 贵州日报天眼新闻记者 张三 报道", ""),
        ("各位代表：", ""),
    ],
)
def test_title_as_a_reader_reads_it(first, title):
    assert parse(f"{first}\n现在，我代表县政府报告工作。\n一、回顾\n{BODY}").title == title


def test_run_of_sub_titles_under_a_numbered_heading_is_the_next_level():
    """Unnumbered sub-titles inside （一） (the next numbered heading is （二）, not a fresh 一、) nest under it."""
    text = f"报告\n一、回顾\n（一）经济\n工业生产稳中有进\n{BODY}\n服务业加快发展\n{BODY}\n（二）民生\n{BODY}"
    assert [(h[0], h[3]) for h in headings(text)] == [
        (1, "回顾"),
        (2, "经济"),
        (3, "工业生产稳中有进"),
        (3, "服务业加快发展"),
        (2, "民生"),
    ]


def test_table_captions_are_not_titles():
    text = f"报告\n各位代表：\n一、回顾\n{BODY}\n主要经济指标完成情况表\n{BODY}\n重点项目进度表\n{BODY}"
    assert [h[3] for h in headings(text)] == ["回顾"]


def test_restart_of_a_list_under_a_lead_in_promotes_nothing():
    """1. 2. then 1. again under "主要措施如下：": the colon line introduces a list, it is not a part title."""
    text = f"报告\n1.总体情况。{BODY}\n2.存在问题。{BODY}\n主要措施如下：\n1.加强领导。{BODY}"
    got = headings(text)
    assert [(h[0], h[1]) for h in got] == [(1, "1"), (1, "2"), (1, "1")]


def test_part_title_followed_by_a_short_sentence():
    text = f"报告\n各位代表：\n{BODY}\n过去五年工作回顾\n五年来成绩显著。\n一、经济\n{BODY}\n二、民生\n{BODY}"
    assert [(h[0], h[3]) for h in headings(text)][:2] == [(1, "过去五年工作回顾"), (2, "经济")]


@pytest.mark.parametrize("label", ["中国县域", "某某县人民政府"])
def test_short_label_above_a_report_title_is_not_the_title(label):
    result = parse(f"{label}\n2021年某某县政府工作报告\n各位代表：\n一、回顾\n{BODY}")
    assert result.title == "2021年某某县政府工作报告"
    assert result.sections[0].body.startswith(label)


def test_first_line_kept_as_title_when_the_second_is_no_report_title():
    result = parse(f"工作总结\n某某县发展改革局\n各位同志：\n一、回顾\n{BODY}")
    assert result.title == "工作总结"
