"""Title and sections from the cleaned paragraphs.

A heading is a paragraph opening with an official number (``一、``,
``（一）``, ``1.``, ``（1）``, ``第一部分``). Its text ends at the first
sentence end (the rest of the paragraph is then an inline body), or runs to
the end of the paragraph. Levels follow the numbering styles the document
actually uses, outermost first.

The title is a short first paragraph, unless it is the occasion line of a
report whose title was lost (``——2022年1月23日在…会议上``): the report then
has no title. Numbered entries of a closing glossary (``名词解释`` then
``1.“放管服”改革：…``) are not headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .markers import STYLE_L1, STYLE_L3, STYLE_L4, STYLE_ORDER, STYLE_PART, heading_allowed, match_marker
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

# A glossary or notes block at the end ("名词解释", then "1.“放管服”改革：…"):
# its numbered entries are not headings of the report.
_NOTES_HEAD = re.compile(r"(?:附[：:]?\s*)?(?:名词解释|名词注释|名词说明|注释|注解|释义|附注)[：:]?")


@dataclass
class RawSection:
    level: int
    number: str
    marker: str
    heading: str
    heading_end: str
    inline_body: bool
    body: list[str] = field(default_factory=list)
    style: str = ""


@dataclass
class Structure:
    title: str
    sections: list[RawSection]


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


_OUTER = (STYLE_PART, STYLE_L1)
_CN_VALUES = {chinese_number(k): k for k in range(1, 100)}


def _follows(previous: str | None, number: str) -> bool:
    """Whether heading ``number`` comes right after ``previous`` (一 → 二, 9 → 10)."""
    if previous is None:
        return False
    a = _CN_VALUES.get(previous) or (int(previous) if previous.isdigit() else None)
    b = _CN_VALUES.get(number) or (int(number) if number.isdigit() else None)
    return a is not None and b == a + 1


def is_occasion_line(paragraph: str) -> bool:
    """True for a subtitle naming the occasion: ``——2022年1月23日在…会议上``."""
    return _OCCASION_OPENING.match(paragraph) is not None and _OCCASION.fullmatch(paragraph) is not None


def _is_title(paragraph: str) -> bool:
    return (
        len(paragraph) <= _TITLE_MAX
        and not paragraph.endswith(_TITLE_BAD_END)
        and parse_heading(paragraph) is None
        and not is_occasion_line(paragraph)
    )


def build_structure(paragraphs: list[str]) -> Structure:
    """Split paragraphs into the title, the preamble and the sections.

    Args:
        paragraphs: cleaned, non-empty paragraphs in order.

    Returns:
        A :class:`Structure` whose first section is always the level-0
        preamble (possibly empty).
    """
    title = ""
    start = 0
    if paragraphs and _is_title(paragraphs[0]):
        title = paragraphs[0]
        start = 1
    sections = [RawSection(0, "", "", "", "", False)]
    i = start
    n = len(paragraphs)
    notes = False
    outer: dict[str, str] = {}  # last number of each outer style (part, l1)
    while i < n:
        para = paragraphs[i]
        head = parse_heading(para)
        if head is not None and notes:
            # Inside notes only the next outer heading ("三、" after "二、")
            # ends them; their own numbered entries are not headings.
            if head[0] in _OUTER and _follows(outer.get(head[0]), head[1]):
                notes = False
            else:
                head = None
        if head is None:
            notes = notes or _NOTES_HEAD.fullmatch(para) is not None
            sections[-1].body.append(para)
            i += 1
            continue
        style, number, marker, heading, heading_end, inline = head
        if style in _OUTER:
            outer[style] = number
        # A heading broken over two lines ("…坚定前行、" / "砥砺奋进，…成就").
        if not heading_end and heading.endswith(("、", "，", ",")) and i + 1 < n and style not in (STYLE_L3, STYLE_L4):
            nxt = paragraphs[i + 1]
            if len(nxt) <= 40 and parse_heading(nxt) is None and not re.search(r"[。！？!?；;]", nxt):
                heading += nxt
                i += 1
        section = RawSection(0, number, marker, heading, heading_end, bool(inline), style=style)
        if inline:
            section.body.append(inline)
        sections.append(section)
        i += 1
    used = [s for s in STYLE_ORDER if any(sec.style == s for sec in sections[1:])]
    rank = {s: min(k + 1, 4) for k, s in enumerate(used)}
    for sec in sections[1:]:
        sec.level = rank[sec.style]
    return Structure(title=title, sections=sections)
