"""The indicator sheet (导出指标表.xlsx) written and read with openpyxl. Pure Python: no Django.

One row per blank: indicator columns (value, growth, rank, share …) each get their own row, so a department
fills one number per row. The hidden last column holds each blank's stable key (``<report>:<placeholder>``);
importing the app's own sheet matches rows by that key alone, whatever the user did to the other columns.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation

SHEET_TITLE = "指标表"
HEADERS = ("序号", "章节", "范围", "指标", "项目", "单位", "当前值", "上年值", "填写值", "说明", "编号")
COLUMN_WIDTHS = (6, 22, 8, 26, 10, 10, 12, 16, 14, 30, 12)
FILL_COLUMN = HEADERS.index("填写值") + 1
KEY_COLUMN = HEADERS.index("编号") + 1
HEADER_ROW = 3  # title on row 1, a note on row 2

ROLE_NAMES = {
    "value": "数值",
    "growth": "增速（%）",
    "rank": "位次",
    "share": "比重（%）",
    "points": "百分点",
    "change": "增减量",
}


@dataclass(frozen=True)
class SheetRow:
    key: str
    section: str
    scope: str
    name: str
    role: str
    unit: str
    kind: str
    value: str
    last_year: str = ""
    note: str = ""


@dataclass(frozen=True)
class SheetValue:
    """A value read from the app's own sheet: the row it is on, the blank's key and what was typed."""

    line: int
    key: str
    text: str


# What the fill column accepts for each kind of blank: (type, lowest, highest, the message when it does not).
_VALIDATIONS = {
    "rank": ("whole", "1", "999", "位次应为 1 以上的整数。"),
    "year": ("whole", "1900", "2100", "请填写四位年份，如 2024。"),
    "percent": ("decimal", "-1000", "100000", "请填写百分数的数字部分，如 7.8（不带 %）。"),
    "number": ("decimal", "-1E+15", "1E+15", "请填写数字，如 312.6。"),
}


def _validation(kind: str) -> DataValidation | None:
    if kind not in _VALIDATIONS:
        return None
    type_, low, high, error = _VALIDATIONS[kind]
    return DataValidation(
        type=type_,
        operator="between",
        formula1=low,
        formula2=high,
        error=error,
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="填写有误",
    )


def build_sheet(rows: list[SheetRow], *, title: str) -> bytes:
    """The .xlsx bytes: print-ready (A4 landscape, fit to width, header rows repeated), headers frozen,
    the fill column validated by each row's kind, the key column hidden."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_TITLE
    last_col = len(HEADERS)
    ws.cell(row=1, column=1, value=f"{title}——指标表").font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last_col - 1)
    ws.cell(
        row=2, column=1, value="请在“填写值”一列填写数字（百分数不带 %），其余列请勿修改；最后一列为系统编号，已隐藏。"
    )
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=last_col - 1)
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for col, header in enumerate(HEADERS, 1):
        cell = ws.cell(row=HEADER_ROW, column=col, value=header)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE5F0")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
        ws.column_dimensions[cell.column_letter].width = COLUMN_WIDTHS[col - 1]
    validations: dict[str, DataValidation] = {}
    fill_fill = PatternFill("solid", fgColor="FFF7D6")
    for i, row in enumerate(rows, 1):
        r = HEADER_ROW + i
        values = (
            i,
            row.section,
            row.scope,
            row.name,
            ROLE_NAMES.get(row.role, row.role or "—"),
            row.unit,
            row.value,
            row.last_year,
            row.value,
            row.note,
            row.key,
        )
        for col, value in enumerate(values, 1):
            cell = ws.cell(row=r, column=col, value=value)
            cell.border = border
            cell.alignment = Alignment(vertical="top", wrap_text=col in (2, 4, 10))
            if col in (7, 9):
                cell.number_format = "@"  # text: 7.80 stays 7.80, and a year is no date
        ws.cell(row=r, column=FILL_COLUMN).fill = fill_fill
        dv = validations.get(row.kind)
        if row.kind not in validations:
            dv = validations[row.kind] = _validation(row.kind)
            if dv is not None:
                ws.add_data_validation(dv)
        if dv is not None:
            dv.add(ws.cell(row=r, column=FILL_COLUMN))
    ws.column_dimensions[ws.cell(row=HEADER_ROW, column=KEY_COLUMN).column_letter].hidden = True
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.auto_filter.ref = (
        f"A{HEADER_ROW}:{ws.cell(row=HEADER_ROW, column=last_col - 1).column_letter}{HEADER_ROW + len(rows)}"
    )
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def cell_text(value) -> str:
    """A cell as the user meant it: 7.8 not 7.800000000000001, 12 not 12.0, text stripped."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return ""
    if isinstance(value, float):
        text = repr(round(value, 10))
        return text[:-2] if text.endswith(".0") else text
    if isinstance(value, int):
        return str(value)
    return str(value).strip()


def is_app_sheet(grid: list[list]) -> bool:
    """Whether a sheet (its cells as a grid) is one this app exported: its header row and key column."""
    for row in grid[:10]:
        texts = [cell_text(v) for v in row]
        if "编号" in texts and "填写值" in texts:
            return True
    return False


def read_app_sheet(grid: list[list]) -> list[SheetValue]:
    """The typed values of the app's own sheet, by key (the hidden column); rows without a key are skipped."""
    header_at, cols = None, {}
    for r, row in enumerate(grid[:10]):
        texts = [cell_text(v) for v in row]
        if "编号" in texts and "填写值" in texts:
            header_at, cols = r, {t: c for c, t in enumerate(texts)}
            break
    if header_at is None:
        return []
    out = []
    for r in range(header_at + 1, len(grid)):
        row = grid[r]
        key = cell_text(row[cols["编号"]]) if cols["编号"] < len(row) else ""
        if not key:
            continue
        text = cell_text(row[cols["填写值"]]) if cols["填写值"] < len(row) else ""
        out.append(SheetValue(line=r + 1, key=key, text=text))
    return out


MAX_MEMBERS = 1000
MAX_UNPACKED_BYTES = 60 * 1024 * 1024


def check_package(data: bytes) -> None:
    """``ValueError`` unless the bytes are a plausible .xlsx package: a ZIP whose parts are few and small enough
    once inflated (a zip bomb is refused on its central directory), with no DTD in any XML part (entity
    expansion)."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ValueError("不是有效的 Excel 工作簿（.xlsx）。") from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS or sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
            raise ValueError("工作簿解压后过大或部件过多，已拒绝。")
        for info in infos:
            if info.filename.endswith((".xml", ".rels")):
                with archive.open(info) as part:
                    if b"<!DOCTYPE" in part.read(4096).upper():
                        raise ValueError("工作簿内容异常（含文档类型定义），已拒绝。")


def read_grids(data: bytes) -> list[tuple[str, list[list]]]:
    """Every sheet of a workbook as (name, grid of cell values); a merged range holds its value in its
    top-left cell only, as openpyxl reads it. Raises ``ValueError`` for bytes that are no .xlsx (or no safe one,
    see :func:`check_package`)."""
    from openpyxl import load_workbook

    check_package(data)
    try:
        wb = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # zipfile.BadZipFile, KeyError, InvalidFileException …: all "not a workbook"
        raise ValueError("不是有效的 Excel 工作簿（.xlsx）。") from exc
    try:
        grids = []
        for ws in wb.worksheets:
            grid = [list(row) for row in ws.iter_rows(values_only=True, max_row=5000, max_col=40)]
            grids.append((ws.title, grid))
        return grids
    finally:
        wb.close()
