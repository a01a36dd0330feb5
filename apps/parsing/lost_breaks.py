"""Text whose every paragraph break was lost: where the headings start and end.

A converter or a copy from a web page may drop every line break, so that a
whole report is one line: ``…稳中有进。（二）着力推动消费转型升级迭代完善促消费
政策举措。深入实施…``. The structure comes back in three steps:

* **where a heading starts**: before a heading number (``一、``, ``（一）``,
  ``1.``, ``（1）``, ``第一部分``) that directly follows a sentence end, when
  the number can open a heading (not ``二、三季度``, ``（一）中所述``) and runs in
  sequence with its siblings (``（三）`` only after ``（二）`` or before
  ``（四）``): a number out of sequence is a number inside a sentence;
* **where a heading ends**: a heading followed by its body on the same line
  (``（一）经济运行稳中趋好。全县…``) ends at its ``。``; a standalone heading
  (a line of its own, no closing punctuation) now runs straight into its first
  sentence. Its end is where a sentence of this document could start: the
  two characters after the cut often open a clause elsewhere in the same
  text (``加强``, ``坚持``, ``突出``) and the two before it often close one
  (``建设``, ``体系``), counted over the report itself, at a word boundary;
  spaces left where the break was, and a word the siblings' first sentences
  share (``坚持``), tell it too;
* **which of the two**: siblings share a form. A run of sibling headings is
  standalone when one of them was told by its period or salutation, when most
  of their texts up to the first ``。`` cannot be headings (too long, or
  clauses too long), when comma-less texts are longer than inline headings
  usually are, or when most end in an unbalanced clause (a heading clause with
  a lead-in glued on).

The site summary of a page (``内容摘要：…开局之......``, a truncated copy of the
report's opening) is cut out first, so that no heading is found inside it.
"""

from __future__ import annotations

import itertools
import re
from statistics import median

from .heading_end import FREE_CLAUSES, GLUED_HEADING_MAX, NO_HEADING_END, OUTER_FREE_CLAUSES, Stats, best_cuts
from .markers import STYLE_ORDER, ends_sentence, heading_allowed, match_marker
from .numbering import chinese_number

# A heading number right after a sentence end inside a long line (spaces
# between them, left by "&nbsp;", do not count): the break before the
# heading was lost ("…稳中有进。（二）产业…", "…。二、2022年…").
_LOST_BREAK = re.compile(
    r"(?<=[。！？!?；;：:”’」）)])[ \t\u3000]*(?=第[一二三四五六七八九十]{1,3}部分|[一二三四五六七八九十]{1,3}、"
    r"|[（(][一二三四五六七八九十]{1,3}[）)]|[（(]\d{1,2}[）)]|\d{1,2}[.．、](?!\d)"
    r"|(?:《[^》]{1,20}》)?名词解释|附件\s*\d*[：:]"
    r"|(?:20\d\d|20[Xx×]{2}|[Xx×]{2})年|“十[一二三四五六七八九]五”|今后|过去|未来)"
)
# Longest heading text read up to its "。" (inline heading), per style.
_INLINE_MAX = {"part": 100, "l1": 100}
_INLINE_MAX_SUB = 60
# A clause this long cannot be a clause of an inline heading: heading + lead-in.
_INLINE_CLAUSE_MAX = 24
# Comma-less inline headings ("经济发展稳中向好", "着力推动消费转型升级") are
# short; a run of siblings whose text up to "。" is this long at the median
# is heading + lead-in sentence ("着力推动消费转型升级迭代完善促消费政策举措").
_SINGLE_CLAUSE_GLUED = 17
# A clause of an inline heading longer than this and than its siblings' by
# the slack is a standalone heading glued to its lead-in.
_GLUED_CLAUSE_MAX = 16
_GLUED_CLAUSE_SLACK = 4
# A last clause this long and this many times the longest other clause is unbalanced.
_UNBALANCED_MIN = 15
_UNBALANCED_RATIO = 1.8
_SALUTATION = re.compile(r"各位代表|同志们")
# A title naming a period, glued to a first sentence that names it again
# ("2016年工作回顾2016年，…", "今后五年任务目标未来五年，…",
# "“十五五”发展的主要考虑“十五五”时期是…"): the title ends there.
_PERIOD = re.compile(
    r"(?:20\d\d|20[Xx×]{2}|[Xx×]{2})年|“十[一二三四五六七八九]五”|[今明去上]年|过去|未来|今后|一年来|五年来|近年来|刚刚过去"
)
# Only lines this long are taken for text whose breaks were lost; a normal
# paragraph quoting "（一）" after a colon stays whole.
LOST_BREAK_MIN_LINE = 150
# A standalone heading is only cut off its first sentence in a line this long.
STANDALONE_MIN_LINE = 800
# A web page's automatic summary, a truncated copy of the opening.
_SUMMARY = re.compile(r"(?:内容摘要|摘要)\s*[：:].{10,600}?(?:\.{3,}|…+)")
_SUMMARY_WITHIN = 400

_CN_VALUES = {chinese_number(k): k for k in range(1, 100)}


def _value(number: str) -> int | None:
    return _CN_VALUES.get(number) or (int(number) if number.isdigit() else None)


def cut_summary(line: str) -> tuple[str, str, str] | None:
    """``(before, summary, after)`` when a page summary (``内容摘要：…......``) opens a long line.

    The summary is a truncated copy of the report's opening (ending in
    ``......`` or ``…``), placed by the site in the page header: only one
    starting near the top of the text is taken, so a report quoting
    ``摘要：`` in its body keeps it.
    """
    m = _SUMMARY.search(line, 0, _SUMMARY_WITHIN + 700)
    if m is None or m.start() > _SUMMARY_WITHIN:
        return None
    return line[: m.start()], m.group(), line[m.end() :]


def _inline_reading(style: str, rest: str) -> tuple[bool, str]:
    """Whether ``rest`` reads as a heading ending at its ``。``, and that text."""
    limit = _INLINE_MAX.get(style, _INLINE_MAX_SUB)
    end = re.search(r"[。！？!?]", rest[: limit + 1])
    if end is None:
        return False, ""
    text = rest[: end.start()]
    clauses = re.split(r"[，,；;：:]", text)
    return max(map(len, clauses)) <= _INLINE_CLAUSE_MAX and len(clauses) <= 4, text


def _in_sequence(found: list[tuple[int, str, int]]) -> list[bool]:
    """Which numbers run in sequence with a sibling (``（二）`` after ``（一）`` or before ``（三）``).

    ``found`` holds ``(position, style, value)`` in order. A first number
    (1) is always a possible heading; a later one whose neighbours of the
    same style do not count on to or from it is a number inside a sentence
    (``。3、…`` with no ``2、`` before nor ``4、`` after).
    """
    keep = []
    for k, (_at, style, value) in enumerate(found):
        before = [v for _a, s, v in found[:k] if s == style]
        after = [v for _a, s, v in found[k + 1 :] if s == style]
        ok = (bool(before) and before[-1] == value - 1) or (bool(after) and after[0] == value + 1)
        keep.append(ok or value == 1)
    return keep


def _groups(found: list[tuple[int, str, int]]) -> list[list[int]]:
    """Runs of sibling headings: same style, counting on, not interrupted by an outer style."""
    rank = {s: k for k, s in enumerate(STYLE_ORDER)}
    groups: list[list[int]] = []
    open_: dict[str, list[int]] = {}
    for k, (_at, style, value) in enumerate(found):
        for other in [s for s in open_ if rank[s] > rank[style]]:
            groups.append(open_.pop(other))
        current = open_.get(style)
        if current is not None and value != found[current[-1]][2] + 1:
            groups.append(open_.pop(style))
            current = None
        if current is None:
            open_[style] = [k]
        else:
            current.append(k)
    groups.extend(open_.values())
    return sorted(groups)


def split_lost_breaks(line: str) -> list[str]:
    """Split a long line before each heading and after each standalone heading.

    For text whose every paragraph break was dropped (see the module
    docstring). Lines shorter than 150 characters are returned whole.
    """
    if len(line) < LOST_BREAK_MIN_LINE:
        return [line]
    stats = Stats(line)
    cuts = [0]
    numbered: list[tuple[int, str, int]] = []  # (position, style, value)
    marker_end: dict[int, int] = {}
    for m in _LOST_BREAK.finditer(line):
        at, before = m.end(), m.start()
        if at <= cuts[-1] or (
            line[before - 1] in "”’」）)" and not ends_sentence(line[max(cuts[-1], before - 8) : before])
        ):
            continue
        found = match_marker(line, at)
        if found is None and not line.startswith(("名词解释", "附件", "《"), at):
            # An unnumbered part title naming a period ("“十四五”时期工作回顾").
            period = _period_title_end(line[at:], numbered=False)
            if period:
                cuts += [at, at + period]
            continue
        if found is None:
            cuts.append(at)
            continue
        rest = line[found[2].end() :]
        if not heading_allowed(rest) or rest[:1] in "一二三四五六七八九十":
            continue
        value = _value(found[1])
        if value is None:
            continue
        numbered.append((at, found[0], value))
        marker_end[at] = found[2].end()
    keep = _in_sequence(numbered)
    kept = [n for n, ok in zip(numbered, keep, strict=True) if ok]
    for group in _groups(kept):
        cuts += _group_cuts(line, [kept[k] for k in group], marker_end, stats)
    cuts = [*sorted(set(cuts)), len(line)]
    return [line[a:b] for a, b in itertools.pairwise(cuts) if line[a:b]]


def _unbalanced(text: str) -> bool:
    """Whether the last clause of ``text`` is a heading clause with a lead-in glued on.

    Parallel headings balance their clauses (``聚焦项目园区，在壮大县域经济上攻坚突破``);
    a last clause twice as long as any other, with no ``的`` or ``、`` binding it
    into one phrase, holds two (``突出“项目为王”，持续扩大有效投资齐心协力招引项目``).
    """
    clauses = re.split(r"[，,；;：:]", text)
    last, others = clauses[-1], clauses[:-1]
    return (
        bool(others)
        and len(last) >= _UNBALANCED_MIN
        and len(last) >= _UNBALANCED_RATIO * max(map(len, others))
        and not re.search(r"[的、]", last)
    )


def _longest_run(text: str) -> int:
    """Longest stretch of ``text`` without punctuation (a list's ``、`` and quotes count)."""
    return max(map(len, re.split(r"[，,、；;：:“”《》（）()]", text)))


def _standalone_run(told: int, texts: list[str | None]) -> bool:
    """Whether a run of sibling headings is standalone headings glued to their first sentences.

    ``told`` counts the siblings whose end a period or salutation told (these
    are standalone: siblings share a form); ``texts`` holds each other
    sibling's text up to its ``。``, or None when that cannot be a heading.
    The run is standalone when a sibling was told, when most texts cannot be
    headings, when comma-less texts are longer than inline headings are, or
    when most texts end in an unbalanced clause (:func:`_unbalanced`).
    """
    if not texts:
        return False
    readable = [t for t in texts if t is not None]
    if told or len(readable) * 2 < len(texts):
        return True
    if all(not re.search(r"[，,；;：:]", t) for t in readable):
        return median(map(len, readable)) >= _SINGLE_CLAUSE_GLUED
    return sum(map(_unbalanced, readable)) * 2 > len(readable)


def _group_cuts(line: str, group: list[tuple[int, str, int]], marker_end: dict[int, int], stats: Stats) -> list[int]:
    """Cut points for one run of sibling headings: before each, and after each standalone one."""
    readings = []
    for at, style, _value in group:
        rest = line[marker_end[at] :]
        period = _period_title_end(rest)
        inline, text = _inline_reading(style, rest)
        readings.append((at, style, rest, period, inline, text))
    plain = [r for r in readings if not r[3]]
    # Only a line the length of a report or a part of one is text whose breaks
    # were lost; a long paragraph listing "（一）…（二）…" is not cut inside.
    standalone = len(line) >= STANDALONE_MIN_LINE and _standalone_run(
        len(readings) - len(plain), [r[5] if r[4] else None for r in plain]
    )
    # In a run of inline headings, one whose clause runs much longer than its
    # siblings' is a standalone heading glued to a lead-in: left in the text.
    longest = [_longest_run(r[5]) for r in plain if r[4]]
    clause_max = max(_GLUED_CLAUSE_MAX, median(longest) + _GLUED_CLAUSE_SLACK) if longest else 0
    best = (
        dict(
            zip(
                (r[0] for r in plain),
                best_cuts(
                    [r[2] for r in plain],
                    stats,
                    OUTER_FREE_CLAUSES if group[0][1] in ("part", "l1") else FREE_CLAUSES,
                ),
                strict=True,
            )
        )
        if standalone
        else {}
    )
    cuts = []
    for at, style, _rest, period, inline, text in readings:
        end = marker_end[at] - at
        if period:
            cuts += [at, at + end + period]
            continue
        if standalone:
            cut = best.get(at)
            if cut is not None:
                cuts += [at, at + end + cut[1]]
                continue
            if style not in ("part", "l1"):
                continue  # its end cannot be told: a wrong heading is worse than a missing one
        elif style not in ("part", "l1") and (not inline or _longest_run(text) > clause_max):
            continue
        cuts.append(at)
    return cuts


def _period_title_end(text: str, numbered: bool = True) -> int:
    """Length of a heading glued to its first sentence at the start of ``text``, or 0 when it cannot be told.

    Two cases: the sentence opens with the salutation (``全面加强政府自身建设各位代表，…``: a salutation
    never belongs to a heading), or the heading names a period and the sentence names one again.
    """
    if numbered:
        m = _SALUTATION.search(text, 2, GLUED_HEADING_MAX + 1)
        if m and not re.search(r"[。！？!?；;：:]", text[: m.start()]):
            return m.start()
    if _PERIOD.search(text, 4, GLUED_HEADING_MAX + 1) is None:
        return 0
    for m in _PERIOD.finditer(text, 4, GLUED_HEADING_MAX + 1):
        head = text[: m.start()]
        if re.search(r"[。！？!?，,；;：:、]", head):
            # A heading with clauses ends where the sentence restates its own period
            # ("回顾“十三五”，…取得决定性成就“十三五”时期，…").
            if (
                numbered
                and m.group() in head
                and not re.search(r"[。！？!?；;：:]", head)
                and head[-1] not in NO_HEADING_END
            ):
                return m.start()
            return 0
        if head[-1] in "的和及与在至到“":
            continue
        if (numbered and _PERIOD.match(text)) or re.search(r"工作|任务|回顾|安排|目标|考虑|成就|成绩", head):
            return m.start()
    return 0
