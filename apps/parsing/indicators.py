"""Statistical indicators and human labels for placeholders.

``全县规模以上工业增加值完成XX亿元，同比增长XX，居全市第XX位`` is one
indicator (scope 全县, name 规模以上工业增加值) with three columns: value,
growth and rank. The name comes from jieba segmentation with the shipped
dictionary of official names; growth, rank and share clauses that name no
indicator belong to the last one named in the same sentence. Every
placeholder gets a label a person can fill in from, such as
``全县生产总值（亿元）`` or ``全县生产总值 同比增长（%）``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .placeholders import Found
from .segmenter import indicator_names, words
from .types import KIND_DATE, KIND_NAME, KIND_PERCENT, KIND_RANK, KIND_TEXT, KIND_YEAR

ROLE_VALUE = "value"
ROLE_GROWTH = "growth"
ROLE_RANK = "rank"
ROLE_SHARE = "share"
ROLE_POINTS = "points"

PERIOD_ACTUAL = "actual"
PERIOD_FORECAST = "forecast"

_SENTENCE_SPLIT = re.compile(r"[。！？!?\n]")
_CLAUSE_SPLIT = re.compile(r"[，,；;：:。！？!?\n（）()]")
_FORECAST = re.compile(r"预计|预期|力争|争取|确保|到年底|年底前|将达到|将突破|将完成|有望")
_SCOPES = ("全县", "全市", "全区", "全省", "全镇", "全乡", "全旗", "全州", "全国", "县本级", "区本级",
           "市本级", "我县", "本县", "我区", "本区", "我市", "本市", "全县域")
_LEAD = re.compile(
    r"^(?:其中|同时|另外|此外|全年|今年|去年|当年|上半年|下半年|前三季度|一季度|截至\S{0,8}?底|"
    r"止\S{0,6}?底|预计到年底|预计|到年底|年底前|目前|共|先后|已|还|再|又|进一步)+"
)
_TRAIL = re.compile(
    r"(?:完成了?|达到了?|到达|实现了?|为|达|共计?|累计|合计|总计|分别|约|将近|近|仅为|仅有|有|了|的|"
    r"同比|比上年|较上年|较去年|较年初|超过|突破|是|在|于|至|到)+$"
)
_GROWTH_CUE = re.compile(r"(增长|增幅|增速|下降|回落|提高|提升|上升|减少|降低|增)(?:了|为|达|到|至)?$")
_SHARE_CUE = re.compile(r"(?:占|为)(?P<target>[^，,。；;：:\n]{1,16}?)的(?:的)?(?:比重为|比例为)?$")
_RANK_RANGE = re.compile(r"(全国|全省|全市|全区|全县|全盟|全州|[^，,。；;、]{0,6}?)(?:县市区|县区|市县|县市)?[中]?(?:第|排名第|位居第|居第)$")
_VERBS = frozenset({"v", "vd", "vi", "vq"})


@dataclass
class _Indicator:
    name: str
    scope: str
    unit: str | None
    period: str


class Annotator:
    """Labels placeholders and collects the indicators of one document."""

    def __init__(self) -> None:
        self.indicators: list[_Indicator] = []
        self._index: dict[tuple[str, str, str], int] = {}
        self._names = indicator_names()
        self._hint = _name_hint(self._names)

    # -- indicators ---------------------------------------------------------

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

    def _names_in(self, clause: str) -> list[tuple[str, str]]:
        """``(scope, name)`` for each indicator named in ``clause``, in order."""
        if not clause or not self._hint.search(clause):
            return []
        found = []
        pending_scope = ""
        for word, _flag in words(clause):
            if word in self._names:
                found.append((pending_scope, word))
                pending_scope = ""
            elif word in _SCOPES:
                pending_scope = word
        if found and not found[0][0]:
            # A scope written as a noun phrase: 产业集聚区实现主营业务收入.
            head = clause.split(found[0][1], 1)[0]
            head = _TRAIL.sub("", _LEAD.sub("", head)).strip("、 ")
            for s in _SCOPES:
                if head.endswith(s):
                    head = s
                    break
            if 0 < len(head) <= 8 and "、" not in head:
                found[0] = (head, found[0][1])
        return found

    # -- labels -------------------------------------------------------------

    def annotate(self, text: str, found: list[Found]) -> None:
        """Set ``label``, ``indicator`` and ``role`` on every placeholder of a field.

        Args:
            text: the field (heading or body) the placeholders point into.
            found: its placeholders, sorted by offset.
        """
        sentence_start = -1
        current: tuple[str, str] | None = None  # (scope, name) last named in the sentence
        subject = ""
        group_names: list[tuple[str, str]] = []
        group_clause = -1
        group_pos = 0
        for ph in found:
            s = ph.start
            sent_start = _last_split(_SENTENCE_SPLIT, text, s)
            if sent_start != sentence_start:
                sentence_start = sent_start
                current = None
                subject = ""
                group_names = []
            clause_start = _last_split(_CLAUSE_SPLIT, text, s)
            clause = text[clause_start:s]
            sentence = text[sent_start:s]
            period = PERIOD_FORECAST if _FORECAST.search(sentence) else PERIOD_ACTUAL
            names = self._names_in(clause)
            if len(names) > 1 or (names and "分别" in clause):
                if clause_start != group_clause:
                    group_clause, group_pos, group_names = clause_start, 0, names
            elif not names and "分别" in clause:
                # "地税收入和一般预算收入，分别增长%和%": names of the last clause.
                prev_clause = text[_last_split(_CLAUSE_SPLIT, text, clause_start - 1):clause_start]
                prev = self._names_in(prev_clause)
                if len(prev) > 1 and clause_start != group_clause:
                    group_clause, group_pos, group_names = clause_start, 0, prev
            if group_names and clause_start == group_clause:
                chosen = group_names[min(group_pos, len(group_names) - 1)]
                group_pos += 1
                names = [chosen]
            if names:
                current = names[-1]
            role = self._role(ph, clause, text, s)
            if current is not None and role is not None and (names or role != ROLE_VALUE):
                scope, name = current
                ph.indicator = self._register(
                    name, scope, period, ph.unit if role == ROLE_VALUE else None)
                ph.role = role
                ph.label = _indicator_label(scope + name, ph, role, clause, period)
                continue
            ph.label, subject = _context_label(ph, text, clause, subject, period)

    def _role(self, ph: Found, clause: str, text: str, s: int) -> str | None:
        if ph.kind == KIND_RANK:
            return ROLE_RANK
        if ph.kind == KIND_PERCENT:
            if _SHARE_CUE.search(clause) or "比重" in clause or "占" in clause:
                return ROLE_SHARE
            if _GROWTH_CUE.search(clause) or "增" in clause or "降" in clause:
                return ROLE_GROWTH
            return ROLE_VALUE
        if ph.unit in ("个百分点", "百分点"):
            return ROLE_POINTS
        if ph.kind in (KIND_NAME, KIND_TEXT, KIND_YEAR, KIND_DATE):
            return None
        if _GROWTH_CUE.search(clause) and ph.unit and ph.unit not in ("%",):
            return "increase"
        return ROLE_VALUE


_HINTS: dict[frozenset, re.Pattern] = {}


def _name_hint(names: frozenset[str]) -> re.Pattern:
    """A cheap pre-check: every name ends with one of these two characters."""
    hint = _HINTS.get(names)
    if hint is None:
        tails = sorted({n[-2:] for n in names if len(n) >= 2})
        hint = _HINTS[names] = re.compile("|".join(re.escape(t) for t in tails))
    return hint


def _last_split(pattern: re.Pattern, text: str, pos: int) -> int:
    """Start of the span (sentence or clause) that contains ``pos``."""
    start = 0
    for m in pattern.finditer(text, max(0, pos - 200), pos):
        start = m.end()
    if start == 0 and pos > 200:
        start = pos - 200
    return start


def _unit_suffix(ph: Found) -> str:
    if ph.kind == KIND_PERCENT:
        return "（%）" if ph.unit in (None, "%") else f"（{ph.unit}）"
    if ph.kind == KIND_RANK:
        return "（位）"
    return f"（{ph.unit}）" if ph.unit else ""


def _indicator_label(base: str, ph: Found, role: str, clause: str, period: str) -> str:
    prefix = "预计" if period == PERIOD_FORECAST else ""
    if role == ROLE_GROWTH:
        cue = _GROWTH_CUE.search(clause)
        verb = cue.group(1) if cue else "增长"
        verb = "增长" if verb == "增" else verb
        what = ("同比" if "同比" in clause else "") + verb
        return f"{prefix}{base} {what}（%）"
    if role == ROLE_RANK:
        m = _RANK_RANGE.search(clause)
        where = m.group(1) if m and m.group(1) else ""
        where = where if where.startswith("全") else ""
        return f"{prefix}{base} {where}排名（位）"
    if role == ROLE_SHARE:
        m = _SHARE_CUE.search(clause)
        target = m.group("target") if m else ""
        return f"{prefix}{base} 占{target}比例（%）" if target else f"{prefix}{base} 比重（%）"
    if role == ROLE_POINTS:
        cue = re.search(r"(高出|低于|高于|下降了?|提高了?|上升了?|回落了?)[^，,。；;]*$", clause)
        what = cue.group(1).rstrip("了") if cue else "变化"
        return f"{prefix}{base} {what}（个百分点）"
    if role == "increase":
        cue = _GROWTH_CUE.search(clause)
        return f"{prefix}{base} {cue.group(1) if cue else '增加'}{_unit_suffix(ph)}"
    return f"{prefix}{base}{_unit_suffix(ph)}"


def _trim_subject(clause: str) -> str:
    subject = _TRAIL.sub("", _LEAD.sub("", clause.strip(" 、"))).strip(" 、")
    if len(subject) > 12:
        tokens = words(subject)
        # Keep what follows the last verb that still leaves a noun phrase:
        # "先后在京津冀…举办专题专项招商活动" → "专题专项招商活动".
        for k in range(len(tokens) - 2, -1, -1):
            if tokens[k][1] in _VERBS:
                tail = "".join(w for w, _ in tokens[k + 1:])
                if len(tail) >= 2:
                    subject = tail
                break
        while len(subject) > 16 and tokens:
            tokens = tokens[1:]
            subject = "".join(w for w, _ in tokens)
    return subject


def _context_label(ph: Found, text: str, clause: str, subject: str, period: str) -> tuple[str, str]:
    """A label from the words around a placeholder that names no indicator."""
    after = text[ph.end:ph.end + 12]
    if ph.kind == KIND_YEAR:
        return "年份", subject
    if ph.kind == KIND_DATE:
        return ("月份" if ph.unit == "月" else "日期"), subject
    if ph.kind == KIND_NAME:
        tail = after.lstrip("0123456789")
        if tail.startswith("等"):
            tail = tail[1:]
        noun = "".join(w for w, _ in words(re.split(r"[，,。；;、：:\n（）()]", tail)[0][:8])[:1])
        return (f"{noun}名称" if noun else "名称"), subject
    if ph.kind == KIND_TEXT:
        head = _trim_subject(clause.rstrip("：:是为 "))
        return (f"{head}（文字）" if head else "待补充内容"), subject
    head = _trim_subject(clause)
    if ph.kind == KIND_PERCENT:
        cue = _GROWTH_CUE.search(clause)
        share = _SHARE_CUE.search(clause)
        if share:
            base = subject or _trim_subject(clause[:share.start()]) or ""
            label = f"{base} 占{share.group('target')}比例（%）".strip()
        elif cue and not head.replace(cue.group(0), ""):
            label = f"{subject} {('同比' if '同比' in clause else '')}{cue.group(1)}（%）".strip()
        else:
            label = f"{head or subject}（%）"
        return label, subject
    if ph.kind == KIND_RANK:
        m = _RANK_RANGE.search(clause)
        where = m.group(1) if m and m.group(1).startswith("全") else ""
        base = _trim_subject(clause[:m.start()]) if m else head
        base = base or subject
        return f"{base} {where}排名（位）".strip(), subject
    if not head:
        # "全县XX个省、市重点建设项目": the thing counted follows the unit.
        rest = after[len(ph.unit or ""):] if ph.unit and after.startswith(ph.unit) else after
        noun = re.split(r"[，,。；;：:\n（）()]", rest)[0]
        head = _trim_subject(noun) if noun else ""
    prefix = "预计" if period == PERIOD_FORECAST and head else ""
    label = f"{prefix}{head}{_unit_suffix(ph)}" if head else f"数值{_unit_suffix(ph)}"
    return label, (head or subject)
