"""A sheet in the statistics bureau's own layout, read into rows. Pure Python: no Django.

``指标名称 | 单位 | 本期 | 同比增长% | 全市位次`` with the header row anywhere in the first rows (a merged title
and notes above it), numbers stored as text, ``%`` in cells, the unit in the header (``本期（亿元）``) or in the
name (``地区生产总值（亿元）``). Each row keeps its sheet line, so a bad cell is reported where it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from apps.sheets.workbook import cell_text

HEADER_SEARCH_ROWS = 15
_NAME_HEAD = re.compile(r"指标|项目|名称")
_UNIT_HEAD = re.compile(r"^(?:计量)?单位$")
_RANK_HEAD = re.compile(r"位次|排名|名次|排序")
_GROWTH_HEAD = re.compile(r"增长|增速|增幅|同比|±")
_VALUE_HEAD = re.compile(r"本期|本年|本月|累计|完成|绝对|数值|总量|实绩|全年|\d{4}年")
_PAREN_UNIT = re.compile(r"[（(]([^（）()]{1,8})[）)]")
_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?$")
_EMPTY = {"", "-", "—", "－", "--", "/", "…", "——"}


@dataclass
class BureauRow:
    line: int  # 1-based, as Excel numbers rows
    name: str
    unit: str = ""
    value: str = ""
    growth: str = ""
    rank: str = ""
    errors: list[str] = field(default_factory=list)


@dataclass
class BureauTable:
    header_line: int
    columns: dict[str, int]  # name / unit / value / growth / rank → column index
    rows: list[BureauRow]


def _label(header: str) -> str:
    """The header as a message names it: ``同比增长%`` → 同比增长, ``本期（亿元）`` → 本期."""
    return _PAREN_UNIT.sub("", header).replace("%", "").replace("％", "").strip() or header


def find_header(grid: list[list]) -> tuple[int, dict[str, int], dict[str, str]] | None:
    """(row index, columns by role, header texts by role) of the first row that names the indicator column and
    at least one figure column, or None."""
    for r, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        texts = [re.sub(r"\s+", "", cell_text(v)) for v in row]
        cols: dict[str, int] = {}
        heads: dict[str, str] = {}
        for c, text in enumerate(texts):
            if not text:
                continue
            if "name" not in cols and _NAME_HEAD.search(text) and not _GROWTH_HEAD.search(text):
                role = "name"
            elif "unit" not in cols and _UNIT_HEAD.match(text):
                role = "unit"
            elif "rank" not in cols and _RANK_HEAD.search(text):
                role = "rank"
            elif "growth" not in cols and _GROWTH_HEAD.search(text):
                role = "growth"
            elif "value" not in cols and _VALUE_HEAD.search(text):
                role = "value"
            else:
                continue
            cols[role], heads[role] = c, text
        if "name" in cols and ({"value", "growth", "rank"} & set(cols)):
            return r, cols, heads
    return None


def number(text: str) -> str | None:
    """The number a cell holds as text (``1,234.5``, ``7.8%``, `` 12 ``, ``第3位``), "" when empty, None when
    it is no number."""
    t = text.strip().replace(",", "").replace("，", "").replace(" ", "").replace("\u3000", "")
    if t in _EMPTY:
        return ""
    t = t.rstrip("%％")
    t = re.sub(r"^第(\d+)[位名]?$", r"\1", t)
    t = re.sub(r"^(\d+)[位名]$", r"\1", t)
    if not _NUMBER.match(t):
        return None
    try:
        return str(Decimal(t).normalize()) if "." in t else str(int(t))
    except (InvalidOperation, ValueError):
        return None


def read_table(grid: list[list]) -> BureauTable | None:
    """The bureau rows of one sheet, or None when it has no recognisable header."""
    found = find_header(grid)
    if found is None:
        return None
    header_at, cols, heads = found
    value_unit = _PAREN_UNIT.search(heads.get("value", ""))
    header_unit = value_unit.group(1) if value_unit else ""
    rows = []
    for r in range(header_at + 1, len(grid)):
        cells = grid[r]

        def at(role: str, cells=cells) -> str:
            c = cols.get(role)
            return cell_text(cells[c]) if c is not None and c < len(cells) else ""

        raw_name = re.sub(r"\s+", "", at("name"))
        if not raw_name:
            continue
        unit = at("unit").strip("（）()")
        in_name = _PAREN_UNIT.search(raw_name)
        if in_name and not unit:
            unit = in_name.group(1)
        row = BureauRow(line=r + 1, name=raw_name, unit=unit or header_unit)
        for role in ("value", "growth", "rank"):
            if role not in cols:
                continue
            n = number(at(role))
            if n is None:
                row.errors.append(f"第 {r + 1} 行：“{_label(heads[role])}”不是数字（{at(role)[:20]}）。")
            else:
                setattr(row, role, n)
        if row.value or row.growth or row.rank or row.errors:
            rows.append(row)
    return BureauTable(header_line=header_at + 1, columns=cols, rows=rows)
