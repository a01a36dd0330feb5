"""Rows of a bureau sheet matched to a report's indicators, and figures of last year matched to this year's.
Pure Python: no Django.

Names are compared after removing what varies between writers (spaces, a numbering, the scope ``全县``,
a unit in brackets, ``其中：``) and after mapping aliases (``GDP`` / ``地区生产总值`` / ``生产总值``); names
that are still not equal are compared word by word with the parser's dictionary (``apps.parsing.segmenter``).
Each match carries a confidence from 0 to 1; a unit that differs but converts (万元 ↔ 亿元) converts the value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from apps.parsing.segmenter import words

ALIASES = {
    "gdp": "生产总值",
    "地区生产总值": "生产总值",
    "国内生产总值": "生产总值",
    "县域生产总值": "生产总值",
    "全县生产总值": "生产总值",
    "规上工业增加值": "规模以上工业增加值",
    "规上工业总产值": "规模以上工业总产值",
    "规上工业主营业务收入": "规模以上工业主营业务收入",
    "社会消费品零售额": "社会消费品零售总额",
    "社零额": "社会消费品零售总额",
    "固投": "固定资产投资",
    "全社会固定资产投资": "固定资产投资",
    "公共预算收入": "一般公共预算收入",
    "地方一般公共预算收入": "一般公共预算收入",
    "公共财政预算收入": "一般公共预算收入",
    "财政收入": "全部财政收入",
}
COUNTY_SCOPES = ("", "全县", "全区", "全市", "全旗", "县域", "我县", "全县域")
_SCOPE_PREFIX = re.compile(r"^(?:全县|全区|全市|全旗|县域|我县|全县域|本县)")
_NOISE = re.compile(
    r"[\s\u3000]+|^[（(]?[一二三四五六七八九十\d]+[)）、.．]|^其中[:：]?|^#|^△|[（(][^（）()]*[）)]|[:：]$"
)
MIN_CONFIDENCE = 0.6

# Units with a multiplier: 亿元 is 10^8 元, 万人 is 10^4 人.
_PREFIXES = (("万亿", Decimal(10) ** 12), ("亿", Decimal(10) ** 8), ("万", Decimal(10) ** 4), ("千", Decimal(1000)))


def normalize_name(name: str) -> str:
    text = name
    for _ in range(3):
        new = _NOISE.sub("", text)
        if new == text:
            break
        text = new
    text = _SCOPE_PREFIX.sub("", text)
    return ALIASES.get(text.lower(), ALIASES.get(text, text))


def _unit_base(unit: str) -> tuple[str, Decimal]:
    for prefix, factor in _PREFIXES:
        if unit.startswith(prefix) and len(unit) > len(prefix):
            return unit[len(prefix) :], factor
    return unit, Decimal(1)


def unit_factor(source: str, target: str) -> Decimal | None:
    """What a number in ``source`` units is multiplied by to be in ``target`` units (1 for the same unit or
    either unknown); None when the units measure different things."""
    source, target = source.strip(), target.strip()
    if not source or not target or source == target:
        return Decimal(1)
    (sb, sf), (tb, tf) = _unit_base(source), _unit_base(target)
    if sb != tb:
        return None
    return sf / tf


def convert(text: str, factor: Decimal) -> str:
    if factor == 1 or not text:
        return text
    try:
        value = Decimal(text) * factor
    except InvalidOperation:
        return text
    digits = max(-Decimal(text).as_tuple().exponent, 0) + max(0, -factor.adjusted())
    value = round(value, min(digits, 6))
    out = format(value.normalize(), "f")
    return out


@lru_cache(maxsize=65536)
def similarity(a: str, b: str) -> float:
    """How surely two indicator names name the same indicator (0..1)."""
    na, nb = normalize_name(a), normalize_name(b)
    if not na or not nb:
        return 0.0
    if na == nb:
        return 1.0 if a.strip() == b.strip() or normalize_name(a) == a.strip() else 0.95
    short, long_ = sorted((na, nb), key=len)
    if len(short) >= 4 and short in long_:
        # 工业增加值 in 规模以上工业增加值, 居民人均可支配收入 in 城乡居民…: often a narrower indicator; enough
        # for a sheet row with nothing better (MIN_CONFIDENCE), never for last year's figure.
        return 0.65
    wa = {w for w, _ in words(na) if len(w) > 1}
    wb = {w for w, _ in words(nb) if len(w) > 1}
    if not wa or not wb:
        return 0.0
    return round(0.75 * len(wa & wb) / len(wa | wb), 3)


@dataclass
class Target:
    """An indicator of the report, with its blanks by role (role → (placeholder key, kind, unit, value, version))."""

    key: int
    name: str
    scope: str = ""
    period: str = "actual"
    unit: str = ""
    cells: dict[str, tuple] = field(default_factory=dict)


@dataclass
class Match:
    row: object
    target: Target
    confidence: float
    factor: Decimal = Decimal(1)
    note: str = ""


def _scope_ok(scope: str, row_name: str) -> float:
    if scope in COUNTY_SCOPES:
        return 1.0
    return 1.0 if scope in row_name else 0.7


def full_name(scope: str, name: str) -> str:
    """The name with a scope that narrows it (城镇 + 居民人均可支配收入); the county's own scope adds nothing."""
    return name if scope in COUNTY_SCOPES or name.startswith(scope) else scope + name


def match_rows(
    rows: list, targets: list[Target], *, name=lambda r: r.name, unit=lambda r: r.unit
) -> tuple[list[Match], list, list[Target]]:
    """One-to-one matches of ``rows`` (anything with a name and unit) to ``targets``, best first, each at least
    MIN_CONFIDENCE sure; and the rows and targets left unmatched."""
    candidates = []
    for i, row in enumerate(rows):
        for j, target in enumerate(targets):
            score = similarity(name(row), full_name(target.scope, target.name))
            if score < MIN_CONFIDENCE:
                continue
            score *= _scope_ok(target.scope, name(row))
            # An indicator with blanks for what the row gives (value, growth, rank) beats one of the same
            # name without them (the 预计 figure of 生产总值 has the value; the target for next year only growth).
            given = {role for role in ("value", "growth", "rank") if getattr(row, role, "")}
            if given and target.cells:
                covered = given & set(target.cells)
                if not covered:
                    continue
                score *= 0.7 + 0.3 * len(covered) / len(given)
            if target.period != "actual":
                score *= 0.95
            factor = unit_factor(unit(row), target.unit)
            note = ""
            if factor is None:
                score *= 0.6
                factor = Decimal(1)
                note = f"单位不同（表中为{unit(row)}，报告中为{target.unit}），未换算"
            elif factor != 1:
                note = f"已由{unit(row)}换算为{target.unit}"
            if score >= MIN_CONFIDENCE:
                candidates.append((round(score, 3), -j, -i, i, j, factor, note))
    candidates.sort(reverse=True)
    used_rows, used_targets, matches = set(), set(), []
    for score, _, _, i, j, factor, note in candidates:
        if i in used_rows or j in used_targets:
            continue
        used_rows.add(i)
        used_targets.add(j)
        matches.append(Match(rows[i], targets[j], score, factor, note))
    matches.sort(key=lambda m: rows.index(m.row))
    return (
        matches,
        [r for k, r in enumerate(rows) if k not in used_rows],
        [t for k, t in enumerate(targets) if k not in used_targets],
    )


def match_figures(figures: list, indicators: list[Target]) -> dict[int, tuple[object, Decimal]]:
    """For each indicator (by key), last year's figure of the same indicator and the factor that brings its
    value into the indicator's unit. A figure may serve several indicators (实际 and 预计 of one name); among
    figures of the same name, the same period and scope win, then the first (the report's lead mention)."""
    out = {}
    for target in indicators:
        best, best_score = None, 0.0
        for order, fig in enumerate(figures):
            score = similarity(full_name(fig.scope, fig.name), full_name(target.scope, target.name))
            if score < 0.9:
                continue
            if fig.period == target.period:
                score += 0.02
            if fig.scope == target.scope:
                score += 0.01
            score -= order * 1e-6
            if score > best_score:
                best, best_score = fig, score
        if best is None:
            continue
        factor = unit_factor(best.unit, target.unit) if best.value else Decimal(1)
        out[target.key] = (best, factor if factor is not None else Decimal(1))
    return out
