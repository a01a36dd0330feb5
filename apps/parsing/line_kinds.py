"""What a single line of the report is, apart from a numbered heading: the report's title, the occasion line under
it, the head of a glossary, notes or appendix block, an unnumbered part title (``过去五年工作回顾``).

Used by :func:`apps.parsing.structure.build_structure`, which decides levels and sections from these.
"""

from __future__ import annotations

import re

from .markers import (
    STYLE_L1,
    STYLE_L3,
    STYLE_L4,
    STYLE_PART,
    ends_sentence,
    heading_allowed,
    match_marker,
)
from .numbering import chinese_number

# Longest heading text we accept, per style family; a longer "heading" is a
# numbered paragraph of body text.
_MAX_HEADING = {"part": 100, "l1": 100, "l2": 100, STYLE_L3: 60, STYLE_L4: 60}

_TITLE_MAX = 60
_TITLE_BAD_END = tuple("。；;，,：:！？!?、")

# A colon closes short headings (``1.主要做法：…``) but is too common in long
# first sentences to close a long one.
_COLON_HEADING_MAX = 30

# The occasion line under a speech's or report's title ("——2022年1月27日在
# 曲阳县第十八届人民代表大会第二次会议上"). Standing first, it means the
# title itself is missing (lost with a web page's header): it is a subtitle,
# kept in the preamble, and the report gets no title. It opens with a dash,
# a date or "在", so "书记在县级领导述职会发言" is still a title.
_OCCASION = re.compile(
    r"[—―─－\-–~～]*\s*[（(]?\s*(?:\d{4}年\d{1,2}月\d{1,2}日\s*)?在[^，。；;：:！？!?]{2,48}?"
    r"(?:会议|大会|座谈会|报告会|开幕式|闭幕式|典礼|仪式|会)(?:上|开幕式上|闭幕式上)"
    r"(?:的(?:讲话|报告|发言|致辞))?\s*[）)]?"
)
_OCCASION_OPENING = re.compile(r"[—―─－\-–~～]|[（(]?\s*\d{4}年|[（(]?\s*在")

# A glossary or notes block ("名词解释", "《政府工作报告》名词解释",
# "※名词解释※", "附：名词解释"), alone on its line or glued to its first
# entry ("名词解释[1]“4+4”产业体系：…", "名词解释：1.“两重”：…").
_NOTES_HEAD = re.compile(
    r"[*※＊\s]*(?:《[^》]{1,20}》\s*)?(?:附[：:]?\s*)?(?:名词解释|名词注释|名词说明|注释|注解|释义|附注)"
    r"\s*[※*＊]*\s*[：:]?"
)
_ENTRY_OPENING = re.compile(r"\s*(?:[\[【［]\d{1,3}[\]】］]|\d{1,3}[.、．](?!\d))")
# An appendix after the report: "附件", "附件1：…项目表", "附：…".
_APPENDIX_HEAD = re.compile(r"附件\s*[\d一二三四五六七八九十]*\s*(?:[：:].{0,40})?|附[：:].{0,40}|附表\s*\d*.{0,40}")
# A numbered note: "[12] 一枚印章管审批：…", "【3】…".
_NOTE_ENTRY = re.compile(r"[\[【［]\d{1,3}[\]】］]")
_SENTENCE_PUNCT = re.compile(r"[。；;：:！？!?，,]")
_SALUTATION = re.compile(r"(?:各位代表|同志们|各位委员|各位领导)[^。]{0,12}[：:！!，,]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Longest unnumbered part title; a relaxed length for a title that a
# numbering restart vouches for.
_PLAIN_MAX = 30
_PLAIN_RESTART_MAX = 40
# What a report's or speech's title ends with, and the longest line taken
# for a label standing above such a title.
REPORT_TITLE_END = re.compile(r"(?:报告|总结|讲话|发言|致辞|计划|规划|要点|汇报|意见|方案|纲要)$")
LABEL_MAX = 20
# How far below a part title the 一、 it stands above may come (an
# introductory paragraph or two between them).
_OPENING_LOOKAHEAD = 3


def parse_heading(paragraph: str):
    """Read a heading paragraph.

    Returns:
        ``(style, number, marker, heading, heading_end, inline_text)`` or None
        when the paragraph is not a heading.
    """
    found = match_marker(paragraph)
    if found is None:
        return None
    style, number, m = found
    marker = paragraph[: m.end()]
    rest = paragraph[m.end() :]
    if not heading_allowed(rest):
        return None
    limit = _MAX_HEADING[style]
    end = None
    for i, ch in enumerate(rest[: limit + 1]):
        if ch in "。！？!?":
            end = i
            break
        if ch in "：:" and i <= _COLON_HEADING_MAX:
            end = i
            break
    if end is not None:
        if end == 0:
            return None
        return style, number, marker, rest[:end], rest[end], rest[end + 1 :]
    if len(rest) > limit:
        return None
    return style, number, marker, rest, "", ""


OUTER_STYLES = (STYLE_PART, STYLE_L1)
_CN_VALUES = {chinese_number(k): k for k in range(1, 100)}


def follows(previous: str | None, number: str) -> bool:
    """Whether heading ``number`` comes right after ``previous`` (一 → 二, 9 → 10)."""
    if previous is None:
        return False
    a = _CN_VALUES.get(previous) or (int(previous) if previous.isdigit() else None)
    b = _CN_VALUES.get(number) or (int(number) if number.isdigit() else None)
    return a is not None and b == a + 1


def number_value(number: str) -> int | None:
    return _CN_VALUES.get(number) or (int(number) if number.isdigit() else None)


def is_occasion_line(paragraph: str) -> bool:
    """True for a subtitle naming the occasion: ``——2022年1月23日在…会议上``."""
    return _OCCASION_OPENING.match(paragraph) is not None and _OCCASION.fullmatch(paragraph) is not None


def title_text(paragraph: str) -> str:
    """The title as a reader reads it: a ``标题：`` label dropped, spaced letters closed up.

    ``政 府 工 作 报 告`` (letters spread over the line, as centred titles are
    typed) reads ``政府工作报告``; words separated by one space
    (``XX县 2021年工作总结``) are left as written.
    """
    text = re.sub(r"^标题\s*[：:]\s*", "", paragraph)
    if re.fullmatch(r"(?:[\u4e00-\u9fff] +){2,}[\u4e00-\u9fff]", text):
        text = text.replace(" ", "")
    return text


def is_title(paragraph: str) -> bool:
    text = title_text(paragraph)
    return (
        0 < len(text) <= _TITLE_MAX
        and not text.endswith(_TITLE_BAD_END)
        and parse_heading(text) is None
        and not is_occasion_line(text)
        # A news lead ("…政府工作报告。 本报记者…") names a reporter; a title never does.
        and "记者" not in text
    )


def split_glued_notes_head(paragraph: str) -> list[str]:
    """``名词解释[1]“4+4”产业体系：…`` → the glossary head and its first entry."""
    m = _NOTES_HEAD.match(paragraph)
    if m is None or m.end() == len(paragraph) or _ENTRY_OPENING.match(paragraph, m.end()) is None:
        return [paragraph]
    return [paragraph[: m.end()].strip(), paragraph[m.end() :].strip()]


def _plain_title_shape(paragraph: str, limit: int) -> bool:
    """A short line that can be an unnumbered title: no sentence punctuation, no spaces, not a date."""
    return (
        4 <= len(paragraph) <= limit
        and _CJK.search(paragraph) is not None
        and _SENTENCE_PUNCT.search(paragraph) is None
        and " " not in paragraph
        and parse_heading(paragraph) is None
        and not is_occasion_line(paragraph)
        and _SALUTATION.match(paragraph) is None
        and not re.fullmatch(r"[\d年月日号\s]+", paragraph)
        and _NOTES_HEAD.fullmatch(paragraph) is None
        # A table or figure caption ("主要经济指标完成情况表") is not a title of the text.
        and not paragraph.endswith(("表", "图", "（续）"))
    )


def _opens_block(paragraphs: list[str], i: int) -> bool:
    """Whether paragraph ``i`` stands between blocks: after a sentence end, before text or a heading."""
    if i == 0 or i + 1 >= len(paragraphs):
        return False
    before, after = paragraphs[i - 1], paragraphs[i + 1]
    closed = ends_sentence(before) or parse_heading(before) is not None or _SALUTATION.match(before) is not None
    return closed and (parse_heading(after) is not None or len(after) > len(paragraphs[i]) + 10 or ends_sentence(after))


def plain_titles(paragraphs: list[str], start: int) -> set[int]:
    """Indexes of unnumbered part titles (``过去五年工作回顾`` above ``一、``).

    A candidate is a short line with no sentence punctuation standing between
    blocks, after the salutation or the first heading (the title block and
    the speaker's name come before). It is a title when it opens a numbered
    block (the first heading in the next three paragraphs is numbered 一 or
    1), or when the report has a run of at least two such lines (parallel
    part titles, each opening its block of paragraphs).
    """
    begun = None
    for i in range(start, len(paragraphs)):
        # The salutation may be glued inside the first paragraph (text whose breaks were lost).
        if _SALUTATION.search(paragraphs[i]) or parse_heading(paragraphs[i]) is not None:
            begun = i
            break
    if begun is None:
        return set()
    candidates = []
    opening = set()
    for i in range(begun, len(paragraphs)):
        para = paragraphs[i]
        if _NOTES_HEAD.fullmatch(para) or split_glued_notes_head(para)[0] != para:
            break
        if i > begun and _plain_title_shape(para, _PLAIN_MAX) and _opens_block(paragraphs, i):
            candidates.append(i)
            # The first heading within a few paragraphs below starts a numbering.
            nxt = next(
                (h for h in map(parse_heading, paragraphs[i + 1 : i + 1 + _OPENING_LOOKAHEAD]) if h is not None), None
            )
            if nxt is not None and number_value(nxt[1]) == 1:
                opening.add(i)
    return set(candidates) if len(candidates) >= 2 else opening


def trailing_kind(paragraphs: list[str], i: int, has_headings: bool, last_heading: int = -1) -> str:
    """``glossary``, ``appendix`` or ``notes`` when paragraph ``i`` opens such a block, else ``""``."""
    para = paragraphs[i]
    if _NOTES_HEAD.fullmatch(para):
        return "glossary"
    if not has_headings:
        return ""
    if len(para) <= 50 and _APPENDIX_HEAD.fullmatch(para):
        return "appendix"
    if _NOTE_ENTRY.match(para) and i > last_heading:
        rest = paragraphs[i:]
        if sum(1 for p in rest if _NOTE_ENTRY.match(p)) >= max(2, len(rest) // 2):
            return "notes"
    return ""


def restart_title(paragraph: str) -> bool:
    """A looser part title, accepted where a numbering restart says one must stand."""
    if paragraph.endswith(("：", ":", "，", ",", "、")):
        return False  # a lead-in to a list ("主要措施如下："), not a title
    return _plain_title_shape(paragraph, _PLAIN_RESTART_MAX) or (
        len(paragraph) <= _PLAIN_RESTART_MAX
        and _CJK.search(paragraph) is not None
        and re.search(r"[。！？!?；;]", paragraph) is None
        and parse_heading(paragraph) is None
        and _SALUTATION.match(paragraph) is None
        and not is_occasion_line(paragraph)
    )
