"""Sheets built with openpyxl for the tests, and the public reports the parser's tests keep."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from openpyxl import Workbook

PUBLIC = Path(__file__).resolve().parents[2] / "parsing" / "tests" / "samples" / "public"


def public_text(name: str) -> str:
    return (PUBLIC / f"{name}.txt").read_text(encoding="utf-8")


def xlsx(rows: list[list], *, merges: tuple[str, ...] = (), title: str = "Sheet1") -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    for ref in merges:
        ws.merge_cells(ref)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
