"""Written placeholders (``XX``, ``xx年``, ``××``, ``____``) and their kind.

A placeholder is a run of filler characters standing where a value belongs.
Letters that belong to a word or code (GDP, Windows XP, X光, Roman numerals)
are not placeholders. The kind and unit come from the words around it:
the unit written after it, ``第…位`` for a rank, ``同比增长…`` or ``占…的``
for a percentage, a name suffix (``X路``, ``XX县区``, ``XX等项目``)...
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from .types import (
    KIND_DATE,
    KIND_NAME,
    KIND_NUMBER,
    KIND_PERCENT,
    KIND_RANK,
    KIND_TEXT,
    KIND_YEAR,
)
from .units import PERCENT_UNITS, unit_at, unit_span


@dataclass
class Found:
    """A placeholder while it is being analysed (offsets into one field)."""

    start: int
    end: int
    raw: str
    kind: str = KIND_NUMBER
    unit: str | None = None
    implicit: bool = False
    suspicious: bool = False
    note: str = ""
    pending: bool = False  # kind to be taken from the rest of a "、" list
    weak: bool = False  # kind is only the default guess
    label: str = ""
    indicator: int | None = None
    role: str | None = None


# One character class, so the scan runs at C speed; runs are then split by
# filler family and checked in Python.
_RUN = re.compile(r"[XxＸｘ×○□＊*_＿△■]+(?:[.．][XxＸｘ×]+)?")
_X_FAMILY = frozenset("XxＸｘ")
# Fillers that may be a single character and may carry a decimal point
# (``X.X%``, ``××.×亿元``); the others (○○, ____) need two.
_DIGIT_FILLERS = _X_FAMILY | {"×"}
_YEAR_BEFORE = re.compile(r"(?:19|20)\d?$")
_CLAUSE_SEP = re.compile(r"[，,。；;！？!?\n]")
_DIGITS = re.compile(r"[0-9０-９.]+")
_LETTER = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ]")
# X as a letter of a technical word, not a filler.
_X_WORDS = re.compile(r"(?:光|射线|线片|线机|线检查|染色体|轴|型|形|[-－]?ray)", re.IGNORECASE)

_CJK = re.compile(r"[\u3400-\u9fff]")
_OPENING_QUOTES = '“「"'
_CLOSING_QUOTES = frozenset('”」"')
# Longest quoted programme name looked back over (“双尖双领+X”, “数据要素×”).
_QUOTED_NAME_MAX = 12
_PUNCT_AFTER = re.compile(r"$|[\s，,。；;：:！？!?、）)\]】”’…—\-]|左右|以上|以下|以内")

# Percent cues: the number closes a growth ("同比增长XX") or a share
# ("占…的XX", "为年度预算的XX"), or a ratio is stated ("参保率分别达到XX").
_GROWTH_BEFORE = re.compile(
    r"(?:增长|增|增幅|增速|下降|下滑|回落|降低|提高|提升|上升|减少|减|降)"
    r"(?:了|为|达|达到|至|到|约)?$"
)
_SHARE_BEFORE = re.compile(r"(?:占|为|是|达|达到)[^，,。；;：:\n]{0,16}的$")
_RATIO_BEFORE = re.compile(
    r"(?:率|比重|比例|占比|贷比|存比|款比|比率|覆盖面|满意度|达标率)"
    r"[^，,。；;：\n]{0,6}(?:为|达|达到|到|是|仅为|保持在|稳定在)$"
)
_POINTS_AFTER = re.compile(r"(?:下降|上升|提高|回落|降低|增加|减少)了?[^，,。；;\n]{0,6}个?百分点")
_RANK_UNITS = ("位", "名")
# A bare multiplier is still a quantity before these: "XX亿级产业集群".
_SCALE_AFTER = re.compile(r"级|以上|以下|左右|多|余")
_NAME_LIST_SEP = re.compile(r"[、和及与]")


def find_explicit(text: str) -> list[Found]:
    """Find every written placeholder in ``text`` and guess its kind and unit.

    Args:
        text: one field (a heading or a section body).

    Returns:
        The placeholders in order, with ``start``/``end`` offsets into
        ``text``. Placeholders in a list (``XX、XX万头``) share the kind and
        unit of the list's last member.
    """
    found: list[Found] = []
    for m in _RUN.finditer(text):
        for s, e in _segments(text, m.start(), m.end()):
            raw = text[s:e]
            if raw[0] in _DIGIT_FILLERS:
                year = _YEAR_BEFORE.search(text, max(0, s - 3), s)
                if year and text.startswith("年", e) and len(raw) + len(year.group(0)) == 4:
                    found.append(Found(year.start(), e, text[year.start() : e], KIND_YEAR, "年"))
                    continue
                if not _is_x_placeholder(text, s, e, raw):
                    continue
            elif e - s < 2:
                continue
            found.append(_classify(text, Found(s, e, raw)))
    _share_across_lists(text, found)
    return found


def _segments(text: str, start: int, end: int):
    """Split a run of filler characters into same-family pieces (``XX`` / ``××``)."""
    s = start
    while s < end:
        x = text[s] in _X_FAMILY
        e = s + 1
        while e < end and (
            (text[e] in _X_FAMILY or text[e] in ".．")
            if x
            else (text[e] == text[s] or (text[s] == "×" and text[e] in ".．"))
        ):
            e += 1
        yield s, e
        s = e


def _closes_quoted_name(text: str, s: int, e: int) -> bool:
    """A lone X that ends a quoted name after other characters of it: “415X”, “双尖双领+X”, “数据要素×”, “1+X”.

    Programme names end so; a blank is the whole quote (“XX”) or sits elsewhere in the sentence. The name must
    hold no other filler (“X+X” stays two blanks).
    """
    if e - s != 1 or e >= len(text) or text[e] not in _CLOSING_QUOTES:
        return False
    opening = max(text.rfind(q, max(0, s - _QUOTED_NAME_MAX), s) for q in _OPENING_QUOTES)
    if opening == -1 or opening == s - 1:
        return False
    inside = text[opening + 1 : s]
    return not any(q in inside for q in _CLOSING_QUOTES) and _RUN.search(inside) is None


def _is_x_placeholder(text: str, s: int, e: int, raw: str) -> bool:
    before = text[s - 1] if s > 0 else ""
    after = text[e] if e < len(text) else ""
    if _closes_quoted_name(text, s, e):
        return False
    if _LETTER.match(before) or _LETTER.match(after):
        return False  # GDP, Windows XP, XII, Xbox ...
    if _X_WORDS.match(text, e):
        return False  # X光, X射线, X型 ...
    if raw in ("x", "ｘ", "×"):
        # A lone small x between digits or spaces is a multiplication sign.
        if before.isdigit() or after.isdigit() or before == " " or after == " ":
            return False
        # Otherwise a filler when it touches Chinese or a unit follows ("、x%").
        if not (_CJK.match(before or "") or _CJK.match(after or "") or unit_at(text, e) is not None):
            return False
    return True


def _classify(text: str, ph: Found) -> Found:
    s, e = ph.start, ph.end
    before = text[max(0, s - 30) : s]
    before_clause = _CLAUSE_SEP.split(before)[-1]
    pos = e
    digits = _DIGITS.match(text, pos, pos + 8)
    if digits:
        # "XX3亿元": part of a number survived next to the filler.
        ph.suspicious = True
        ph.note = "占位符与数字相连（" + text[s : digits.end()] + "），请核对"
        pos = digits.end()
    elif s > 0 and text[s - 1].isdigit():
        ph.suspicious = True
        ph.note = "占位符与数字相连（" + text[max(0, s - 3) : e] + "），请核对"
    span = unit_span(text, pos)
    unit = span[0] if span else None
    unit_end = span[1] if span else pos
    rest = text[pos : pos + 16]

    if rest.startswith("年") and not rest.startswith("年均"):
        ph.kind, ph.unit = KIND_YEAR, "年"
        return ph
    if rest[:1] in ("月", "日") or (rest.startswith("号") and before.endswith("月")):
        ph.kind, ph.unit = KIND_DATE, rest[0]
        return ph
    if before.endswith("第"):
        if unit in _RANK_UNITS or unit is None:
            ph.kind, ph.unit = KIND_RANK, None
            return ph
    if unit in PERCENT_UNITS:
        ph.kind, ph.unit = KIND_PERCENT, "%" if unit == "%" else unit
        return ph
    if unit is not None and not (
        unit in ("万", "千", "亿")
        and _CJK.match(text[unit_end : unit_end + 1])
        and not _SCALE_AFTER.match(text, unit_end)
    ):
        ph.kind, ph.unit = KIND_NUMBER, unit
        return ph
    if (
        _GROWTH_BEFORE.search(before_clause)
        or _SHARE_BEFORE.search(before_clause)
        or _RATIO_BEFORE.search(before_clause)
        or _POINTS_AFTER.match(rest)
    ):
        if _PUNCT_AFTER.match(rest) or _POINTS_AFTER.match(rest) or _NAME_LIST_SEP.match(rest):
            ph.kind, ph.unit = KIND_PERCENT, None
            return ph
    if rest.startswith("等"):
        ph.kind = KIND_NAME
        return ph
    if _NAME_LIST_SEP.match(rest):
        ph.pending = True
        ph.kind = KIND_NAME if _CJK.match(before[-1:] or "") and before.endswith(("依托", "、")) else KIND_NUMBER
        return ph
    if (
        len(ph.raw) >= 3
        and (rest == "" or rest[0] in "\n。.；;！!…")
        and (before == "" or before[-1] in "：:是\n" or before.endswith("为"))
    ):
        ph.kind = KIND_TEXT
        return ph
    if rest and _CJK.match(rest[0]):
        ph.kind = KIND_NAME
        return ph
    if len(ph.raw) >= 3 and (before == "" or before[-1] in "：:\n"):
        ph.kind = KIND_TEXT
        return ph
    ph.kind = KIND_NUMBER
    ph.weak = True
    return ph


def _written_member(text: str, end: int) -> tuple[str, str | None]:
    """Kind and unit of the written list member after ``text[end]`` (a separator)."""
    sep = _NAME_LIST_SEP.match(text, end)
    pos = sep.end() if sep else end
    unit = unit_at(text, pos)
    if unit is not None:  # a unit with its number missing: "增长xx、%"
        return (KIND_PERCENT, "%") if unit in PERCENT_UNITS else (KIND_NUMBER, unit)
    digits = _DIGITS.match(text, pos)
    if digits:
        unit = unit_at(text, digits.end())
        if unit is not None:
            return (KIND_PERCENT, "%") if unit in PERCENT_UNITS else (KIND_NUMBER, unit)
    return KIND_NAME, None


def _share_across_lists(text: str, found: list[Found]) -> None:
    """Members of ``X、X、X等`` / ``X、X个百分点`` take the last member's kind."""
    i = len(found) - 1
    while i >= 0:
        last = found[i]
        j = i
        while j > 0:
            prev = found[j - 1]
            between = text[prev.end : found[j].start]
            if prev.pending and _NAME_LIST_SEP.fullmatch(between):
                j -= 1
            else:
                break
        if j < i and not last.pending:
            for k in range(j, i):
                member = found[k]
                member.kind = last.kind
                member.unit = last.unit
                member.pending = False
        elif last.pending:
            # The list goes on with written words: "推进XX、3D打印中心等项目"
            # lists names, "分别为XX、15亿元" values in the written unit.
            kind, unit = _written_member(text, last.end)
            for k in range(j, i + 1):
                found[k].kind, found[k].unit = kind, unit
        i = j - 1
    # "参保率分别达到XX、XX。": the last member only has its default guess.
    for prev, ph in pairwise(found):
        if ph.weak and ph.unit is None and _NAME_LIST_SEP.fullmatch(text[prev.end : ph.start]):
            ph.kind, ph.unit = prev.kind, prev.unit
    for ph in found:
        ph.pending = False
        ph.weak = False
