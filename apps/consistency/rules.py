"""Consistency checks over a report's filled values (数据核对). Pure Python: no Django import.

The checks warn, they never block. Each one states the pattern it serves:

``growth_sign``
    Growth wording against the sign of the value: ``下降-3%`` says the same fall twice (or means a
    rise); ``增长-3%`` is written ``下降3%`` in official text.
``share_range``
    A share (``占…比重XX%``, role ``share``) outside 0–100 %.
``rank_range``
    A rank of 0, or one larger than the units it ranks among can hold (全市/全区 > 40, 全省 > 200).
``duplicate_value``
    The same indicator (same scope, name and period: the 完成 figure and the 预计到年底 figure are
    different indicators) given two different values, or two different growth rates, in one report.
``part_exceeds_whole``
    In one sentence, a ``其中`` item larger than the total before it in the same unit
    (``全县共有企业XX家，其中规模以上XX家``).
``yoy_magnitude``
    A value 1,000 times (or a thousandth of) last year's value of the same indicator: 万元 typed as 亿元.
``yoy_growth``
    This year's value against last year's and the growth rate stated with it (``完成XX亿元，增长XX%``): the
    growth they imply lies outside what the stated rate can mean, given the rounding each number was written
    with. Left out, as measured on the public reports (bench/predecessor_match.py): indicators at comparable
    prices (增加值, 生产总值, 可比增长: the rate is not the ratio of the nominal values), last year's
    estimates (预计: revised since), five-year and average rates, and values that moved by more than half
    or fell by more than a third (another coverage or base).

Last year's values come with each blank (``last_value``, in the blank's unit) from the report's predecessor.

Values arrive normalised by the fill service (``1234.5``, ``-3``); an empty value is never checked.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"[。；;！？!?\n]")
_FALL = re.compile(r"(?:下降|减少|回落|降低|下滑|收窄|缩小|下跌)了?(?:约|近|超过?)?$")
_RISE = re.compile(r"(?:增长|增加|提高|提升|上升|上涨|增速为?)了?(?:约|近|超过?)?$")
_SHARE = re.compile(r"占[^，,。；;]{0,20}(?:比重|比例|份额)(?:达到?|为|提高到|提升到)?$")
_RANK_SCOPE = re.compile(r"(全国|全省|全市|全区|全州|全盟)[^，,。；;]{0,6}$")
_RANK_LIMITS = {"全市": 40, "全区": 40, "全州": 40, "全盟": 40, "全省": 200}
_CLAUSE_SEP = re.compile(r"[，,；;、：:]")
_NOT_THIS_YEAR = re.compile(r"年均|累计|五年|三年|十三五|十四五|十五五|目标|力争|预期")
_PLAN_HEADING = re.compile(r"安排|任务|目标|计划|展望|思路|打算|谋划|建议|意见|重点工作|今后|明年|下一步")
_TARGET_AFTER = re.compile(r"^[%％]?(?:左右|以上|以内|以下)")


@dataclass(frozen=True)
class Blank:
    """One filled placeholder as the checks see it.

    ``key`` identifies it to the caller (a placeholder id); ``indicator`` is any hashable naming the
    indicator it belongs to (None: none); ``before``/``after`` are the text of its sentence on either
    side, with the other values filled in.
    """

    key: Hashable
    value: str
    kind: str
    role: str = ""
    unit: str = ""
    indicator: Hashable | None = None
    label: str = ""
    name: str = ""  # the indicator's name (生产总值), when it has one
    plan: bool = False  # under a heading about plans or targets (see is_plan_heading)
    before: str = ""
    after: str = ""
    sentence: int = 0  # blanks with the same number share a sentence (within one field)
    last_value: str = ""  # last year's value of the indicator, in this blank's unit ("" unknown)
    last_estimate: bool = False  # last year's report gave it as an estimate (预计), revised since


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    keys: tuple[Hashable, ...]


@dataclass(frozen=True)
class FieldItem:
    """A placeholder of one text field, for :func:`blanks_of_field`."""

    key: Hashable
    offset: int
    raw: str
    value: str
    kind: str
    role: str = ""
    unit: str = ""
    indicator: Hashable | None = None
    label: str = ""
    name: str = ""
    last_value: str = ""
    last_estimate: bool = False


def is_plan_heading(headings: Iterable[str]) -> bool:
    """Whether any of the headings above a text speaks of plans or targets (``2025年工作安排``,
    ``今后五年的目标任务``): figures there are targets, not this year's results."""
    return any(_PLAN_HEADING.search(h) for h in headings)


def blanks_of_field(
    text: str, items: Sequence[FieldItem], *, sentence_base: int = 0, plan: bool = False
) -> list[Blank]:
    """The blanks of one field (a heading or a body), each with its sentence around it, values filled in.

    ``plan``: the field stands under a heading about plans or targets (:func:`is_plan_heading`)."""
    items = sorted(items, key=lambda i: i.offset)
    pieces, spans, pos = [], [], 0
    length = 0
    for item in items:
        pieces.append(text[pos : item.offset])
        length += item.offset - pos
        shown = item.value or item.raw
        spans.append((length, length + len(shown)))
        pieces.append(shown)
        length += len(shown)
        pos = item.offset + len(item.raw)
    pieces.append(text[pos:])
    filled = "".join(pieces)
    ends = [m.end() for m in _SENTENCE_END.finditer(filled)]  # where each sentence ends, in order
    blanks = []
    for item, (start, end) in zip(items, spans, strict=True):
        if not item.value:
            continue
        n = bisect_right(ends, start)  # sentences that ended before the blank
        sentence_start = ends[n - 1] if n else 0
        after = bisect_right(ends, end)
        sentence_end = ends[after] - 1 if after < len(ends) else len(filled)
        blanks.append(
            Blank(
                key=item.key,
                value=item.value,
                kind=item.kind,
                role=item.role,
                unit=item.unit,
                indicator=item.indicator,
                label=item.label,
                name=item.name,
                plan=plan,
                before=filled[sentence_start:start],
                after=filled[end:sentence_end],
                sentence=sentence_base + n,
                last_value=item.last_value,
                last_estimate=item.last_estimate,
            )
        )
    return blanks


def _number(value: str) -> float | None:
    try:
        return float(value.replace(",", "").rstrip("%％"))
    except ValueError:
        return None


def _name(blank: Blank) -> str:
    return blank.label or "该项"


def check(blanks: Iterable[Blank]) -> list[Finding]:
    """Every finding for these blanks, in a stable order."""
    blanks = [b for b in blanks if b.value]
    findings: list[Finding] = []
    for blank in blanks:
        findings.extend(_single(blank))
    findings.extend(_duplicates(blanks))
    findings.extend(_parts(blanks))
    findings.extend(_year_on_year(blanks))
    return findings


def _single(blank: Blank) -> Iterable[Finding]:
    number = _number(blank.value)
    if number is None:
        return
    if blank.kind == "percent" or blank.role == "growth":
        if number < 0 and _FALL.search(blank.before):
            yield Finding(
                "growth_sign",
                f"{_name(blank)}：“{blank.before[-4:]}{blank.value}”既写了下降又填了负数，请写成“下降"
                f"{blank.value.lstrip('-')}”或“增长{blank.value}”之一。",
                (blank.key,),
            )
        elif number < 0 and _RISE.search(blank.before):
            yield Finding(
                "growth_sign",
                f"{_name(blank)}：负增长（{blank.value}）在文中通常写作“下降{blank.value.lstrip('-')}”，请核对。",
                (blank.key,),
            )
    if blank.role == "share" or (blank.kind == "percent" and _SHARE.search(blank.before)):
        if number < 0 or number > 100:
            yield Finding("share_range", f"{_name(blank)}：比重为 {blank.value}%，超出 0–100% 的范围。", (blank.key,))
    if blank.kind == "rank":
        scope = _RANK_SCOPE.search(blank.before)
        limit = _RANK_LIMITS.get(scope.group(1)) if scope else None
        if number < 1:
            yield Finding("rank_range", f"{_name(blank)}：位次不能是 {blank.value}。", (blank.key,))
        elif limit is not None and number > limit:
            yield Finding(
                "rank_range",
                f"{_name(blank)}：{scope.group(1)}第 {blank.value} 位，超出了通常的名次范围，请核对。",
                (blank.key,),
            )


def _names_itself(blank: Blank) -> bool:
    """Whether the blank's own clause names its indicator and speaks of this year's actual figure.

    Lists (``分别完成X元、Y元``), growth clauses that follow another indicator's, five-year averages
    and targets (``增长8%左右``, anything under a plan heading) are left out: there the grouping by
    indicator is not reliable enough to call two different numbers a contradiction.
    """
    clause = _CLAUSE_SEP.split(blank.before)[-1]
    if blank.plan or not blank.name or blank.name not in clause or "分别" in clause:
        return False
    return not (_NOT_THIS_YEAR.search(blank.before) or _TARGET_AFTER.match(blank.after))


def _duplicates(blanks: Sequence[Blank]) -> Iterable[Finding]:
    groups: dict[tuple, list[Blank]] = defaultdict(list)
    for blank in blanks:
        if (
            blank.indicator is not None
            and blank.role in ("value", "growth")
            and _number(blank.value) is not None
            and _names_itself(blank)
        ):
            groups[(blank.indicator, blank.role, blank.unit)].append(blank)
    for (_indicator, role, _unit), group in groups.items():
        if len({b.sentence for b in group}) < 2:
            continue  # one sentence naming an indicator twice is a list or a comparison, not a repeat
        values = {_number(b.value) for b in group}
        if len(values) > 1:
            what = "增速" if role == "growth" else "数值"
            shown = "、".join(dict.fromkeys(b.value for b in group))
            yield Finding(
                "duplicate_value",
                f"{_name(group[0])}：同一指标在报告中出现了不同的{what}（{shown}），请统一。",
                tuple(b.key for b in group),
            )


def part_total(blank: Blank) -> re.Match | None:
    """For a ``其中`` item, the total it is part of: the last figure in its unit before the 其中, when
    nothing but the item's own words stands between (``共有企业120家，其中规模以上XX家``)."""
    if blank.kind != "number" or not blank.unit:
        return None
    cut = blank.before.rfind("其中")
    if cut < 0:
        return None
    own = blank.before[cut + 2 :].lstrip("，,：:")
    if re.search(r"[，,；;。]", own):
        return None  # the 其中 belongs to an earlier clause
    totals = list(re.finditer(rf"(\d[\d,]*(?:\.\d+)?){re.escape(blank.unit)}", blank.before[:cut]))
    return totals[-1] if totals else None


def _parts(blanks: Sequence[Blank]) -> Iterable[Finding]:
    by_sentence: dict[int, list[Blank]] = defaultdict(list)
    for blank in blanks:
        by_sentence[blank.sentence].append(blank)
    for part in blanks:
        total = part_total(part)
        if total is None:
            continue
        part_value, whole_value = _number(part.value), _number(total.group(1))
        if part_value is None or whole_value is None or part_value <= whole_value:
            continue
        whole_keys = tuple(
            w.key for w in by_sentence[part.sentence] if w is not part and len(w.before) == total.start()
        )
        yield Finding(
            "part_exceeds_whole",
            f"{_name(part)}（{part.value}{part.unit}）大于其前的总数（{total.group(0)}），请核对。",
            (part.key, *whole_keys),
        )


_STATED_GROWTH = re.compile(
    r"^[^。；;]{0,16}?(增长|增加|提高|上升|上涨|下降|减少|回落|降低)了?(?:约|近)?(-?\d+(?:\.\d+)?)[%％]"
)
_COMPARABLE_PRICES = re.compile(r"增加值|生产总值|GDP|可比")
MAGNITUDE_SLIP = 1000
GROWTH_RATIO_RANGE = (2 / 3, 1.5)


def _half_step(text: str) -> float:
    """Half the last written digit's step: 312.6 was anything in [312.55, 312.65)."""
    decimals = len(text.split(".", 1)[1]) if "." in text else 0
    return 0.5 * 10**-decimals


def _year_on_year(blanks: Sequence[Blank]) -> Iterable[Finding]:
    by_sentence: dict[int, list[Blank]] = defaultdict(list)
    for blank in blanks:
        by_sentence[blank.sentence].append(blank)
    for blank in blanks:
        if blank.role != "value" or not blank.last_value:
            continue
        value, last = _number(blank.value), _number(blank.last_value)
        if value is None or last is None or value <= 0 or last <= 0:
            continue
        ratio = value / last
        if ratio >= MAGNITUDE_SLIP or ratio <= 1 / MAGNITUDE_SLIP:
            yield Finding(
                "yoy_magnitude",
                f"{_name(blank)}：{blank.value}{blank.unit}是上年（{blank.last_value}{blank.unit}）的约"
                f"{ratio:,.0f}倍，是否把万元当成了亿元（或反之）？"
                if ratio > 1
                else f"{_name(blank)}：{blank.value}{blank.unit}只有上年（{blank.last_value}{blank.unit}）的约"
                f"{1 / ratio:,.0f}分之一，是否把亿元当成了万元（或反之）？",
                (blank.key,),
            )
            continue
        if (
            blank.plan
            or blank.last_estimate
            or _COMPARABLE_PRICES.search(blank.name or blank.label)
            or not GROWTH_RATIO_RANGE[0] <= ratio <= GROWTH_RATIO_RANGE[1]
            or _NOT_THIS_YEAR.search(blank.before)
        ):
            # An estimate (预计) was revised since; beyond these ratios the two values rarely measure the same
            # thing (a new coverage, another base). A unit slip is the magnitude check's.
            continue
        stated = _STATED_GROWTH.match(blank.after)
        if stated is None or _COMPARABLE_PRICES.search(stated.group(0)) or _NOT_THIS_YEAR.search(stated.group(0)):
            continue
        growth = float(stated.group(2)) * (-1 if stated.group(1) in ("下降", "减少", "回落", "降低") else 1)
        dv, dl, dg = _half_step(blank.value), _half_step(blank.last_value), _half_step(stated.group(2))
        low = ((value - dv) / (last + dl) - 1) * 100
        high = ((value + dv) / (last - dl) - 1) * 100 if last > dl else float("inf")
        if low - dg <= growth <= high + dg:
            continue
        growth_keys = tuple(
            b.key
            for b in by_sentence[blank.sentence]
            if b.role == "growth" and b.indicator == blank.indicator and b is not blank
        )
        yield Finding(
            "yoy_growth",
            f"{_name(blank)}：本年{blank.value}{blank.unit}、上年{blank.last_value}{blank.unit}，折算增长"
            f"{(ratio - 1) * 100:.1f}%，与文中“{stated.group(1)}{stated.group(2)}%”不符，请核对。",
            (blank.key, *growth_keys),
        )
