"""Statistical indicators named in the text, and the label of every placeholder.

``全县规模以上工业增加值完成XX亿元，同比增长XX，居全市第XX位`` is one
indicator (scope 全县, name 规模以上工业增加值) with three columns: value,
growth and rank. Names come from jieba segmentation of the clause before a
placeholder, with the shipped dictionary of official names
(``data/indicators.txt``). Growth, rank, share and change clauses that name
no indicator belong to the last one named in the same sentence; ``A和B分别
完成X和Y`` gives X to A and Y to B. The same name under ``预计到年底`` is a
separate, ``forecast`` indicator.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .labels import (
    GROWTH_CUE,
    LEAD,
    SCOPES,
    SHARE_CUE,
    TRAIL,
    context_label,
    indicator_label,
    split_members,
)
from .placeholders import Found
from .segmenter import indicator_names, words
from .types import KIND_DATE, KIND_NAME, KIND_NUMBER, KIND_PERCENT, KIND_RANK, KIND_TEXT, KIND_YEAR
from .units import UNIT_RE

ROLE_VALUE = "value"
ROLE_GROWTH = "growth"
ROLE_RANK = "rank"
ROLE_SHARE = "share"
ROLE_POINTS = "points"
ROLE_CHANGE = "change"

PERIOD_ACTUAL = "actual"
PERIOD_FORECAST = "forecast"

_SENTENCE_SPLIT = re.compile(r"[。！？!?\n]")
_CLAUSE_SPLIT = re.compile(r"[，,；;：:。！？!?\n]")
_FORECAST = re.compile(r"预计|预期|力争|争取|确保|到年底|年底前|将达到|将突破|将完成|有望")
_PAREN = re.compile(r"[（(][^（）()]*[）)]")
_CHANGE = re.compile(r"^(?:较|比)[^，,。；;]{0,8}?(?:增加|减少|增长|下降|提高)?了?$|^(?:增收|减收|增加|减少)了?$")
_LIST_SEP = re.compile(r"[、和及与]")
_SCOPE_SUFFIX = ("区", "县", "市", "镇", "乡", "园", "产业", "企业", "机构", "行业", "部门", "城", "基地")
_PRONOUNS = ("我们", "我", "你", "他", "这", "那", "其", "该", "各")


@dataclass
class _Indicator:
    name: str
    scope: str
    unit: str | None
    period: str


_HINTS: dict[frozenset, re.Pattern] = {}


def _name_hint(names: frozenset[str]) -> re.Pattern:
    """A cheap pre-check before segmenting: every name ends with one of these."""
    hint = _HINTS.get(names)
    if hint is None:
        tails = sorted({n[-2:] for n in names if len(n) >= 2})
        hint = _HINTS[names] = re.compile("|".join(re.escape(t) for t in tails), re.IGNORECASE)
    return hint


class _Bounds:
    """Where sentences (or clauses) of one field start, for quick look-up."""

    def __init__(self, pattern: re.Pattern, text: str):
        self._ends = [m.end() for m in pattern.finditer(text)]

    def start(self, pos: int) -> int:
        """Start of the span containing ``pos`` (never more than 200 chars back)."""
        k = bisect_right(self._ends, pos)
        start = self._ends[k - 1] if k else 0
        return max(start, pos - 200)


def _clean_clause(clause: str) -> str:
    """Drop parentheticals: ``一般公共预算收入（营改增后可比口径）完成``."""
    clause = _PAREN.sub("", clause)
    for bracket in "（(":
        if bracket in clause:
            clause = clause.rsplit(bracket, 1)[1]
    return clause.lstrip("，,；;：:、 ")


class Annotator:
    """Labels placeholders and collects the indicators of one document."""

    def __init__(self) -> None:
        self.indicators: list[_Indicator] = []
        self._index: dict[tuple[str, str, str], int] = {}
        self._names = indicator_names()
        self._hint = _name_hint(self._names)

    def _register(self, name: str, scope: str, period: str, unit: str | None) -> int:
        key = (scope, name, period)
        idx = self._index.get(key)
        if idx is None:
            idx = len(self.indicators)
            self._index[key] = idx
            self.indicators.append(_Indicator(name, scope, unit, period))
        elif unit and self.indicators[idx].unit is None:
            self.indicators[idx].unit = unit
        return idx

    def names_in(self, clause: str) -> list[tuple[str, str]]:
        """``(scope, name)`` for each indicator named in ``clause``, in order."""
        if not clause or not self._hint.search(clause):
            return []
        found = []
        scope = ""
        for word, _flag in words(clause):
            if word in self._names or word.lower() in self._names:
                found.append((scope, word.upper() if word.lower() == "gdp" else word))
                scope = ""
            elif word in SCOPES:
                scope = word
        if found and not found[0][0]:
            # A scope written as a noun phrase: 产业集聚区实现主营业务收入.
            head = clause.split(found[0][1], 1)[0]
            head = TRAIL.sub("", LEAD.sub("", head)).strip("、 ")
            for s in SCOPES:
                if head.endswith(s):
                    head = s
                    break
            if (
                0 < len(head) <= 8
                and "、" not in head
                and not head.startswith(_PRONOUNS)
                and (head in SCOPES or head.endswith(_SCOPE_SUFFIX))
            ):
                found[0] = (head, found[0][1])
        return found

    def annotate(self, text: str, found: list[Found]) -> None:
        """Set ``label``, ``indicator`` and ``role`` on every placeholder of a field.

        Args:
            text: the field (heading or body) the placeholders point into.
            found: its placeholders, sorted by offset.
        """
        sentences = _Bounds(_SENTENCE_SPLIT, text)
        clauses = _Bounds(_CLAUSE_SPLIT, text)
        sentence_start = -1
        current: tuple[str, str] | None = None  # last indicator named in the sentence
        subject = ""
        group: list[tuple[str, str]] = []
        group_clause = -1
        group_pos = 0
        prev: Found | None = None
        prev_clause = ""
        for ph in found:
            s = ph.start
            sent_start = sentences.start(s)
            if sent_start != sentence_start:
                sentence_start, current, subject, group = sent_start, None, "", []
            clause_start = clauses.start(s)
            # Words since the previous placeholder (and its unit) in this clause.
            local_start = clause_start
            if prev is not None and prev.end >= clause_start:
                local_start = prev.end
                um = UNIT_RE.match(text, local_start)
                if um and prev.unit:
                    local_start = um.end()
            clause = _clean_clause(text[local_start:s])
            full_clause = _clean_clause(text[clause_start:s])
            listed = (
                prev is not None
                and local_start > clause_start
                and _LIST_SEP.fullmatch(text[local_start:s].strip()) is not None
            )
            if listed:
                # "分别增长%和%": the second member reads the words of the first.
                clause = prev_clause
            forecast = bool(_FORECAST.search(text[sent_start:s]))
            period = PERIOD_FORECAST if forecast else PERIOD_ACTUAL

            # In "占一般公共预算收入的比重" the name is the denominator.
            scan = (full_clause if local_start == clause_start else clause).split("占", 1)[0]
            names = self.names_in(scan)
            if len(names) > 1 or (names and "分别" in full_clause):
                if clause_start != group_clause:
                    group_clause, group_pos, group = clause_start, 0, names
            elif not names and "分别" in full_clause and clause_start != group_clause:
                # "…地税收入和一般预算收入，分别增长%和%": the names are one clause back.
                back = _clean_clause(text[clauses.start(clause_start - 1) : clause_start])
                earlier = self.names_in(back)
                if len(earlier) > 1:
                    group_clause, group_pos, group = clause_start, 0, earlier
            if group and clause_start == group_clause:
                names = [group[min(group_pos, len(group) - 1)]]
                group_pos += 1
            if names:
                current = names[-1]

            role = _role(ph, clause)
            if current is not None and role is not None and (names or role != ROLE_VALUE):
                scope, name = current
                ph.indicator = self._register(name, scope, period, ph.unit if role == ROLE_VALUE else None)
                ph.role = role
                ph.label = indicator_label(scope + name, ph, role, clause, forecast)
                subject = scope + name
            else:
                ph.label, subject = context_label(ph, text, clause, subject)
            prev = ph
            prev_clause = clause
        _label_lists(text, found)


def _role(ph: Found, clause: str) -> str | None:
    if ph.kind == KIND_RANK:
        return ROLE_RANK
    if ph.kind in (KIND_NAME, KIND_TEXT, KIND_YEAR, KIND_DATE):
        return None
    if ph.kind == KIND_PERCENT:
        if SHARE_CUE.search(clause) or "比重" in clause or "占" in clause:
            return ROLE_SHARE
        if GROWTH_CUE.search(clause) or "增" in clause or "降" in clause:
            return ROLE_GROWTH
        return ROLE_VALUE
    if ph.unit in ("个百分点", "百分点"):
        return ROLE_POINTS
    stripped = clause.strip()
    if _CHANGE.match(stripped) or (GROWTH_CUE.search(stripped) and ph.unit):
        return ROLE_CHANGE
    return ROLE_VALUE


def _distribute(text: str, members: list[Found]) -> None:
    """One label per member of ``A、B、C产量分别达到XX、XX、XX`` (``A产量`` …), else ``第k项``."""
    head = members[0].label
    base, _, suffix = head.rpartition("（")
    base = base or head
    name, sep, column = base.partition(" ")
    names = split_members(name, len(members))
    if names is None and name:
        # The label lost the list's separators ("城镇、农村居民…" → "城镇农村居民…"),
        # or names only its last member ("城镇和农村居民…" → "农村居民…").
        written = re.compile("(?:、|和|及|与)?".join(map(re.escape, name)))
        spots = list(written.finditer(text, 0, members[0].start))
        if spots:
            at = spots[-1].start()
            listed = re.search(r"(?:[\u4e00-\u9fff]{1,6}(?:、|和|及|与))+$", text[max(0, at - 14) : at])
            names = split_members((listed.group(0) if listed else "") + spots[-1].group(0), len(members))
    for k, m in enumerate(members, 1):
        unit = m.label.rpartition("（")[2] if "（" in m.label else suffix
        label = f"{names[k - 1]}{sep}{column}" if names else f"{base} 第{k}项"
        m.label = f"{label}（{unit}" if unit else label


def _label_lists(text: str, found: list[Found]) -> None:
    """Members of ``分别达到XX万头、XX万头`` / ``X、X、X等`` get related labels."""
    i = 0
    n = len(found)
    while i < n:
        j = i
        while j + 1 < n:
            between = text[found[j].end : found[j + 1].start]
            unit = found[j].unit or ""
            if between.startswith(unit) and _LIST_SEP.fullmatch(between[len(unit) :] or "x"):
                j += 1
            else:
                break
        members = found[i : j + 1]
        if len(members) > 1:
            if all(m.kind == KIND_NAME for m in members):
                for m in members[:-1]:
                    m.label = members[-1].label
            elif all(m.kind in (KIND_NUMBER, KIND_PERCENT) for m in members) and (
                all(m.indicator is None for m in members) or len({m.label for m in members}) == 1
            ):
                _distribute(text, members)
        i = j + 1
