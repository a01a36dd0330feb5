"""The plain data an export is built from: what ``services`` hands to ``builders``/``page_setup``.

Kept apart so that ``builders`` and ``page_setup`` both read these types without importing each other.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class Segment:
    """A piece of text; a placeholder's value is a segment of its own.

    ``placeholder`` marks a placeholder's value (or its raw text if empty).
    ``empty`` marks a placeholder not yet filled: ``text`` is its raw form
    (``XX``) or ``""`` for an implicit blank, rendered as :data:`EMPTY_MARKER`.
    """

    text: str
    placeholder: bool = False
    empty: bool = False


@dataclass(frozen=True)
class ExportSection:
    """One heading and its body paragraphs.

    ``level`` 0 is the preamble (no heading), 1..4 are ``一、`` / ``（一）`` /
    ``1.`` / ``（1）``; ``marker`` is the number as written. With
    ``inline_body`` the first body paragraph continues the heading's paragraph
    (``（一）经济运行稳中趋好。全县…``).
    """

    level: int
    marker: str
    heading: tuple[Segment, ...]
    heading_end: str
    inline_body: bool
    paragraphs: tuple[tuple[Segment, ...], ...]


@dataclass(frozen=True)
class FontProfile:
    """Fonts and sizes of an organisation; the defaults are GB/T 9704's."""

    title: str = "方正小标宋简体"
    body: str = "仿宋_GB2312"
    level1: str = "黑体"
    level2: str = "楷体_GB2312"
    level3: str = "仿宋_GB2312"
    level4: str = "仿宋_GB2312"
    latin: str = "Times New Roman"
    page_number: str = "宋体"
    title_pt: float = 22
    body_pt: float = 16
    page_number_pt: float = 14
    bold_levels: tuple[int, ...] = ()  # house style: the standard names faces only
    line_pitch_twips: int = 579  # 225 mm type area / 22 lines


@dataclass(frozen=True)
class ExportAppendix:
    """A page added at the end of a draft: a heading, a PNG picture ``width_mm`` wide (kept within the
    type area), a one-line ``caption`` under it, and a table (``rows``, the first the header)."""

    title: str
    png: bytes
    width_mm: float
    rows: tuple[tuple[str, ...], ...] = ()
    caption: str = ""


@dataclass(frozen=True)
class ExportDocument:
    """A report ready to export.

    ``draft`` adds a 草稿 header, highlights empty placeholders and lists
    ``empty_labels`` on a last page. ``signer`` and ``date`` form the
    signature block; either may be absent. ``appendices`` end the document,
    each on a page of its own.
    """

    title: str
    sections: tuple[ExportSection, ...]
    draft: bool = False
    signer: str = ""
    date: datetime.date | None = None
    empty_labels: tuple[str, ...] = ()
    appendices: tuple[ExportAppendix, ...] = ()
