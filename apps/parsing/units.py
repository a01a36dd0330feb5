"""Units of measure written after numbers in Chinese reports."""

from __future__ import annotations

import re

# Longest first so that 万美元 wins over 万 and 个百分点 over 个.
_UNITS = sorted(
    {
        # money
        "万亿元",
        "亿元",
        "万元",
        "千元",
        "元",
        "亿美元",
        "万美元",
        "美元",
        "亿港元",
        "万港元",
        "万欧元",
        "亿欧元",
        # people and things counted
        "万人次",
        "人次",
        "万人",
        "人",
        "名",
        "位",
        "万户",
        "户",
        "万家",
        "家",
        "所",
        "座",
        "条",
        "项",
        "宗",
        "件",
        "起",
        "次",
        "批",
        "套",
        "万套",
        "张",
        "台",
        "万台",
        "辆",
        "万辆",
        "部",
        "支",
        "只",
        "万只",
        "头",
        "万头",
        "羽",
        "万羽",
        "匹",
        "株",
        "万株",
        "棵",
        "万棵",
        "册",
        "万册",
        "篇",
        "场",
        "期",
        "届",
        "间",
        "栋",
        "幢",
        "处",
        "个",
        "个月",
        "个百分点",
        "百分点",
        "个位次",
        "位次",
        "家次",
        "类",
        "种",
        "门",
        "根",
        "口",
        "眼",
        "盏",
        "蒸吨",
        # land, length, volume, weight, energy
        "平方公里",
        "平方千米",
        "万平方米",
        "平方米",
        "立方米",
        "万立方米",
        "亿立方米",
        "公顷",
        "万公顷",
        "万亩",
        "亩",
        "公里",
        "千米",
        "米",
        "万吨",
        "吨",
        "亿斤",
        "万斤",
        "斤",
        "千克",
        "公斤",
        "万千瓦时",
        "亿千瓦时",
        "千瓦时",
        "度",
        "万千瓦",
        "千瓦",
        "兆瓦",
        "万千伏安",
        "千伏安",
        "千伏",
        "伏",
        "万标箱",
        "标箱",
        # time spans
        "小时",
        "天",
        "周",
        "季度",
        # ratios and bare multipliers
        "%",
        "％",
        "‰",
        "倍",
        "万亿",
        "亿",
        "万",
        "千",
    },
    key=len,
    reverse=True,
)
_UNIT_ALT = "|".join(re.escape(u) for u in _UNITS)
UNIT_RE = re.compile(rf"(?:{_UNIT_ALT})(?:/(?:{_UNIT_ALT}))?")

PERCENT_UNITS = frozenset({"%", "％", "‰"})

# Units whose absence of a number is a blank worth reporting. Bare
# classifiers (个, 家, 项) are left out: 国家, 各个, 事项 are everywhere.
_IMPLICIT = sorted(
    {
        "万亿元",
        "亿元",
        "万元",
        "亿美元",
        "万美元",
        "%",
        "％",
        "个百分点",
        "百分点",
        "平方公里",
        "平方千米",
        "万平方公里",
        "万平方米",
        "平方米",
        "万立方米",
        "立方米",
        "公顷",
        "万亩",
        "万吨",
        "亿斤",
        "万人次",
        "人次",
        "万人",
        "万户",
        "万头",
        "万只",
        "万千瓦",
        "千瓦时",
        "万千瓦时",
        "亿千瓦时",
        "万标箱",
        "公里",
        # counted things in ten thousands ("新增学位万个", "年产汽车万台")
        "万个",
        "万套",
        "万台",
        "万株",
        "万辆",
        "万名",
        "万条",
        "万件",
        "万张",
        # colloquial square metres, weight and power ("硬化万平米", "收缴油品吨", "装机兆瓦")
        "万平米",
        "平米",
        "兆瓦",
        "千瓦",
    },
    key=len,
    reverse=True,
)
# "亩" alone also starts words (亩均效益, 亩产), "吨" too (吨位, 吨级, 吨公里);
# "元" alone is everywhere
# (单元, 公元, 多元化) and is a unit only where the clause or list goes on.
IMPLICIT_UNIT_RE = re.compile(
    "|".join(re.escape(u) for u in _IMPLICIT)
    + r"|亩(?![均产数])|吨(?![位级公])|元(?=$|[\n，,。；;、）)和及与]|以上|以下|以内|左右)"
)


# A classifier that begins a longer word is no unit: XX项目, XX家庭, X名称.
_NOT_UNIT_BEFORE = {
    "项": "目",
    "家": "庭具乡",
    "名": "称单",
    "条": "件例款",
    "所": "有在属以",
    "台": "账",
    "部": "门署分",
    "处": "理置",
    "场": "所景馆",
    "期": "间末初限",
    "件": "事",
    "户": "外口籍",
    "人": "员民才口",
    "位": "于置",
    "种": "植养类",
    "次": "要",
    "米": "面",
}


_MULTIPLIERS = frozenset({"万", "亿", "千", "万亿"})
# "more than": 2300余人, XX多家, X亿多元.
_APPROX_CHARS = ("余", "多")
# "眼" and "盏" only count wells and lamps after a number: not 眼光, 眼前.
_NOT_UNIT_BEFORE.update({"眼": "光前界里睛", "口": "号径岸碑罩子"})


# After a classifier, a limit keeps it a unit: "XX所以上" (所以 is "so" elsewhere).
_LIMIT_AFTER = ("以上", "以下", "以内")


def _plain_unit(text: str, pos: int) -> tuple[str, int] | None:
    m = UNIT_RE.match(text, pos)
    if m is None:
        return None
    unit = m.group(0)
    follow = _NOT_UNIT_BEFORE.get(unit)
    end = m.end()
    if follow and text[end : end + 1] and text[end] in follow and not text.startswith(_LIMIT_AFTER, end):
        return None
    return ("%" if unit == "％" else unit), end


def unit_span(text: str, pos: int) -> tuple[str, int] | None:
    """The unit written at ``text[pos:]`` and where it ends, or None.

    ``余``/``多`` (more than) may come first or after a multiplier
    (``XX余起``, ``X亿多元`` → ``起``, ``亿元``), and a multiplier combines
    with any counted unit (``X万个``, ``XX万张`` → ``万个``, ``万张``).
    """
    approx = text[pos : pos + 1] in _APPROX_CHARS
    # Inlined _plain_unit: this runs once per placeholder.
    m = UNIT_RE.match(text, pos + 1 if approx else pos)
    if m is None:
        return None
    unit, end = m.group(0), m.end()
    follow = _NOT_UNIT_BEFORE.get(unit)
    if follow and end < len(text) and text[end] in follow and not text.startswith(_LIMIT_AFTER, end):
        return None
    if unit == "％":
        unit = "%"
    if unit in _MULTIPLIERS:
        skip = 1 if text[end : end + 1] in _APPROX_CHARS else 0
        base = _plain_unit(text, end + skip)
        if base is not None and base[0] not in _MULTIPLIERS and base[0] not in PERCENT_UNITS:
            return unit + base[0], base[1]
        if approx:
            return None  # "余万" alone is no unit
    return unit, end


def unit_at(text: str, pos: int) -> str | None:
    """The unit written at ``text[pos:]``, or None (see :func:`unit_span`)."""
    found = unit_span(text, pos)
    return found[0] if found else None
