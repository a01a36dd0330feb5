"""What the parser would say about a correction a person makes after the parse.

Kind, unit and label for a blank a person adds (or retypes); a paragraph read as a heading; heading numbers.

The same rules as the parse: the span is read as if the draft had written
``XX`` there, so ``完成|亿元`` proposes a number in 亿元 and ``同比增长|%`` a
percentage. No Django, like the rest of the package.
"""

from __future__ import annotations

from dataclasses import dataclass

from .indicators import Annotator
from .line_kinds import parse_heading
from .markers import HEADING_END, STYLE_L1, STYLE_L2, STYLE_L3, STYLE_L4, STYLE_PART, match_marker
from .numbering import chinese_number
from .placeholders import Found, _classify, find_explicit

_PROBE = "XX"


@dataclass(frozen=True)
class BlankProposal:
    """What the parser would have said about a blank at a given place."""

    kind: str
    unit: str | None
    label: str


def propose_blank(
    text: str, start: int, end: int, *, kind: str | None = None, unit: str | None = None
) -> BlankProposal:
    """Propose the kind, unit and label of a blank covering ``text[start:end]``.

    Args:
        text: the field (a heading or a section body) the blank sits in.
        start: where the blank starts.
        end: where it ends (``start`` for a blank inserted between two characters).
        kind: a kind chosen by the user; the unit and label then follow it
            (``unit`` is taken as given with a chosen kind).
        unit: the unit chosen with ``kind``.

    Returns:
        The :class:`BlankProposal`.

    Raises:
        ValueError: when the span lies outside ``text``.
    """
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span {start}:{end} outside a text of {len(text)} characters")
    probe = text[:start] + _PROBE + text[end:]
    found = next((f for f in find_explicit(probe) if f.start <= start < f.end), None)
    if found is None or found.start != start:
        # The probe joined a letter or digit next to it: classify the span on its own.
        found = _classify(probe, Found(start, start + len(_PROBE), _PROBE))
    if kind is not None:
        found.kind, found.unit = kind, unit or None
    Annotator().annotate(probe, [found])
    return BlankProposal(kind=found.kind, unit=found.unit, label=found.label)


@dataclass(frozen=True)
class HeadingParts:
    """A paragraph read as a heading: ``marker`` + ``heading`` + ``heading_end``, then ``inline_text``."""

    style: str  # "part", "l1" (一、), "l2" (（一）), "l3" (1.), "l4" (（1）) or "" for no number
    number: str
    marker: str
    heading: str
    heading_end: str
    inline_text: str


def read_heading(paragraph: str) -> HeadingParts:
    """Read a paragraph a person turns into a heading, as the parser reads headings.

    A paragraph that opens with no heading number is a heading without one; its text ends at the first
    sentence end (the rest stays as body text under it), as for a numbered one.

    Args:
        paragraph: one paragraph of a section body.

    Returns:
        The :class:`HeadingParts`.
    """
    parsed = parse_heading(paragraph)
    if parsed is not None:
        return HeadingParts(*parsed)
    for i, ch in enumerate(paragraph):
        if ch in HEADING_END and i:
            return HeadingParts("", "", "", paragraph[:i], ch, paragraph[i + 1 :])
    return HeadingParts("", "", "", paragraph, "", "")


def marker_style(marker: str) -> tuple[str, str] | None:
    """``(style, number)`` of a heading number as written (``"（三）"`` → ``("l2", "三")``), or None."""
    found = match_marker(marker)
    if found is None or found[2].end() != len(marker):
        return None
    return found[0], found[1]


def format_marker(style: str, n: int) -> str:
    """The ``n``-th heading number in ``style``: ``("l1", 3)`` → ``三、``, ``("l4", 2)`` → ``（2）``."""
    if style == STYLE_PART:
        return f"第{chinese_number(n)}部分"
    if style == STYLE_L1:
        return f"{chinese_number(n)}、"
    if style == STYLE_L2:
        return f"（{chinese_number(n)}）"
    if style == STYLE_L3:
        return f"{n}."
    if style == STYLE_L4:
        return f"（{n}）"
    raise ValueError(f"unknown heading style {style!r}")
