"""Implicit blanks: numbers missing with no placeholder written.

A converter that strips digits leaves ``完成亿元``, ``分别增长%和%``,
``高出和个百分点``. A blank is reported where a unit of quantity follows a
word that takes a number (完成, 达到, 增长, 面积, 资金, an indicator name …)
with nothing in between; a list after it (``亿元和亿元``, ``%、%和%``,
``和个百分点``) gives one blank per member, members without their own unit
sharing the next one. A list also goes on after a written placeholder or
number (``分别增长XX%、%``, ``2.1亿元、亿元``). Without a trigger word, a
unit right after another word is a blank when the clause goes on at once
(``普及率%``, ``完成造林万亩。``, ``覆盖万人的``), never before a noun, where
it reads as an adjective (``万亩“菜篮子”工程``, ``万人激情开跑``), nor after a
numeral (``一公里``, ``超亿元``). Category phrases (``亿元以上项目``,
``千亿产业``, ``百强县``) carry no blank. Passages too damaged to count
(``提高了 1、和个百分点``) give a warning instead of a guess.
"""

from __future__ import annotations

import re

from .counters import counter_blanks
from .placeholders import Found
from .types import KIND_NUMBER, KIND_PERCENT
from .units import IMPLICIT_UNIT_RE

_TRIGGER_WORDS = (
    "完成",
    "达到",
    "到达",
    "实现",
    "增长",
    "增加",
    "增收",
    "下降",
    "减少",
    "降低",
    "提高",
    "提升",
    "高出",
    "低于",
    "高于",
    "超过",
    "突破",
    "接近",
    "占用",
    "新增",
    "累计",
    "投资",
    "投入",
    "总投资",
    "共计",
    "合计",
    "总计",
    "分别为",
    "分别是",
    "达",
    "为",
    "至",
    "到",
    "资金",
    "面积",
    "收入",
    "总额",
    "增加值",
    "总值",
    "产值",
    "规模",
    "余额",
    "产量",
    "总量",
    "金额",
    "利润",
    "支出",
    "销售额",
    "营业额",
    "生产总值",
    "人口",
    "涉及",
    "长度",
    "里程",
)
# Longest first: 增加值 must not stop at 增加.
_TRIGGER = re.compile("(?:" + "|".join(sorted(_TRIGGER_WORDS, key=len, reverse=True)) + ")(?:了|到|达|为|至)?")
_SEP = re.compile(r"(?:以及|[和、及与]) ?")
# After the unit, these make it a category ("亿元以上项目"), not a quantity;
# a limit closing the clause keeps it a quantity ("增长%以上，", "控制在%以内。").
_CATEGORY_AFTER = re.compile(
    r"级|项目|企业|工程|产业|大关|量级|规模|(?:及)?(?:以上|以下|以内)(?![\n，,。；;、）)：:！？!?]|$)"
)
_LIMIT = re.compile(r"(?:及)?(?:以上|以下|以内)|左右")
_DAMAGED = re.compile(r"(?P<gap>[ 、和及与\d]{1,8})(?P<unit>个百分点|百分点|%|％|亿元|万元)")

# Without a trigger word, a unit still marks a blank when a Chinese word
# stands right before it ("普及率%", "新增专业技术人员万人。"), except a
# numeral or an approximation that is itself the amount ("一公里", "超亿元",
# "上万人", "每公里").
_NUMERAL_LIKE = frozenset("〇零一二三四五六七八九十百千万亿两几数多余近超逾过上破每半")
# "%" and points never stand without a number; other units need the clause
# or the list to go on right after them ("造林万亩。", "覆盖万人的"), since
# before a noun they read as an adjective ("万亩核桃基地", "万人激情开跑").
_ALWAYS_BLANK = frozenset({"%", "％", "个百分点"})
# Measures with no multiplier never read as an amount on their own either
# ("园区平方公里规划", "日处理吨水泥"), unlike "万亩基地" or "万人就业"; they
# may even open a clause ("，平方公里古城保护").
_MEASURES = frozenset(
    {"平方公里", "平方千米", "平方米", "平米", "立方米", "公顷", "公里", "吨", "兆瓦", "千瓦", "千瓦时"}
)
# "超%", "近个百分点", "超公里": more or less than a number that is gone; but
# "超亿元", "近万人" read as "over a hundred million", "nearly ten thousand".
_ABOUT = frozenset("超近逾约")
_QUANTITY_END = re.compile(r"(?:(?:及)?(?:以上|以下|以内)|左右)?(?:$|[\n，,。；;、）)：:！？!?和及与的])")
# Before a unit, these are part of the amount or of a longer unit
# (平方|公里, 个|百分点), or a list separator (chains are read from their head).
_NOT_BEFORE_BARE_UNIT = _NUMERAL_LIKE | frozenset("和及与方个蒸")
# A written placeholder's unit (if any) followed by a list separator.
_CONTINUES = re.compile("(?:" + IMPLICIT_UNIT_RE.pattern + r")?(?:以及|[和、及与])")
# Set phrases where a unit follows a word: 千家万户, 千百万人民.
_IDIOMS = re.compile(r"千家万户|千百万人|百万人|万人空巷")


def _unit_chain(text: str, pos: int) -> list[tuple[int, str | None]]:
    """Parse ``[unit] (sep [unit])*`` at ``pos``; return (slot position, unit)."""
    slots: list[tuple[int, str | None]] = []
    n = len(text)
    while pos < n:
        um = IMPLICIT_UNIT_RE.match(text, pos)
        slot = pos
        unit = None
        if um:
            unit = um.group(0)
            pos = um.end()
        sm = _SEP.match(text, pos)
        if unit is None and sm is None:
            break
        slots.append((slot, unit))
        if sm is None:
            break
        pos = sm.end()
    # The list must end on a unit; trailing separators belong to the prose.
    while slots and slots[-1][1] is None:
        slots.pop()
    if not slots:
        return []
    last_unit_end = slots[-1][0] + len(slots[-1][1])
    if _CATEGORY_AFTER.match(text, last_unit_end):
        return []
    if slots[-1][1][0] in "万亿千" and _LIMIT.match(text, last_unit_end):
        return []  # "增收万元以上": an amount in itself ("over ten thousand yuan")
    # Members written without a unit share the next member's unit.
    shared: list[tuple[int, str | None]] = []
    following = None
    for slot, unit in reversed(slots):
        if unit is not None:
            following = unit
        shared.append((slot, unit or following))
    shared.reverse()
    return shared


def find_implicit(text: str, explicit: list[Found]) -> tuple[list[Found], list[str]]:
    """Find implicit blanks in one field.

    Args:
        text: the field (heading or body).
        explicit: the written placeholders already found there (their
            spans are not searched again).

    Returns:
        ``(blanks, damaged)``: the blanks (``raw`` empty, ``start == end`` at
        the insertion point) and the damaged passages worth a warning.
    """
    taken = {(p.start, p.end) for p in explicit}
    covered = {i for p in explicit for i in range(p.start, p.end)}
    blanks: list[Found] = []
    seen: set[int] = set()
    damaged: list[str] = []
    if not IMPLICIT_UNIT_RE.search(text):
        for slot, unit in counter_blanks(text, covered):
            blanks.append(Found(slot, slot, "", KIND_NUMBER, unit, implicit=True))
        return blanks, damaged

    def add(chain: list[tuple[int, str | None]]) -> None:
        for slot, unit in chain:
            if slot in seen or (slot, slot) in taken or slot in covered:
                continue
            seen.add(slot)
            kind = KIND_PERCENT if unit in ("%", "％") else KIND_NUMBER
            blanks.append(Found(slot, slot, "", kind, "%" if unit == "％" else unit, implicit=True))

    for m in _TRIGGER.finditer(text):
        pos = m.end()
        if pos >= len(text):
            continue
        if pos in covered:
            continue
        if text[pos] == " ":
            pos += 1  # the space left where the number was: "增长 %"
        chain = _unit_chain(text, pos)
        if not chain:
            dm = _DAMAGED.match(text, pos)
            gap = dm.group("gap") if dm else ""
            if re.fullmatch(r"\d+(?:\.\d+)? ", gap):
                continue  # a written number set off by a space: "增长12 %"
            # A space or a stray "1、" inside the list: something was lost
            # there, but not necessarily one number per slot.
            if gap and not gap[-1].isdigit() and (" " in gap or re.search(r"\d、", gap)):
                damaged.append(text[max(0, m.start() - 6) : dm.end() + 4])
            continue
        add(chain)
    # A list that goes on after a written placeholder or number: "分别增长
    # XX%、%", "增长xx、%", "2.1亿元、亿元"; the chain's first slot is theirs.
    for p in explicit:
        if _CONTINUES.match(text, p.end):
            add(_unit_chain(text, p.end)[1:])
    # Units with no trigger word before them (one pass over the units).
    for m in IMPLICIT_UNIT_RE.finditer(text):
        u = m.start()
        if u == 0 or u in seen or u in covered:
            continue
        before = text[u - 1]
        spaced = before == " " and u >= 2
        if spaced:
            # "投资 万元", "增长 %": the space left where the number was,
            # unless a written number stands before it ("增长12 %").
            before = text[u - 2]
            if before.isdigit() or not ("\u4e00" <= before <= "\u9fff" or before in "、，,：:；;（("):
                continue
            if not _CATEGORY_AFTER.match(text, m.end()) and not _IDIOMS.search(text, max(0, u - 3), m.end() + 2):
                add(_unit_chain(text, u))
            continue
        if before.isdigit():
            # A written number, its list going on: "2.1亿元、亿元".
            if _SEP.match(text, m.end()):
                add(_unit_chain(text, u)[1:])
            continue
        unit = m.group(0)
        if unit in _MEASURES and before in "，,、：:；;（(“" and not _CATEGORY_AFTER.match(text, m.end()):
            add(_unit_chain(text, u))
            continue
        # "两个%" ("两个100%"): 个 is no part of the unit here.
        if before == "个" and unit in ("%", "％"):
            before = "量"
        if before in _ABOUT and (unit in _ALWAYS_BLANK or unit in _MEASURES):
            add(_unit_chain(text, u))
            continue
        if not ("\u4e00" <= before <= "\u9fff") or before in _NOT_BEFORE_BARE_UNIT or unit == "元":
            continue
        if unit not in _ALWAYS_BLANK and unit not in _MEASURES and not _QUANTITY_END.match(text, m.end()):
            continue
        if _IDIOMS.search(text, max(0, u - 3), m.end() + 2):
            continue
        add(_unit_chain(text, u))
    for slot, unit in counter_blanks(text, seen | covered):
        add([(slot, unit)])
    blanks.sort(key=lambda b: b.start)
    return blanks, damaged
