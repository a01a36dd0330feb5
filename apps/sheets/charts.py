"""This year against last year, drawn as inline SVG on the server (no script, no CDN; prints as it shows).
Pure Python: no Django."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Pair:
    name: str
    unit: str
    this_year: float
    last_year: float
    growth: str = ""  # the stated growth of this year, as written


def _number(x: float) -> str:
    """3300000 not 3.3e+06, 312.6 not 312.600000."""
    return f"{x:.6f}".rstrip("0").rstrip(".")


def bars_svg(pairs: list[Pair], *, width: int = 640) -> str:
    """Two bars per indicator (this year dark, last year light), each pair scaled to its larger value, with
    both numbers and the stated growth written out, so the chart reads in black and white too."""
    if not pairs:
        return ""
    row_h, top, label_w = 46, 28, 190
    bar_w = width - label_w - 150
    height = top + row_h * len(pairs) + 8
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="year-chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" aria-label="主要指标本年与上年对比">',
        '<rect x="0" y="0" width="12" height="10" fill="#1f4e79"/><text x="16" y="10" font-size="11">本年</text>',
        '<rect x="60" y="0" width="12" height="10" fill="#b4c7e7"/><text x="76" y="10" font-size="11">上年</text>',
    ]
    for i, p in enumerate(pairs):
        y = top + i * row_h
        scale = max(abs(p.this_year), abs(p.last_year)) or 1
        w1 = max(1, round(bar_w * abs(p.this_year) / scale))
        w0 = max(1, round(bar_w * abs(p.last_year) / scale))
        name = escape(p.name if len(p.name) <= 14 else p.name[:13] + "…")
        growth = f"，增长{escape(p.growth)}%" if p.growth else ""
        out.append(f'<text x="0" y="{y + 18}" font-size="12">{name}（{escape(p.unit)}）</text>')
        out.append(f'<rect x="{label_w}" y="{y + 4}" width="{w1}" height="16" fill="#1f4e79"/>')
        out.append(f'<text x="{label_w + w1 + 4}" y="{y + 17}" font-size="11">{_number(p.this_year)}{growth}</text>')
        out.append(f'<rect x="{label_w}" y="{y + 22}" width="{w0}" height="14" fill="#b4c7e7"/>')
        out.append(f'<text x="{label_w + w0 + 4}" y="{y + 34}" font-size="11">{_number(p.last_year)}</text>')
    out.append("</svg>")
    return "".join(out)
