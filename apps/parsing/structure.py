"""Title and sections from the cleaned paragraphs.

A heading is a paragraph opening with an official number (``一、``,
``（一）``, ``1.``, ``（1）``, ``第一部分``). Its text ends at the first
sentence end (the rest of the paragraph is then an inline body), or runs to
the end of the paragraph. Levels follow the numbering styles the document
actually uses, outermost first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .markers import STYLE_L3, STYLE_L4, STYLE_ORDER, heading_allowed, match_marker

# Longest heading text we accept, per style family; a longer "heading" is a
# numbered paragraph of body text.
_MAX_HEADING = {"part": 100, "l1": 100, "l2": 100, STYLE_L3: 60, STYLE_L4: 60}
_TITLE_MAX = 60
_TITLE_BAD_END = tuple("。；;，,：:！？!?、")

# A colon closes short headings (``1.主要做法：…``) but is too common in long
# first sentences to close a long one.
_COLON_HEADING_MAX = 30


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


def _is_title(paragraph: str) -> bool:
    return len(paragraph) <= _TITLE_MAX and not paragraph.endswith(_TITLE_BAD_END) and parse_heading(paragraph) is None


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
    while i < n:
        para = paragraphs[i]
        head = parse_heading(para)
        if head is None:
            sections[-1].body.append(para)
            i += 1
            continue
        style, number, marker, heading, heading_end, inline = head
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
