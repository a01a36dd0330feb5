"""Kind, unit and label for a blank a person adds (or retypes) after the parse.

The same rules as the parse: the span is read as if the draft had written
``XX`` there, so ``完成|亿元`` proposes a number in 亿元 and ``同比增长|%`` a
percentage. No Django, like the rest of the package.
"""

from __future__ import annotations

from dataclasses import dataclass

from .indicators import Annotator
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
