"""Proofreading: converter look-alikes and the slips reviewers hunt for by eye.

Pure Python, no Django. Input is cleaned text as the parser returns it (a section's heading or
body: page markers removed, lines re-joined); output is a list of :class:`Suggestion`, each a
span of that text, the proposed replacement (``None``: flagged only, no safe correction) and the
reason in Chinese. Public API::

    profile = document_profile([s.body for s in result.sections])
    for s in proofread(section.body, profile=profile): ...
    proofread_result(result)   # every field of a parse, with the document's profile

Kinds (``KIND_*``): converter look-alikes judged in context (:mod:`.proofread_words`),
half-width punctuation between Chinese characters, unmatched ``“”`` ``（）`` ``《》``, mixed
``%``/``％``, characters that are never doubled, spaces inside Chinese text, and digits glued to a
placeholder (``XX3亿元``). Every rule is one regular-expression scan plus a bounded look at the
context of each hit, so the time is linear in the text (``bench/proofread_speed.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .proofread_marks import doubled, glued, halfwidth, percent, proofread_marker, spaces, unpaired
from .proofread_types import (
    KIND_CONVERTER,
    KIND_DOUBLED,
    KIND_GLUED,
    KIND_HALFWIDTH,
    KIND_LABELS,
    KIND_PERCENT,
    KIND_SPACE,
    KIND_UNPAIRED,
    PROOF_KINDS,
    Profile,
    Suggestion,
)
from .proofread_words import ALWAYS_STRONG, CERTAIN, PAIRS, Pair

__all__ = [
    "KIND_CONVERTER",
    "KIND_DOUBLED",
    "KIND_GLUED",
    "KIND_HALFWIDTH",
    "KIND_LABELS",
    "KIND_PERCENT",
    "KIND_SPACE",
    "KIND_UNPAIRED",
    "PROOF_KINDS",
    "Profile",
    "Suggestion",
    "context_of",
    "document_profile",
    "proofread",
    "proofread_listing",
    "proofread_marker",
    "proofread_result",
]

# How many occurrences of the certain signs (原那么, 效劳, 根底 …) mark a document as converted.
CONVERTED_MIN_SIGNS = 3
# Converter look-alikes in a clean document are offered only from a strong context; confidence
# is lower there (a real 开展势头 is rarer than a converted one).
CONFIDENCE_CERTAIN = 0.95
CONFIDENCE_STRONG_CONVERTED = 0.9
CONFIDENCE_STRONG_CLEAN = 0.75
CONFIDENCE_WEAK_CONVERTED = 0.7
_WINDOW = 24

_CERTAIN_RE = re.compile("|".join(sorted(CERTAIN, key=len, reverse=True)))


def document_profile(texts: Iterable[str]) -> Profile:
    """Read the signs of a converter round trip and the dominant percent sign over all texts."""
    signs = 0
    half = full = 0
    for text in texts:
        signs += len(_CERTAIN_RE.findall(text))
        half += text.count("%")
        full += text.count("％")
    majority = None
    if half and full:
        majority = "%" if half >= full else "％"
    return Profile(converted=signs >= CONVERTED_MIN_SIGNS, signs=signs, percent_majority=majority)


def proofread(text: str, *, profile: Profile | None = None) -> list[Suggestion]:
    """Suggestions for one cleaned text, sorted by position, never overlapping.

    Args:
        text: a section's heading or body as the parser returns it.
        profile: the document's :func:`document_profile`; by default the text's own.

    Returns:
        The suggestions; where two would overlap, the one found first by kind order is kept.
    """
    if profile is None:
        profile = document_profile([text])
    found: list[Suggestion] = []
    found += _converter(text, profile)
    found += unpaired(text)
    found += halfwidth(text)
    found += percent(text, profile)
    found += doubled(text)
    found += spaces(text, profile.converted)
    found += glued(text)
    found.sort(key=lambda s: (s.start, s.end))
    kept: list[Suggestion] = []
    last_end = -1
    for s in found:
        if s.start < last_end or (kept and s.start == kept[-1].start):
            continue
        kept.append(s)
        last_end = max(last_end, s.end)
    return kept


def proofread_result(result) -> list[tuple[int, str, Suggestion]]:
    """Every suggestion of a :class:`~apps.parsing.types.ParseResult`: ``(section, field, s)``.

    ``field`` is ``title`` (section 0 only), ``marker`` (the heading's number as written, see
    :func:`proofread_marker`), ``heading`` or ``body``; the profile is the whole document's.
    """
    fields: list[tuple[int, str, str]] = [(0, "title", result.title)]
    for i, section in enumerate(result.sections):
        fields.append((i, "heading", section.heading))
        fields.append((i, "body", section.body))
    profile = document_profile(t for _, _, t in fields)
    out = []
    for i, field, text in fields:
        if field == "heading":
            out += [(i, "marker", s) for s in proofread_marker(result.sections[i].marker)]
        for s in proofread(text, profile=profile):
            out.append((i, field, s))
    return out


# --- converter look-alikes -------------------------------------------------------------------

_PAIRS_BY_WRONG: dict[str, Pair] = {p.wrong: p for p in PAIRS}
_WORDS_RE = re.compile("|".join(sorted([*CERTAIN, *_PAIRS_BY_WRONG], key=len, reverse=True)))
_COMPILED: dict[tuple[str, str], re.Pattern | None] = {}


def _pattern(pair: Pair, attr: str) -> re.Pattern | None:
    key = (pair.wrong, attr)
    if key not in _COMPILED:
        source = getattr(pair, attr)
        if not source:
            _COMPILED[key] = None
        elif attr.endswith("_before"):
            _COMPILED[key] = re.compile(f"(?:{source})$")
        else:
            _COMPILED[key] = re.compile(f"(?:{source})")
    return _COMPILED[key]


def _after_matches(pair: Pair, attr: str, text: str, end: int) -> bool:
    pattern = _pattern(pair, attr)
    if pattern is None:
        return False
    return pattern.match(text, end, end + _WINDOW) is not None


def _before_matches(pair: Pair, attr: str, text: str, start: int) -> bool:
    pattern = _pattern(pair, attr)
    if pattern is None:
        return False
    return pattern.search(text[max(0, start - _WINDOW) : start]) is not None


def _converter(text: str, profile: Profile) -> list[Suggestion]:
    out = []
    for m in _WORDS_RE.finditer(text):
        word, start, end = m.group(), m.start(), m.end()
        if word in CERTAIN:
            right = CERTAIN[word]
            out.append(_converter_suggestion(word, right, start, end, CONFIDENCE_CERTAIN))
            continue
        pair = _PAIRS_BY_WRONG[word]
        confidence = _judge(pair, text, start, end, profile)
        if confidence:
            out.append(_converter_suggestion(word, pair.right, start, end, confidence))
    return out


def _judge(pair: Pair, text: str, start: int, end: int, profile: Profile) -> float:
    strong_conf = CONFIDENCE_STRONG_CONVERTED if profile.converted else CONFIDENCE_STRONG_CLEAN
    if pair.wrong in ALWAYS_STRONG:
        return strong_conf
    strong = _after_matches(pair, "strong_after", text, end) or _before_matches(pair, "strong_before", text, start)
    if strong and pair.strong_first:
        return strong_conf
    if _after_matches(pair, "right_after", text, end) or _before_matches(pair, "right_before", text, start):
        return 0.0
    if strong:
        return strong_conf
    if pair.weak and profile.converted:
        return CONFIDENCE_WEAK_CONVERTED
    return 0.0


def _converter_suggestion(word: str, right: str, start: int, end: int, confidence: float) -> Suggestion:
    return Suggestion(
        original=word,
        replacement=right,
        kind=KIND_CONVERTER,
        reason=f"疑似格式转换错词：{word}→{right}",
        start=start,
        end=end,
        confidence=confidence,
    )


def context_of(text: str, start: int, end: int, width: int = 10) -> tuple[str, str]:
    """Up to ``width`` characters of ``text`` before ``start`` and after ``end``."""
    return text[max(0, start - width) : start], text[end : end + width]


def proofread_listing(result) -> list[dict]:
    """The suggestions of a parse as the ``proofread`` command prints them.

    Each is ``{original, replacement, kind, reason, before, after}`` (plus ``section`` and
    ``field``), ``before``/``after`` being up to 10 characters of the cleaned text around it.
    """
    texts = {(0, "title"): result.title}
    for i, section in enumerate(result.sections):
        texts[(i, "marker")] = section.marker
        texts[(i, "heading")] = section.heading
        texts[(i, "body")] = section.body
    out = []
    for i, field, s in proofread_result(result):
        before, after = context_of(texts[(i, field)], s.start, s.end)
        out.append(
            {
                "original": s.original,
                "replacement": s.replacement,
                "kind": s.kind,
                "reason": s.reason,
                "before": before,
                "after": after,
                "section": i,
                "field": field,
                "confidence": s.confidence,
            }
        )
    return out
