"""Score a parse against a gold annotation (``tests/samples/NNN.gold.json``).

Shared by the test-suite and ``bench/parse_accuracy.py``. Placeholders are
located in the rebuilt text (:func:`assemble_with_spans`) and matched to the
gold entries by their raw text and the context written around them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .assemble import assemble_with_spans
from .types import ParseResult


@dataclass
class Score:
    expected: int = 0
    found: int = 0
    correct: int = 0
    misses: list = field(default_factory=list)
    extras: list = field(default_factory=list)
    # (index of the gold entry, (section index, placeholder index)) for each
    # gold entry found; for explicit placeholders, found at the right place
    # whatever the kind (so a test can fill it with the gold's original).
    pairs: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else (1.0 if not self.expected else 0.0)

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0


@dataclass
class Report:
    title_ok: bool
    headings: Score
    explicit: Score
    explicit_located: Score
    implicit: Score
    page_markers: tuple[int, int]
    boilerplate_ok: bool
    text: str


def _context_ok(text: str, start: int, end: int, before: str, after: str) -> bool:
    return text[max(0, start - len(before)) : start] == before and text[end : end + len(after)] == after


def score(result: ParseResult, gold: dict) -> Report:
    """Compare ``result`` with ``gold``.

    Returns:
        A :class:`Report`; ``explicit`` counts a placeholder correct when
        raw, position, kind and unit all match, ``explicit_located`` only
        needs raw and position.
    """
    text, spans = assemble_with_spans(result)

    headings = Score(expected=len(gold["headings"]))
    got = [(s.level, s.number, s.heading) for s in result.sections if s.level > 0]
    headings.found = len(got)
    want = [tuple(h) for h in gold["headings"]]
    remaining = list(got)
    for h in want:
        if h in remaining:
            remaining.remove(h)
            headings.correct += 1
        else:
            headings.misses.append(h)
    headings.extras = remaining

    explicit_items = []
    implicit_items = []
    for (si, pi), (a, b) in sorted(spans.items(), key=lambda kv: kv[1]):
        ph = result.sections[si].placeholders[pi]
        (implicit_items if ph.implicit else explicit_items).append((a, b, ph, (si, pi)))

    explicit = Score(expected=len(gold["explicit_placeholders"]), found=len(explicit_items))
    located = Score(expected=explicit.expected, found=explicit.found)
    pointer = 0
    for gi, g in enumerate(gold["explicit_placeholders"]):
        hit = None
        for k in range(pointer, len(explicit_items)):
            a, b, ph, _key = explicit_items[k]
            if ph.raw == g["raw"] and _context_ok(text, a, b, g["before"], g["after"]):
                hit = k
                break
        if hit is None:
            explicit.misses.append(g)
            located.misses.append(g)
            continue
        pointer = hit + 1
        ph = explicit_items[hit][2]
        located.correct += 1
        located.pairs.append((gi, explicit_items[hit][3]))
        explicit.pairs.append((gi, explicit_items[hit][3]))
        if ph.kind == g["kind"] and ph.unit == g["unit"]:
            explicit.correct += 1
        else:
            explicit.misses.append({**g, "got_kind": ph.kind, "got_unit": ph.unit})

    implicit = Score(expected=len(gold.get("implicit_blanks", [])), found=0)
    ambiguous_spans = []
    for passage in gold.get("ambiguous_blanks", []):
        start = text.find(passage)
        while start != -1:
            ambiguous_spans.append((start, start + len(passage)))
            start = text.find(passage, start + 1)
    matched = set()
    for gi, g in enumerate(gold.get("implicit_blanks", [])):
        hit = None
        for k, (a, _b, _ph, _key) in enumerate(implicit_items):
            if k not in matched and _context_ok(text, a, a, g["before"], g["after"]):
                hit = k
                break
        if hit is None:
            implicit.misses.append(g)
        else:
            matched.add(hit)
            implicit.correct += 1
            implicit.pairs.append((gi, implicit_items[hit][3]))
    for k, (a, _b, _ph, _key) in enumerate(implicit_items):
        if k in matched:
            continue
        if any(s <= a <= e for s, e in ambiguous_spans):
            continue  # a damaged passage: neither right nor wrong
        implicit.extras.append(text[max(0, a - 10) : a] + "▮" + text[a : a + 10])
    implicit.found = implicit.correct + len(implicit.extras)

    return Report(
        title_ok=result.title == gold["title"],
        headings=headings,
        explicit=explicit,
        explicit_located=located,
        implicit=implicit,
        page_markers=(result.page_markers_removed, gold.get("page_markers", 0)),
        boilerplate_ok=list(result.boilerplate_removed) == list(gold.get("boilerplate", [])),
        text=text,
    )
