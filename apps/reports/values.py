"""Validation and normalisation of the values users type into placeholders.

Pure functions, no database: ``normalize_value(kind, text)`` returns the value to
store, or raises ``ValueInvalid`` with a message in Chinese.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

MAX_NAME = 100
MAX_TEXT = 2000
# A number, percent, rank or year typed by a person fits in a few dozen characters ("１２３，４５６．７８万",
# "一千二百三十四万五千六百"). Longer input is refused before any parsing, which keeps every conversion
# below bounded; the normalised number must also fit comfortably in the value column.
MAX_NUMBER_INPUT = 40
MAX_NUMBER_DIGITS = 40
_NUMERIC_KINDS = frozenset({"number", "percent", "rank", "year"})
YEAR_MIN, YEAR_MAX = 1949, 2100

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－＋％", "0123456789.,-+%")
_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
_NUMBER_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


class ValueInvalid(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _chinese_integer(text: str) -> int | None:
    """一百二十三 → 123, 两万零五 → 20005; None when the text is not a Chinese numeral.

    Also None beyond MAX_NUMBER_INPUT characters: each big unit multiplies an ever longer integer,
    so the work grows with the square of the length (60,000 亿 took seconds).
    """
    if not text or len(text) > MAX_NUMBER_INPUT:
        return None
    if any(ch not in _CN_DIGITS and ch not in _CN_SMALL_UNITS and ch not in _CN_BIG_UNITS for ch in text):
        return None
    # total: whole 亿 groups; wan: the 万 part below them; section: below 万; digit: the pending digit.
    total, wan, section, digit = 0, 0, 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_SMALL_UNITS:
            section += (1 if digit is None else digit) * _CN_SMALL_UNITS[ch]
            digit = None
        elif ch == "万":
            wan += (section + (digit or 0)) * 10_000
            section, digit = 0, None
        else:  # 亿
            total = (total + wan + section + (digit or 0)) * 100_000_000
            wan, section, digit = 0, 0, None
    return total + wan + section + (digit or 0)


def _to_decimal(text: str) -> Decimal:
    if len(text) > MAX_NUMBER_INPUT:
        raise ValueInvalid(f"数值过长：最多 {MAX_NUMBER_INPUT} 个字符。")
    text = text.strip().translate(_FULLWIDTH).replace(",", "").replace(" ", "")
    if not text:
        raise ValueInvalid("请填写数值。")
    multiplier = 1
    if len(text) > 1 and text[-1] in _CN_BIG_UNITS and _NUMBER_RE.match(text[:-1]):
        multiplier = _CN_BIG_UNITS[text[-1]]
        text = text[:-1]
    if _NUMBER_RE.match(text):
        try:
            return Decimal(text) * multiplier
        except InvalidOperation:  # pragma: no cover - the regex already guards this
            pass
    chinese = _chinese_integer(text)
    if chinese is not None:
        return Decimal(chinese)
    raise ValueInvalid("请输入数字，例如 1234.5、１２３ 或 一百二十三。")


def _plain(number: Decimal) -> str:
    """A decimal without exponent and without trailing zeros after the point."""
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    text = "0" if text in ("-0", "") else text
    if len(text.lstrip("-").replace(".", "")) > MAX_NUMBER_DIGITS:
        raise ValueInvalid(f"数值过长：最多 {MAX_NUMBER_DIGITS} 位数字，请检查单位。")
    return text


def normalize_value(kind: str, text: str) -> str:
    """Return the value to store for ``text`` typed into a placeholder of ``kind``.

    An empty text clears the placeholder and returns "".
    Raises ValueInvalid with a Chinese message when the text does not fit the kind.
    """
    text = (text or "").strip()
    if not text:
        return ""
    if kind in _NUMERIC_KINDS and len(text) > MAX_NUMBER_INPUT:
        raise ValueInvalid(f"数值过长：最多 {MAX_NUMBER_INPUT} 个字符。")
    if kind == "number":
        return _plain(_to_decimal(text))
    if kind == "percent":
        stripped = text.translate(_FULLWIDTH).rstrip().removesuffix("%").strip()
        try:
            return _plain(_to_decimal(stripped))
        except ValueInvalid:
            raise ValueInvalid("请输入百分比数值，例如 7.2 或 7.2%。") from None
    if kind == "rank":
        try:
            number = _to_decimal(text.removeprefix("第").removesuffix("位").removesuffix("名"))
        except ValueInvalid:
            raise ValueInvalid("位次应为正整数，例如 3。") from None
        if number != number.to_integral_value() or number < 1:
            raise ValueInvalid("位次应为正整数，例如 3。")
        return str(int(number))
    if kind == "year":
        digits = text.translate(_FULLWIDTH).removesuffix("年")
        if not re.fullmatch(r"\d{4}", digits) or not YEAR_MIN <= int(digits) <= YEAR_MAX:
            raise ValueInvalid(f"年份应为四位数字（{YEAR_MIN}–{YEAR_MAX}），例如 2019。")
        return digits
    limit = MAX_NAME if kind == "name" else MAX_TEXT
    if len(text) > limit:
        raise ValueInvalid(f"内容过长：最多 {limit} 个字，当前 {len(text)} 个字。")
    return text
