"""This year against last year: the bars computed once (:func:`bar_rows`), drawn as inline SVG for the report
page (no script, no CDN; prints as it shows) and as a PNG picture without text for the draft export's appendix,
whose words and numbers go in a table beside it (:func:`table_rows`). Pure Python: no Django."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from apps.sheets.png import png_rgb

DARK = (0x1F, 0x4E, 0x79)  # this year
LIGHT = (0xB4, 0xC7, 0xE7)  # last year
WHITE = (0xFF, 0xFF, 0xFF)
AXIS = (0x80, 0x80, 0x80)
TABLE_HEADER = ("指标", "本年", "上年", "增长")
LEGEND = "深色：本年　浅色：上年"


@dataclass(frozen=True)
class Pair:
    name: str
    unit: str
    this_year: float
    last_year: float
    growth: str = ""  # the stated growth of this year, as written


@dataclass(frozen=True)
class BarRow:
    """One indicator's two bars, as fractions (0..1) of the longest bar a pair may have."""

    pair: Pair
    this_share: float
    last_share: float


def _number(x: float) -> str:
    """3300000 not 3.3e+06, 312.6 not 312.600000."""
    return f"{x:.6f}".rstrip("0").rstrip(".")


def bar_rows(pairs: list[Pair]) -> list[BarRow]:
    """Each pair scaled to its larger value (a pair of 万元 and one of % share no scale): that bar is full."""
    rows = []
    for p in pairs:
        scale = max(abs(p.this_year), abs(p.last_year)) or 1
        rows.append(BarRow(p, abs(p.this_year) / scale, abs(p.last_year) / scale))
    return rows


def _length(share: float, full: int) -> int:
    """A bar's length in pixels; never 0, so that a zero still shows as a bar's start."""
    return max(1, round(full * share))


def bars_svg(pairs: list[Pair], *, width: int = 640) -> str:
    """Two bars per indicator (this year dark, last year light), each pair scaled to its larger value, with
    both numbers and the stated growth written out, so the chart reads in black and white too."""
    if not pairs:
        return ""
    row_h, top, label_w = 46, 28, 190
    bar_w = width - label_w - 150
    height = top + row_h * len(pairs) + 8
    dark, light = (f"#{r:02x}{g:02x}{b:02x}" for r, g, b in (DARK, LIGHT))
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="year-chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" aria-label="主要指标本年与上年对比">',
        f'<rect x="0" y="0" width="12" height="10" fill="{dark}"/><text x="16" y="10" font-size="11">本年</text>',
        f'<rect x="60" y="0" width="12" height="10" fill="{light}"/><text x="76" y="10" font-size="11">上年</text>',
    ]
    for i, row in enumerate(bar_rows(pairs)):
        p = row.pair
        y = top + i * row_h
        w1, w0 = _length(row.this_share, bar_w), _length(row.last_share, bar_w)
        name = escape(p.name if len(p.name) <= 14 else p.name[:13] + "…")
        growth = f"，增长{escape(p.growth)}%" if p.growth else ""
        out.append(f'<text x="0" y="{y + 18}" font-size="12">{name}（{escape(p.unit)}）</text>')
        out.append(f'<rect x="{label_w}" y="{y + 4}" width="{w1}" height="16" fill="{dark}"/>')
        out.append(f'<text x="{label_w + w1 + 4}" y="{y + 17}" font-size="11">{_number(p.this_year)}{growth}</text>')
        out.append(f'<rect x="{label_w}" y="{y + 22}" width="{w0}" height="14" fill="{light}"/>')
        out.append(f'<text x="{label_w + w0 + 4}" y="{y + 34}" font-size="11">{_number(p.last_year)}</text>')
    out.append("</svg>")
    return "".join(out)


# The PNG's geometry, in pixels: one band per indicator, this year's bar above last year's.
PNG_WIDTH = 900
PNG_MARGIN = 12  # around the bars, and left of the axis
PNG_DARK_H, PNG_GAP, PNG_LIGHT_H, PNG_PAD = 24, 4, 18, 7  # PNG_PAD above and below the two bars
PNG_BAND_H = PNG_PAD + PNG_DARK_H + PNG_GAP + PNG_LIGHT_H + PNG_PAD


def bars_png(pairs: list[Pair], *, width: int = PNG_WIDTH) -> bytes:
    """The bars of :func:`bars_svg` as an RGB PNG with no text in it: per indicator, in order, a band
    ``PNG_BAND_H`` high holding this year's bar (dark) over last year's (light), drawn from a grey axis.
    Empty bytes for no pairs."""
    if not pairs:
        return b""
    x0 = PNG_MARGIN + 2  # the axis is 2 px wide
    full = width - x0 - PNG_MARGIN
    height = 2 * PNG_MARGIN + PNG_BAND_H * len(pairs)
    blank = bytes(WHITE) * width
    axis_only = bytes(WHITE) * PNG_MARGIN + bytes(AXIS) * 2 + bytes(WHITE) * (width - x0)

    def bar(length: int, colour: tuple[int, int, int]) -> bytes:
        return axis_only[: 3 * x0] + bytes(colour) * length + bytes(WHITE) * (width - x0 - length)

    rows = [blank] * PNG_MARGIN
    for row in bar_rows(pairs):
        dark = bar(_length(row.this_share, full), DARK)
        light = bar(_length(row.last_share, full), LIGHT)
        rows += [axis_only] * PNG_PAD + [dark] * PNG_DARK_H + [axis_only] * PNG_GAP
        rows += [light] * PNG_LIGHT_H + [axis_only] * PNG_PAD
    rows += [blank] * PNG_MARGIN
    assert len(rows) == height
    return png_rgb(width, height, rows)


def table_rows(pairs: list[Pair]) -> list[tuple[str, str, str, str]]:
    """The chart's words and numbers for a table printed with it: the header, then one row per pair in the
    chart's order (the growth as stated in the report, ``—`` when it states none)."""
    rows = [TABLE_HEADER]
    for p in pairs:
        name = f"{p.name}（{p.unit}）" if p.unit else p.name
        rows.append((name, _number(p.this_year), _number(p.last_year), f"{p.growth}%" if p.growth else "—"))
    return rows
