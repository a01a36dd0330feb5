"""Web clutter around a report pasted from a page, and text whose paragraph breaks were lost (issue 17)."""

from __future__ import annotations

import pytest

from apps.parsing import assemble_text, parse_draft
from apps.parsing.cleanup import split_lost_breaks

BODY = "这是一段正文，内容较长，用来把标题和正文区分开来，说明具体做了哪些工作，" * 3 + "成效明显。"


def parse(text: str):
    return parse_draft(text.encode("utf-8"))


PAGE_HEADER = [
    "工作报告",
    "2021年涞水县政府工作报告",
    "时间：2022-11-22????\t\t作者：中国县域????\t\t来源：政府官网????\t\t阅读：",
    "147",
    "评论：",
    "0",
    "内容摘要：",
    "2021年2月5日在涞水县第十六届人民代表大会第五次会议上????各位代表：????现在，我代表县政府向大会报告工作，" * 2,
]
PAGE_FOOTER = ["分享到：", "QQ空间", "上一篇：", "2020年唐县政府工作报告", "相关文章", "11-22", "本栏最新", "标签云"]


def test_site_header_and_footer_removed_title_found():
    text = "\n".join([*PAGE_HEADER, "各位代表：", BODY, "一、回顾", BODY, *PAGE_FOOTER])
    result = parse(text)
    assert result.title == "2021年涞水县政府工作报告"
    removed = [line.replace("\t", " ") for line in PAGE_HEADER if line != "2021年涞水县政府工作报告"] + PAGE_FOOTER
    assert list(result.boilerplate_removed) == removed
    assert [s.heading for s in result.sections if s.level] == ["回顾"]
    assert "上一篇" not in assemble_text(result)


def test_toolbar_font_bar_metadata_and_caption_removed():
    lines = ["下载", "打印", "全屏", "收藏", "【字号：", "加大", "还原", "减小", "】", "2026年北京市政府工作报告"]
    lines += ["——2026年1月25日在北京市第十六届人民代表大会第四次会议上", "来源：北京日报", "时间：2026-02-02"]
    lines += ["北京市市长 殷勇", "殷勇同志作政府工作报告。本报记者 戴冰摄", "各位代表：", BODY, "相关报道："]
    result = parse("\n".join(lines))
    assert result.title == "2026年北京市政府工作报告"
    assert list(result.boilerplate_removed) == [*lines[:9], lines[11], lines[12], lines[14], lines[-1]]
    assert result.sections[0].body.startswith("——2026年1月25日")


def test_label_value_on_the_next_line_removed_only_when_short():
    result = parse("\n".join(["报告", "来源:", "四川日报", "各位代表：", BODY]))
    assert list(result.boilerplate_removed) == ["来源:", "四川日报"]
    kept = parse("\n".join(["报告", "来源:", BODY]))
    assert list(kept.boilerplate_removed) == ["来源:"]
    assert BODY in assemble_text(kept)


def test_footer_word_followed_by_report_text_is_not_a_footer():
    """A footer holds only short lines: report paragraphs after it keep it a single removed line."""
    result = parse("\n".join(["报告", BODY, "上一篇：某某通知", BODY, "一、回顾", BODY]))
    assert list(result.boilerplate_removed) == ["上一篇：某某通知"]
    assert [s.heading for s in result.sections if s.level] == ["回顾"]


def test_category_line_kept_when_not_part_of_the_title():
    result = parse("\n".join(["工作总结", "各位同志：", BODY]))
    assert result.title == "工作总结"
    assert result.boilerplate_removed == ()


def test_html_spaces_and_question_mark_noise_become_spaces():
    result = parse("报告\n&nbsp; &nbsp; 现在，我代表县政府报告工作。\n县长????张三\n一、回顾\n&nbsp;\n" + BODY)
    text = assemble_text(result)
    assert "&nbsp;" not in text and "??" not in text
    assert "县长 张三" in text and "现在，我代表县政府报告工作。" in text


def test_watermark_glued_to_the_last_paragraph_removed():
    result = parse(f"报告\n{BODY}\n而努力奋斗！    来源：百度马 克 数据网")
    assert list(result.boilerplate_removed) == ["来源：百度马 克 数据网"]
    assert assemble_text(result).endswith("而努力奋斗！")


def test_no_placeholder_found_in_clutter():
    result = parse(
        "\n".join(["时间：20XX-11-22 作者：XX 阅读：", "报告", BODY, *PAGE_FOOTER, "XX县2025年政府工作报告"])
    )
    assert [p for s in result.sections for p in s.placeholders] == []


# --- lost paragraph breaks ----------------------------------------------------


def test_every_break_lost_headings_found_after_sentence_ends():
    text = (
        "各位代表：现在，我代表县政府报告工作。一、2019年工作回顾2019年，全县经济平稳。"
        + BODY
        + "（一）经济运行稳中趋好。"
        + BODY
        + "（二）社会事业全面进步。"
        + BODY
        + "二、2020年工作安排2020年是关键之年。"
        + BODY
        + "1.抓项目。"
        + BODY
    )
    got = [(s.level, s.number, s.heading) for s in parse(text).sections if s.level]
    assert got == [
        (1, "一", "2019年工作回顾"),
        (2, "一", "经济运行稳中趋好"),
        (2, "二", "社会事业全面进步"),
        (1, "二", "2020年工作安排"),
        (2, "1", "抓项目"),
    ]


@pytest.mark.parametrize(
    "inside",
    ["二、三季度增速回升。", "（一）中所述事项要抓紧办理。", "1.5亿元资金到位。", "一是加强领导。"],
)
def test_lost_break_split_only_before_a_possible_heading(inside):
    line = BODY + "。" + inside + BODY
    assert split_lost_breaks(line) == [line]


def test_short_lines_are_not_split_at_numbers():
    line = "主要做法：（一）加强领导。（二）落实责任。"
    assert split_lost_breaks(line) == [line]


def test_navigation_site_name_and_metadata_header_removed():
    lines = ["首页 > 政务公开 > 工作报告", "标题：2021年涞水县政府工作报告", "发文单位：涞水县人民政府", "报告人：张三"]
    lines += ["来源URL：http://example.gov.cn/1.html", "正文：", "各位代表：", BODY]
    result = parse("\n".join(lines))
    assert result.title == "2021年涞水县政府工作报告"
    assert list(result.boilerplate_removed) == [lines[0], *lines[2:6]]
    assert result.sections[0].body.startswith("各位代表：")


def test_site_name_line_inside_the_text_is_kept():
    """Navigation and site names only count in the page header, before the report."""
    result = parse(f"报告\n{BODY}\n首页设计要简洁\n{BODY}")
    assert result.boilerplate_removed == ()


def test_lost_breaks_heading_glued_to_a_salutation_or_a_restated_period():
    """A salutation never belongs to a heading; a sentence naming the heading's period again starts the body."""
    text = (
        "各位代表：现在报告工作。一、2019年工作回顾2019年，全县经济平稳。"
        + BODY
        + "二、全面加强政府自身建设各位代表，新的一年任务繁重。"
        + BODY
        + "三、“十四五”时期主要目标“十四五”时期是关键五年。"
        + BODY
    )
    assert [s.heading for s in parse(text).sections if s.level] == [
        "2019年工作回顾",
        "全面加强政府自身建设",
        "“十四五”时期主要目标",
    ]


def test_lost_breaks_sub_heading_glued_to_its_first_sentence_is_left_in_the_text():
    """（二） whose text runs on without punctuation (heading + lead-in) cannot be cut: no wrong heading is made."""
    text = (
        "一、回顾。"
        + BODY
        + "（一）经济运行稳中趋好。"
        + BODY
        + "（二）着力提振市场信心增强社会预期放大经济政策实施效应。"
        + BODY
    )
    assert [s.heading for s in parse("报告\n" + text).sections if s.level] == ["回顾", "经济运行稳中趋好"]


@pytest.mark.parametrize(
    ("line", "removed"), [("2026年02月10日 07时41分", True), ("2022-11-22", True), ("2021年1月5日", False)]
)
def test_time_stamps_removed_signature_dates_kept(line, removed):
    result = parse(f"报告\n{BODY}\n某某县人民政府\n{line}")
    assert (result.boilerplate_removed == (line,)) is removed
    assert (line in assemble_text(result)) is not removed


def _converter(lines: list[str], page: int = 300) -> str:
    """Seed 004's shape: the lines joined by a space, cut every ``page`` characters, each page numbered."""
    text = " ".join(lines)
    return "\n".join(f"{k}、{text[i : i + page]}" for k, i in enumerate(range(0, len(text), page), 1))


def test_site_header_joined_by_a_converter_removed_title_found():
    header = [line.replace("????", " ").replace("\t", "") for line in PAGE_HEADER]
    text = _converter([*header, "各位代表：", BODY, "一、回顾", BODY, BODY])
    result = parse(text)
    assert result.page_markers_removed > 1
    assert result.title == "2021年涞水县政府工作报告"
    assert "工作报告" in result.boilerplate_removed and "147" in result.boilerplate_removed
    assert [s.heading for s in result.sections if s.level] == ["回顾"]


def test_joined_head_without_furniture_left_as_written():
    # No piece of the head is page furniture: the head is not cut at its spaces.
    opening = "同志们: 经县委研究，决定召开全县工作会议。"
    text = _converter(["书记在县级领导述职会发言", opening, BODY, "一、回顾", BODY, BODY])
    result = parse(text)
    assert result.title == "书记在县级领导述职会发言"
    assert result.boilerplate_removed == ()
    assert "\n经县委研究，决定召开全县工作会议。\n" in assemble_text(result)


def test_heading_wrapped_after_a_comma_joined_by_a_space_is_one_heading():
    wrapped = ["一、回顾“十三五”，我们坚定前行、", "砥砺奋进，全面建成小康社会", BODY, "二、展望", BODY, BODY]
    result = parse(_converter(["2021年某县政府工作报告", *wrapped]))
    headings = [s.heading for s in result.sections if s.level]
    assert headings == ["回顾“十三五”，我们坚定前行、砥砺奋进，全面建成小康社会", "展望"]


def test_space_after_a_comma_in_body_text_is_kept():
    body = "我们坚持工作、 生活两手抓，成效明显。" + BODY
    result = parse(_converter(["2021年某县政府工作报告", "一、回顾", body, BODY, BODY, BODY]))
    assert [s.heading for s in result.sections if s.level] == ["回顾"]
    assert "工作、 生活" in assemble_text(result)


def _wrapped(text: str, widths: tuple[int, ...] = (38, 42, 36, 44, 40), page_lines: int = 6) -> str:
    """``text`` cut every 35-45 characters, ``N、`` on the first line of each page."""
    lines, i, k = [], 0, 0
    while i < len(text):
        lines.append(text[i : i + widths[k % len(widths)]])
        i += widths[k % len(widths)]
        k += 1
    for j in range(0, len(lines), page_lines):
        lines[j] = f"{j // page_lines + 1}、{lines[j]}"
    return "\n".join(lines)


def test_hard_wrapped_converter_lines_joined_and_page_numbers_removed():
    doc = ["2021年某县政府工作报告", "各位代表：", BODY, "一、回顾", BODY, "二、展望", BODY, BODY]
    result = parse(_wrapped(" ".join(doc)))
    assert result.title == "2021年某县政府工作报告"
    assert [s.heading for s in result.sections if s.level] == ["回顾", "展望"]
    assert result.page_markers_removed == -(-len(_wrapped(" ".join(doc)).split("\n")) // 6)
    assert BODY in assemble_text(result)


def test_lines_of_varied_width_and_list_items_are_not_unwrapped():
    from apps.parsing.joined_text import unwrap_hard_breaks

    # Paragraphs of any length, and short list items "1、" … : not a hard wrap.
    lines = [
        "2021年某县政府工作报告",
        BODY,
        "1、抓好项目建设。",
        "2、抓好招商引资工作，成效明显。",
        BODY[:50],
        *[BODY[:k] for k in (20, 70, 33, 90)],
    ]
    assert unwrap_hard_breaks(lines) == (lines, 0)
    # A wrapped text keeps a paragraph's short last line as its end; "1、" after it is a list item.
    text = "这是一段正文内容" * 30
    wrapped = [text[0:40], text[40:80], text[80:120], "成效明显。", "1、" + text[:38], *[text[:40]] * 3, "完成。"]
    joined, pages = unwrap_hard_breaks(wrapped)
    assert pages == 0
    assert joined == [text[:120] + "成效明显。", "1、" + text[:38] + text[:40] * 3 + "完成。"]


def test_space_ending_a_converter_page_is_kept_between_heading_and_text():
    # The page is cut right after the space that ends a standalone heading.
    head = "2021年某县政府工作报告 各位代表： " + BODY + " 一、回顾 " + BODY + " （一）建设宜居宜业城镇 "
    pages = [head, "推进城市有机更新。" + BODY + "全县", "上下团结一心。 二、展望 " + BODY]
    text = "\n".join(f"{k}、{page}" for k, page in enumerate(pages, 1))
    result = parse(text)
    assert result.page_markers_removed == 3
    assert [s.heading for s in result.sections if s.level] == ["回顾", "建设宜居宜业城镇", "展望"]


def test_trailing_spaces_before_a_real_list_are_left_alone():
    from apps.parsing.joined_text import carry_page_end_spaces

    # "1、" "2、" after short lines that end a sentence: a list, not page numbers.
    lines = ["2021年某县政府工作报告", "主要做了以下工作： ", "1、抓好项目建设。 ", "2、抓好招商引资工作。", BODY]
    assert carry_page_end_spaces(lines) == lines
