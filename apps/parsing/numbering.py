"""Word automatic numbering (``word/numbering.xml``) turned back into text.

When Word numbers a heading itself, the ``一、`` is not in the paragraph's
text: it lives in the numbering definitions. To parse the heading we render
the label the way Word would display it.
"""

from __future__ import annotations

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_DIGITS = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_ZHUANG = "零壹贰叁肆伍陆柒捌玖"


def chinese_number(n: int, digits: str = _DIGITS, units: str = "十百千") -> str:
    """Write ``n`` (0 < n < 10000) as Word's ``chineseCounting`` does: 十一, 二十, 一百零一."""
    if not 0 < n < 10000:
        return str(n)
    if 10 <= n < 20:
        return units[0] + (digits[n % 10] if n % 10 else "")
    out = ""
    gap = False
    for value, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d = n // value % 10
        if d:
            if gap:
                out += digits[0]
            out += digits[d] + unit
            gap = False
        elif out:
            gap = True
    return out


def _roman(n: int) -> str:
    vals = (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    )
    out = []
    for v, s in vals:
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


def _letters(n: int) -> str:
    # Word repeats the letter: a..z, aa..zz.
    n = max(n, 1)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """Render counter ``n`` in Word numbering format ``fmt``."""
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "ideographDigital",
        "japaneseCounting",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
    ):
        return chinese_number(n)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional"):
        return chinese_number(n, _ZHUANG, "拾佰仟")
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[n - 1] if 1 <= n <= len(_CIRCLED) else str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10] if n >= 1 else str(n)
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


def _int_attr(el, name: str, default: int) -> int:
    if el is None:
        return default
    try:
        return int(el.get(W + name, default))
    except (TypeError, ValueError):
        return default


class _Level:
    __slots__ = ("fmt", "restart", "start", "suffix", "text")

    def __init__(self, lvl):
        self.start = _int_attr(lvl.find(W + "start"), "val", 1)
        fmt = lvl.find(W + "numFmt")
        self.fmt = fmt.get(W + "val", "decimal") if fmt is not None else "decimal"
        text = lvl.find(W + "lvlText")
        self.text = text.get(W + "val", "") if text is not None else ""
        suff = lvl.find(W + "suff")
        self.suffix = suff.get(W + "val", "tab") if suff is not None else "tab"
        restart = lvl.find(W + "lvlRestart")
        self.restart = _int_attr(restart, "val", -1) if restart is not None else None


class Numbering:
    """Counters for every list in one document, advanced paragraph by paragraph.

    Lists that share an abstract definition continue each other's numbering,
    as in Word, unless a ``lvlOverride/startOverride`` restarts them.
    """

    def __init__(self, numbering_xml: bytes | None, parser):
        self._levels: dict[str, dict[int, _Level]] = {}
        self._num_abstract: dict[str, str] = {}
        self._overrides: dict[str, dict[int, object]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._started: set[str] = set()
        if not numbering_xml:
            return
        root = etree.fromstring(numbering_xml, parser)
        for absn in root.iter(W + "abstractNum"):
            aid = absn.get(W + "abstractNumId")
            self._levels[aid] = {_int_attr(lvl, "ilvl", 0): _Level(lvl) for lvl in absn.iter(W + "lvl")}
        for num in root.iter(W + "num"):
            nid = num.get(W + "numId")
            ref = num.find(W + "abstractNumId")
            if ref is None:
                continue
            self._num_abstract[nid] = ref.get(W + "val")
            overrides = {}
            for ov in num.iter(W + "lvlOverride"):
                ilvl = _int_attr(ov, "ilvl", 0)
                lvl = ov.find(W + "lvl")
                start = ov.find(W + "startOverride")
                overrides[ilvl] = (
                    _Level(lvl) if lvl is not None else None,
                    _int_attr(start, "val", 1) if start is not None else None,
                )
            if overrides:
                self._overrides[nid] = overrides

    def __bool__(self) -> bool:
        return bool(self._num_abstract)

    def _level(self, nid: str, aid: str, ilvl: int) -> _Level | None:
        override = self._overrides.get(nid, {}).get(ilvl)
        if override and override[0] is not None:
            return override[0]
        return self._levels.get(aid, {}).get(ilvl)

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the list ``num_id`` at level ``ilvl`` and return its label.

        Returns ``""`` for ``numId`` 0 (numbering removed), unknown lists and
        bullets, so the paragraph text is then used as written.
        """
        if num_id in (None, "", "0"):
            return ""
        aid = self._num_abstract.get(num_id)
        if aid is None:
            return ""
        level = self._level(num_id, aid, ilvl)
        if level is None:
            return ""
        counters = self._counters.setdefault(aid, {})
        if num_id not in self._started:
            self._started.add(num_id)
            for lv, (_, start) in self._overrides.get(num_id, {}).items():
                if start is not None:
                    counters[lv] = start - 1
                    for deeper in [k for k in counters if k > lv]:
                        del counters[deeper]
        current = counters.get(ilvl)
        counters[ilvl] = level.start if current is None else current + 1
        # A level restarts when any level above it advances.
        for deeper in [k for k in counters if k > ilvl]:
            lv = self._level(num_id, aid, deeper)
            if lv is None or lv.restart != 0:
                del counters[deeper]
        if level.fmt == "bullet" or not level.text:
            return ""
        text = level.text
        for k in range(9):
            token = f"%{k + 1}"
            if token in text:
                lv = self._level(num_id, aid, k)
                value = counters.get(k)
                if value is None:
                    value = lv.start if lv is not None else 1
                text = text.replace(token, format_number(value, lv.fmt if lv else "decimal"))
        if level.suffix == "space":
            text += " "
        return text
