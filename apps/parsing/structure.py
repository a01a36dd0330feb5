"""Title and sections from the cleaned paragraphs.

A heading is a paragraph opening with an official number (``一、``,
``（一）``, ``1.``, ``（1）``, ``第一部分``), or an unnumbered part title
standing between numbered blocks (``过去五年工作回顾`` above ``一、``). Its
text ends at the first sentence end (the rest of the paragraph is then an
inline body), or runs to the end of the paragraph. Levels come from how the
headings nest, not from the style alone: a style met under another is one
level deeper (``1、`` straight under ``二、`` is level 2), a part title above
``一、`` is level 1 and pushes the numbered headings one level down.

The title is a short first paragraph, unless it is the occasion line of a
report whose title was lost (``——2022年1月23日在…会议上``): the report then
has no title. A glossary (``名词解释`` then ``1.“放管服”改革：…``), an
appendix (``附件1``) or a run of numbered notes (``[12] …``) after the report
proper is a trailing level-0 section whose numbered entries are not headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .line_kinds import (
    LABEL_MAX,
    OUTER_STYLES,
    REPORT_TITLE_END,
    follows,
    is_title,
    number_value,
    parse_heading,
    plain_titles,
    restart_title,
    split_glued_notes_head,
    title_text,
    trailing_kind,
)
from .markers import (
    STYLE_L3,
    STYLE_L4,
    STYLE_ORDER,
    STYLE_PART,
)

STYLE_PLAIN = "plain"
# An unnumbered title nested under a numbered heading (a run of sub-titles).
_STYLE_SUB = "sub"
# Rank of each style for nesting, outermost first (GB/T 9704 order); an
# unnumbered part title ranks with 第一部分 above 一、.
_RANK = {STYLE_PART: 0, STYLE_PLAIN: 0, **{s: k for k, s in enumerate(STYLE_ORDER)}, _STYLE_SUB: 9}


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
    # For a trailing level-0 section: "glossary", "appendix" or "notes".
    kind: str = ""


@dataclass
class Structure:
    title: str
    sections: list[RawSection]


def build_structure(paragraphs: list[str]) -> Structure:
    """Split paragraphs into the title, the preamble and the sections.

    Args:
        paragraphs: cleaned, non-empty paragraphs in order.

    Returns:
        A :class:`Structure` whose first section is always the level-0
        preamble (possibly empty); a glossary, appendix or notes block is a
        further level-0 section with a ``kind``.
    """
    paragraphs = [piece for para in paragraphs for piece in split_glued_notes_head(para)]
    title = ""
    start = 0
    if (
        len(paragraphs) > 1
        and len(paragraphs[0]) <= LABEL_MAX
        and not REPORT_TITLE_END.search(title_text(paragraphs[0]))
        and is_title(paragraphs[1])
        and REPORT_TITLE_END.search(title_text(paragraphs[1]))
    ):
        # A short line above the report's title (a site's name or watermark
        # "中国县域", an issuing office "某某县人民政府"): the title is the
        # second line, the first stays in the preamble.
        title = title_text(paragraphs[1])
        paragraphs = [paragraphs[0], *paragraphs[2:]]
    elif paragraphs and is_title(paragraphs[0]):
        title = title_text(paragraphs[0])
        start = 1
    plain = plain_titles(paragraphs, start)
    last_heading = max((k for k in range(start, len(paragraphs)) if parse_heading(paragraphs[k])), default=-1)
    sections = [RawSection(0, "", "", "", "", False)]
    i = start
    n = len(paragraphs)
    trailing: RawSection | None = None
    outer: dict[str, str] = {}  # last number of each outer style (part, l1)
    last: dict[str, int] = {}  # last number of each style
    first_at: dict[str, tuple[int, int]] = {}  # where the first heading of a style went
    restarted = False
    while i < n:
        para = paragraphs[i]
        head = parse_heading(para)
        if trailing is not None:
            # Inside a glossary only the next outer heading ("三、" after
            # "二、") ends it; its own numbered entries are not headings.
            if (
                head is not None
                and trailing.kind == "glossary"
                and head[0] in OUTER_STYLES
                and follows(outer.get(head[0]), head[1])
            ):
                trailing = None
            else:
                trailing.body.append(para)
                i += 1
                continue
        if head is None:
            kind = trailing_kind(paragraphs, i, len(sections) > 1, last_heading)
            if kind:
                heading = "" if kind == "notes" else para
                trailing = RawSection(0, "", "", heading, "", False, kind=kind)
                if not heading:
                    trailing.body.append(para)
                sections.append(trailing)
            elif i in plain:
                sections.append(RawSection(0, "", "", para, "", False, style=STYLE_PLAIN))
            else:
                sections[-1].body.append(para)
            i += 1
            continue
        style, number, marker, heading, heading_end, inline = head
        if style in OUTER_STYLES:
            outer[style] = number
        value = number_value(number)
        if (
            not plain
            and not restarted
            and value == 1
            and (last.get(style) or 0) > 1
            and all(_RANK[s] >= _RANK[style] for s in last)
        ):
            # The outermost numbering starts again at 一: each run of it is
            # a part, whose title is the short line standing above its 一.
            restarted = True
            _promote_part_titles(sections, first_at[style])
        last[style] = value or 0
        # A heading broken over lines ("…坚定前行、" / "砥砺奋进，…成就"): joined while it still ends
        # mid-clause, so that the joined heading, parsed again, stays as it is.
        while (
            not heading_end
            and heading.endswith(("、", "，", ","))
            and i + 1 < n
            and style not in (STYLE_L3, STYLE_L4)
            and len(heading) <= 80
        ):
            nxt = paragraphs[i + 1]
            if len(nxt) > 40 or parse_heading(nxt) is not None or re.search(r"[。！？!?；;]", nxt):
                break
            heading += nxt
            i += 1
        first_at.setdefault(style, (len(sections) - 1, len(sections[-1].body)))
        section = RawSection(0, number, marker, heading, heading_end, bool(inline), style=style)
        if inline:
            section.body.append(inline)
        sections.append(section)
        i += 1
    _assign_levels(sections)
    return Structure(title=title, sections=sections)


def _promote_part_titles(sections: list[RawSection], first: tuple[int, int]) -> None:
    """Turn the lines above the first and the restarted ``一、`` into part titles, when they can be titles."""
    current = sections[-1]
    if current.body and restart_title(current.body[-1]):
        sections.append(RawSection(0, "", "", current.body.pop(), "", False, style=STYLE_PLAIN))
    at, length = first
    before = sections[at]
    if length and len(before.body) == length and restart_title(before.body[-1]) and not before.kind:
        sections.insert(at + 1, RawSection(0, "", "", before.body.pop(), "", False, style=STYLE_PLAIN))


def _assign_levels(sections: list[RawSection]) -> None:
    """Levels by nesting: a style met under another is one level deeper.

    A style already open closes what was opened under it (``二、`` after
    ``（三）``); a new style closes the open ones it ranks above (GB/T 9704
    order) and opens one level deeper. An unnumbered title is a part title
    (level 1, above the numbering) when nothing numbered is open yet or the
    next numbered heading starts the outermost numbering again at 一;
    elsewhere it is a sub-title one level under the current heading.
    """
    stack: list[str] = []
    for k, sec in enumerate(sections):
        if k == 0 or sec.kind:
            sec.level = 0
            continue
        style = sec.style
        if style == STYLE_PLAIN:
            base = next((s for s in stack if s not in (STYLE_PLAIN, _STYLE_SUB)), None)
            nxt = next((s for s in sections[k + 1 :] if s.style != STYLE_PLAIN or s.kind), None)
            restart = nxt is not None and not nxt.kind and nxt.style == base and number_value(nxt.number) == 1
            if base is None or restart:
                stack = [STYLE_PLAIN]
                sec.level = 1
                continue
            style = sec.style = _STYLE_SUB
        if style in stack:
            del stack[stack.index(style) + 1 :]
        else:
            while stack and stack[-1] != STYLE_PLAIN and _RANK[stack[-1]] >= _RANK[style]:
                stack.pop()
            stack.append(style)
        sec.level = min(len(stack), 4)
