"""Line-level layout decisions that need no XML: title lines, signature indents.

Widths are measured in Chinese characters ("字"): a CJK character or full-width
punctuation is 1, an ASCII character (a digit, a Latin letter, a space) is 1/2,
which is how Times New Roman digits sit next to 仿宋 or 小标宋 glyphs.
"""

from __future__ import annotations

import datetime
import itertools
import math
import unicodedata

# A line may not start with these (避头) ...
_NO_LINE_START = set("，。、；：？！”’）》」』】〕〉…—·%％,.;:?!)]}")
# ... nor end with these (避尾).
_NO_LINE_END = set("“‘（《「『【〔〈([{")
# Breaking right after these costs nothing: the title already pauses there.
_PAUSE_AFTER = set("，、；：。？！）》」』】〕 　")
# Function words between phrases: breaking beside them rarely splits a word.
_JOINERS = set("和与及暨并或")
_HEAD_NOUNS = ("报告", "通知", "意见", "方案", "情况", "工作", "总结", "要点", "规划", "办法")

# Penalties, in the units of the squared deviation of line widths from the
# mean (summed over lines): splitting a word costs more than a visibly
# shorter line, which GB/T 9704's trapezoid allows anyway.
_FORBIDDEN = math.inf
_FREE = 0.0
_GOOD = 2.0
_FAIR = 6.0
_BLIND = 60.0  # between two CJK characters we know nothing about: may split a word


def char_width(ch: str) -> float:
    """Width of one character in 字 (1 for wide/CJK, 0.5 for narrow)."""
    if ch.isascii():
        return 0.5
    return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else 0.5


def text_width(text: str) -> float:
    """Width of ``text`` in 字 (see :func:`char_width`)."""
    return sum(char_width(ch) for ch in text)


def _is_word_char(ch: str) -> bool:
    # Digits, Latin letters and the punctuation inside numbers (12.5%, 2023-2024)
    # form one unbreakable token.
    return ch.isascii() and (ch.isalnum() or ch in ".%-/_+:")


def _break_penalty(text: str, i: int) -> float:
    """Cost of breaking ``text`` between ``text[i - 1]`` and ``text[i]``."""
    prev, nxt = text[i - 1], text[i]
    if nxt in _NO_LINE_START or prev in _NO_LINE_END:
        return _FORBIDDEN
    if _is_word_char(prev) and _is_word_char(nxt):
        return _FORBIDDEN
    if prev in _PAUSE_AFTER:
        return _FREE
    if nxt in _NO_LINE_END:  # before an opening bracket: the name inside stays whole
        return _GOOD
    if text.startswith("关于", i) or nxt in _JOINERS or prev in _JOINERS:
        return _GOOD
    after_year = text[i - 2 : i] == "年度" or (prev == "年" and text[i - 2 : i - 1].isdigit() and nxt != "度")
    if after_year:
        return _GOOD
    if prev == "的" or any(text.startswith(noun, i) for noun in _HEAD_NOUNS):
        return _FAIR
    if nxt == "的" or text[i - 2 : i] == "关于":
        return _FAIR + _GOOD
    # "关于|2024年" is a fine break; "2024|年", "XX|县", "5G|基站" split a unit or name.
    if _is_word_char(nxt) and not _is_word_char(prev):
        return _FAIR
    return _BLIND


def _bracket_penalty(text: str, i: int) -> float:
    """Extra cost of breaking inside 《…》 or （…）: the name inside is one unit."""
    depth = 0
    for ch in text[:i]:
        if ch in "《（(":
            depth += 1
        elif ch in "》）)" and depth:
            depth -= 1
    return _BLIND if depth else 0.0


def balance_title(title: str, max_width: float) -> list[str]:
    """Split a title into lines of near-equal width without breaking words.

    GB/T 9704 wants a long title set as a symmetric block (trapezoid or
    diamond). We choose the fewest lines that fit ``max_width`` and, among the
    break points, those that make the lines most equal while preferring
    natural pauses (after punctuation, around 关于/的/和, after 2024年度) and
    never splitting a number, a Latin word or a punctuation pair.

    Args:
        title: the title text; explicit line feeds are kept as given.
        max_width: widest line allowed, in 字.

    Returns:
        The lines, at least one. A title that fits on one line is returned
        whole; a title with no acceptable break point stays one line.
    """
    title = title.strip()
    if "\n" in title:
        return [line.strip() for line in title.splitlines() if line.strip()]
    total = text_width(title)
    if total <= max_width or len(title) < 2:
        return [title]

    widths = [0.0]
    for ch in title:
        widths.append(widths[-1] + char_width(ch))
    penalties = {i: _break_penalty(title, i) + _bracket_penalty(title, i) for i in range(1, len(title))}
    candidates = [i for i, cost in penalties.items() if cost < _FORBIDDEN]

    lines = math.ceil(total / max_width)
    while lines <= len(candidates) + 1:
        cuts = _best_cuts(widths, penalties, candidates, lines, max_width)
        if cuts is not None:
            bounds = [0, *cuts, len(title)]
            return [title[a:b].strip() for a, b in itertools.pairwise(bounds)]
        lines += 1
    return [title]


def _best_cuts(
    widths: list[float],
    penalties: dict[int, float],
    candidates: list[int],
    lines: int,
    max_width: float,
) -> list[int] | None:
    """Dynamic programme over break points for exactly ``lines`` lines."""
    end = len(widths) - 1
    target = widths[end] / lines
    points = [0, *candidates, end]
    # best[k][j]: (cost, previous point index) of k lines ending at points[j]
    best: list[dict[int, tuple[float, int]]] = [{0: (0.0, -1)}]
    for k in range(1, lines + 1):
        row: dict[int, tuple[float, int]] = {}
        for j in range(1, len(points)):
            if (k == lines) != (points[j] == end):
                continue
            for i, (cost, _) in best[k - 1].items():
                if i >= j:
                    continue
                width = widths[points[j]] - widths[points[i]]
                if width > max_width:
                    continue
                penalty = 0.0 if points[j] == end else penalties[points[j]]
                total = cost + (width - target) ** 2 + penalty
                if j not in row or total < row[j][0]:
                    row[j] = (total, i)
        best.append(row)
    last = len(points) - 1
    if last not in best[lines]:
        return None
    cuts, j = [], last
    for k in range(lines, 1, -1):
        j = best[k][j][1]
        cuts.append(points[j])
    return cuts[::-1]


def format_date(date: datetime.date) -> str:
    """Render a date as in GB/T 9704: ``2019年1月8日`` (no zero padding)."""
    return f"{date.year}年{date.month}月{date.day}日"


def signature_indents(signer: str, date_text: str) -> tuple[float, float]:
    """Right indents, in 字, of the signer line and the date line.

    GB/T 9704 7.3.5.2 (no seal): the signer is right-indented 2 字 and the
    date's first character sits 2 字 right of the signer's first character;
    when the date is too long for that, the date is right-indented 2 字 and
    the signer moves left accordingly.

    Args:
        signer: the issuing body's name, may be empty.
        date_text: the formatted date, may be empty.

    Returns:
        ``(signer_indent, date_indent)``; with only one of the two lines the
        present one gets 2 字.
    """
    if not signer or not date_text:
        return 2.0, 2.0
    signer_width, date_width = text_width(signer), text_width(date_text)
    date_indent = max(2.0, signer_width - date_width)
    signer_indent = date_indent + date_width + 2.0 - signer_width
    return signer_indent, date_indent
