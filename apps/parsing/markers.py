"""Heading numbers of official documents and the punctuation around them.

Shared by the clean-up (which must not split or join lines across a heading)
and the sectioning.
"""

from __future__ import annotations

import re

# Numbering styles from the outermost to the innermost, as GB/T 9704 orders
# them; "part" is 第一部分 / 第一章, used above 一、 in long reports.
STYLE_PART = "part"
STYLE_L1 = "l1"
STYLE_L2 = "l2"
STYLE_L3 = "l3"
STYLE_L4 = "l4"
STYLE_ORDER = (STYLE_PART, STYLE_L1, STYLE_L2, STYLE_L3, STYLE_L4)

_CN = "一二三四五六七八九十"

MARKER_RE = re.compile(
    r"(?:"
    rf"(?P<part>第(?P<np>[{_CN}百零〇]{{1,4}}|\d{{1,3}})(?:部分|章|篇))"
    rf"|(?P<l1>(?P<n1>[{_CN}]{{1,3}})[、．.])"
    rf"|(?P<l2>[（(](?P<n2>[{_CN}]{{1,3}})[）)])"
    r"|(?P<l4>[（(](?P<n4>\d{1,2})[）)])"
    r"|(?P<l3>(?P<n3>\d{1,2})(?:、|[.．](?!\d)))"
    r")"
    r" *"
)

# A heading number followed by one of these is a reference, not a heading:
# "（一）中所述", "一、二项", "（一）至（三）".
FORBIDDEN_AFTER_MARKER = (
    *tuple("的之、，,。；;：:）)%％"),
    "中所",
    "中的",
    "中规定",
    "中提到",
    "中列",
    "所述",
    "所列",
    "所说",
    "所称",
    "项规定",
    "项所",
    "条规定",
    "款规定",
    "以上",
    "以下",
    "至（",
    "至(",
    "至第",
    "到（",
    "到(",
    "和（",
    "和(",
    "及（",
    "及(",
    "与（",
    "与(",
    "或（",
    "或(",
    "是指",
)

# Characters that close a sentence (a line ending in one is a whole line).
SENTENCE_END = frozenset("。！？!?…；;：:")
# A closing quote or bracket counts as an end only after a sentence end.
CLOSERS = frozenset("”’」』）)】\"'")

# A heading's own text ends at the first of these.
HEADING_END = "。！？!?"


def match_marker(text: str, pos: int = 0):
    """Match a heading number at ``pos``; return ``(style, number, match)`` or None."""
    m = MARKER_RE.match(text, pos)
    if m is None:
        return None
    for style, group in ((STYLE_PART, "np"), (STYLE_L1, "n1"), (STYLE_L2, "n2"), (STYLE_L3, "n3"), (STYLE_L4, "n4")):
        number = m.group(group)
        if number is not None:
            return style, number, m
    return None  # pragma: no cover - one group always matches


def ends_sentence(line: str) -> bool:
    """True when ``line`` ends a sentence (or a clause introducing a list)."""
    line = line.rstrip()
    i = len(line) - 1
    while i >= 0 and line[i] in CLOSERS:
        i -= 1
    if i < 0:
        return False
    if line[i] in SENTENCE_END:
        return True
    # A closing quote/bracket alone: "……的“双过半”" does not end a sentence.
    return False


def heading_allowed(rest: str) -> bool:
    """Whether the text after a heading number can be a heading's text.

    Not a reference (``（一）中所述``), and not numbers only (``一、一、``: stray numbering names nothing).
    """
    if not rest or rest.startswith(FORBIDDEN_AFTER_MARKER):
        return False
    return bool(MARKER_RE.sub("", rest).strip())
