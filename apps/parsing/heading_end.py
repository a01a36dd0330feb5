"""Where a standalone heading ends when it runs straight into its first sentence.

Text whose every break was lost (``lost_breaks.py``) glues a standalone
heading to the sentence after it: ``着力推动消费转型升级迭代完善促消费政策举措。``.
The heading ends where a sentence of this report could start: the two
characters after the cut often open a clause elsewhere in the same report
(``加强``, ``坚持``, ``突出``) and the two before it often close one (``建设``,
``体系``). Counting over the report itself adapts to its wording; nothing is
learnt from other documents.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from functools import cached_property

from .segmenter import words

# Longest heading text looked at.
GLUED_HEADING_MAX = 60
# A heading or a first sentence shorter than this is no cut.
_MIN_PART = 4
# The score of a cut at spaces: above any cut told by the statistics.
_SPACE_CUT = 0.0
# A standalone heading has at most this many clauses before the cut without penalty.
FREE_CLAUSES = 2
# An outer heading (一、, 第一部分) is most often one short title: one free clause.
OUTER_FREE_CLAUSES = 1
CLAUSE_PENALTY = 1.5
# Characters a heading does not end on, and a sentence does not open with.
_NO_END = set("的和与及、“《（(在对把将从向为以及或并")
# ... nor on a particle (``…的原则，确定了｜2020年的预期目标``).
NO_HEADING_END = _NO_END | set("了着过是")
_NO_OPEN = set("的和与及、”》）)了着过等中上下里之性化")
_CLAUSE_END = set("，。；：！？、,;:!?")
_CLOSERS = set("”’」』）)】")
# A sentence or clause opens after these; the closing side of a cut weighs
# half (words like 建设 close clauses as nouns and open objects as verbs).
_OPEN_AFTER = set("。！？!?；;，,：:")
_CLOSE_WEIGHT = 0.5
# The first sentences of sibling sections often open with the same word
# (…走深走实｜坚持首都城市战略定位, …动力活力｜坚持改革攻坚): a cut before a
# pair of characters that several siblings could be cut before gains this.
_SHARED_OPENING = 3.0
_SHARED_MIN = 3
# ... when the pair opens clauses in the report at least this often (``坚持``),
# unlike a word the sibling headings share (``高质量发展…``).
_SHARED_OPENS = 0.3


class Stats:
    """How often each pair of characters opens a sentence or closes a clause in one text.

    Counted on first use: most long lines hold no glued heading, and counting is a pass over every character.
    """

    def __init__(self, text: str):
        self._text = text

    @cached_property
    def total(self) -> Counter:
        return Counter(a + b for a, b in itertools.pairwise(self._text))

    @cached_property
    def opens(self) -> Counter:
        text, opens = self._text, Counter()
        after_end = False
        for i, ch in enumerate(text):
            if ch in _OPEN_AFTER:
                after_end = True
                continue
            if ch in _CLOSERS:
                continue
            if after_end and i + 1 < len(text):
                opens[text[i : i + 2]] += 1
            after_end = False
        return opens

    @cached_property
    def closes(self) -> Counter:
        text = self._text
        return Counter(text[i - 2 : i] for i in range(2, len(text)) if text[i] in _CLAUSE_END)

    def cut_score(self, text: str, p: int) -> float:
        """Log-odds-like score of a sentence starting at ``p`` after a clause ending there."""
        right, left = text[p : p + 2], text[p - 2 : p]
        return math.log((self.opens[right] + 0.1) / (self.total[right] + 1)) + _CLOSE_WEIGHT * math.log(
            (self.closes[left] + 0.1) / (self.total[left] + 1)
        )


def _word_bounds(clause: str, offset: int) -> set[int]:
    """Ends of the words of ``clause``, shifted by ``offset``."""
    bounds, at = set(), offset
    for word, _flag in words(clause):
        at += len(word)
        bounds.add(at)
    return bounds


def cut_candidates(rest: str, stats: Stats, free: int = FREE_CLAUSES) -> list[tuple[float, int]]:
    """Where a standalone heading glued to its first sentence may end: ``(score, length)`` pairs.

    ``rest`` is the text after the heading number. The cut lies before the
    first sentence end, at a word boundary, neither part shorter than four
    characters, not after ``的``/``和`` nor before ``的``/``了``; a heading of
    more than two clauses is unlikely. The score is :meth:`Stats.cut_score`.
    """
    end = re.search(r"[。！？!?]", rest[: GLUED_HEADING_MAX + 40])
    limit = end.start() if end else min(len(rest), GLUED_HEADING_MAX + 40)
    found = []
    for k, m in enumerate(re.finditer(r"[^，,；;：:]+", rest[:limit])):
        a, b = m.span()
        if a > GLUED_HEADING_MAX:
            break
        bounds = _word_bounds(rest[a:b], a)
        penalty = CLAUSE_PENALTY * max(0, k + 1 - free)
        for p in range(max(a + 1, _MIN_PART), b - _MIN_PART + 1):
            if p not in bounds or rest[p - 1] in NO_HEADING_END or rest[p] in _NO_OPEN or p > GLUED_HEADING_MAX:
                continue
            found.append((stats.cut_score(rest, p) - penalty, p))
    # Spaces left where the break was ("&nbsp;" before a paragraph) mark the cut.
    for m in re.finditer(r"\s+", rest[:limit]):
        if m.start() >= _MIN_PART and not re.search(r"[，,；;：:]", rest[m.end() : m.end() + 1]):
            found.append((_SPACE_CUT, m.end()))
    return found


def best_cuts(rests: list[str], stats: Stats, free: int = FREE_CLAUSES) -> list[tuple[float, int] | None]:
    """The best cut of each sibling, preferring an opening word the siblings share.

    The first sentences of sibling sections often open with the same word
    (``…走深走实｜坚持首都城市战略定位``, ``…动力活力｜坚持改革攻坚``): a cut before
    a pair of characters that several siblings could be cut before, and that
    opens clauses elsewhere in the report (unlike ``高质量``, a word the
    sibling headings share), gains ``_SHARED_OPENING``.
    """
    candidates = [cut_candidates(rest, stats, free) for rest in rests]
    quorum = max(_SHARED_MIN, len(rests) // 2)
    shared = Counter(
        pair for rest, found in zip(rests, candidates, strict=True) for pair in {rest[p : p + 2] for _s, p in found}
    )
    common = {
        pair for pair, n in shared.items() if n >= quorum and stats.opens[pair] >= _SHARED_OPENS * stats.total[pair]
    }
    candidates = [
        [(s + (_SHARED_OPENING if rest[p : p + 2] in common else 0), p) for s, p in found]
        for rest, found in zip(rests, candidates, strict=True)
    ]
    return [max(found, default=None) for found in candidates]
