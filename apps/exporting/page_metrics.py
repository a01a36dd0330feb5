"""Measure a rendered page layout: characters per line and lines per page, from ``pdftotext -bbox`` output.

Used by the rendering tests and ``bench/export_layout.py`` to check that a
delivered .docx, converted by LibreOffice, keeps the GB/T 9704 page: 28
characters a body line, 22 lines a page, nothing outside the type area.

Pure Python (no Django, no subprocess): :func:`parse_bbox` reads the XHTML
that ``pdftotext -bbox`` writes, :func:`page_lines` groups its words into
lines, :func:`measure` gives the figures.
"""

from __future__ import annotations

import html
import re
import statistics
import unicodedata
from dataclasses import dataclass, field

PT_PER_MM = 72 / 25.4

# GB/T 9704 type area on A4, in PDF points from the top-left corner.
TYPE_LEFT = 28 * PT_PER_MM
TYPE_RIGHT = (28 + 156) * PT_PER_MM
TYPE_TOP = 37 * PT_PER_MM
TYPE_BOTTOM = (37 + 225) * PT_PER_MM
BODY_PT = 16.0

_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', re.S)
_PAGE_NUMBER = re.compile(r"^[—–-]+\s*\d+\s*[—–-]+$")
# Closing marks that Word, WPS and LibreOffice let hang one character past the line end.
HANGING_PUNCTUATION = frozenset("，。、；：！？”’）》」』")


@dataclass(frozen=True)
class Word:
    x_min: float
    y_min: float
    x_max: float
    y_max: float
    text: str


@dataclass
class Line:
    words: list[Word] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(word.text for word in sorted(self.words, key=lambda w: w.x_min))

    @property
    def x_min(self) -> float:
        return min(w.x_min for w in self.words)

    @property
    def x_max(self) -> float:
        return max(w.x_max for w in self.words)

    @property
    def y_min(self) -> float:
        return min(w.y_min for w in self.words)

    @property
    def y_max(self) -> float:
        return max(w.y_max for w in self.words)

    @property
    def height(self) -> float:
        return statistics.median(w.y_max - w.y_min for w in self.words)


def parse_bbox(xhtml: str) -> list[list[Word]]:
    """The words of each page of ``pdftotext -bbox`` output, in page order."""
    pages = []
    for match in _PAGE.finditer(xhtml):
        words = [
            Word(float(a), float(b), float(c), float(d), html.unescape(text))
            for a, b, c, d, text in _WORD.findall(match.group(3))
        ]
        pages.append([w for w in words if w.text.strip()])
    return pages


def page_lines(words: list[Word], *, tolerance: float = 4.0) -> list[Line]:
    """Words grouped into lines by their vertical centre, top to bottom."""
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: ((w.y_min + w.y_max) / 2, w.x_min)):
        centre = (word.y_min + word.y_max) / 2
        if lines and abs((lines[-1].y_min + lines[-1].y_max) / 2 - centre) <= tolerance:
            lines[-1].words.append(word)
        else:
            lines.append(Line([word]))
    return lines


def is_full_width(ch: str) -> bool:
    """A character one body character wide in a CJK font (ambiguous ones such as “ ” — too)."""
    return unicodedata.east_asian_width(ch) in "WFA"


def char_units(text: str) -> float:
    """Width of ``text`` in body characters: full-width characters 1, others (digits, Latin) ½."""
    return sum(1.0 if is_full_width(ch) else 0.5 for ch in text if not ch.isspace())


def is_page_number(line: Line) -> bool:
    return bool(_PAGE_NUMBER.match(line.text.replace(" ", "")))


@dataclass(frozen=True)
class PageFigures:
    """What one page holds: its body lines and the width (in characters) of its full lines."""

    lines: int
    full_line_chars: tuple[float, ...]
    overflows: tuple[str, ...]
    page_number: str | None
    hanging: int = 0


def measure_page(
    words: list[Word], *, slack: float = 2.0, indented: bool = True, next_page_starts: str = "字"
) -> PageFigures:
    """Lines and full-line widths of one page.

    Body lines are the lines inside the type area (the header 草稿 above it and
    the ``— N —`` footer below it are not counted). A full line reaches the
    right edge of the type area (justified text) or is followed by a line
    starting flush left; lines of full-width characters only are counted
    (characters plus the first-line indent), and not the line before a
    number or Latin word, which is never broken. A line that sticks out of the
    type area is an overflow, except a closing punctuation mark hanging at
    most one character past the right edge (counted in ``hanging``): Word,
    WPS and LibreOffice all do that by default.

    ``next_page_starts``: the first character of the next page's body, for
    the page's last line. ``indented=False`` for documents whose paragraphs have no first-line
    indent (an upload): only lines reaching the right edge count as full.
    """
    lines = page_lines(words)
    body, overflows, number, hanging = [], [], None, 0
    for line in lines:
        if is_page_number(line):
            number = line.text.replace(" ", "")
            continue
        centre = (line.y_min + line.y_max) / 2
        if centre < TYPE_TOP - BODY_PT:  # a header (草稿)
            continue
        body.append(line)
        text = line.text.rstrip()
        hangs = TYPE_RIGHT + slack < line.x_max <= TYPE_RIGHT + BODY_PT + slack and text[-1:] in HANGING_PUNCTUATION
        hanging += hangs
        right = TYPE_RIGHT + slack if not hangs else TYPE_RIGHT + BODY_PT + slack
        if line.x_min < TYPE_LEFT - slack or line.x_max > right or line.y_max > TYPE_BOTTOM + slack:
            overflows.append(line.text[:40])
    # A full line is any line but a paragraph's last: it reaches the right
    # edge (justified), or the next line continues flush left (a paragraph's
    # first line is indented two characters, counted in). Only lines of
    # full-width characters at the body size are counted: digits and Latin
    # letters have widths of their own, and the 22 pt title holds fewer.
    full = []
    for line, after in zip(body, [*body[1:], None], strict=True):
        text = line.text.replace(" ", "")
        reaches = line.x_max >= TYPE_RIGHT - BODY_PT / 2
        continued = indented and after is not None and after.x_min < TYPE_LEFT + BODY_PT / 2
        # A number or a Latin word is not broken: the line before it is
        # justified with fewer characters, in every office suite.
        starts = after.text.lstrip()[:1] if after is not None else next_page_starts
        before_number = not is_full_width(starts or "字")
        if (
            line.height <= BODY_PT * 1.5
            and (reaches or continued)
            and not before_number
            and all(is_full_width(ch) for ch in text)
        ):
            full.append(len(text) + round((line.x_min - TYPE_LEFT) / BODY_PT))
    return PageFigures(
        lines=len(body), full_line_chars=tuple(full), overflows=tuple(overflows), page_number=number, hanging=hanging
    )


@dataclass(frozen=True)
class LayoutFigures:
    pages: int
    chars_per_line: tuple[float, float, float]  # min, median, max of full body lines of full-width characters
    lines_per_page: tuple[int, float, int]  # min, median, max, last page excluded
    per_page: tuple[PageFigures, ...]

    def summary(self) -> str:
        c, n = self.chars_per_line, self.lines_per_page
        return (
            f"{self.pages} pages; chars/line min {c[0]:g} median {c[1]:g} max {c[2]:g}; "
            f"lines/page min {n[0]} median {n[1]:g} max {n[2]}"
        )


def _body_start(words: list[Word]) -> str:
    for line in page_lines(words):
        if not is_page_number(line) and (line.y_min + line.y_max) / 2 >= TYPE_TOP - BODY_PT:
            return line.text.lstrip()[:1]
    return "字"


def measure(xhtml: str, *, indented: bool = True) -> LayoutFigures:
    """Figures of a whole document from its ``pdftotext -bbox`` output (see :func:`measure_page`)."""
    all_words = parse_bbox(xhtml)
    starts = [_body_start(words) for words in all_words[1:]] + ["字"]
    pages = tuple(
        measure_page(words, indented=indented, next_page_starts=start)
        for words, start in zip(all_words, starts, strict=True)
    )
    chars = [c for page in pages for c in page.full_line_chars] or [0.0]
    # The last page of a document (and of the body before a signature or a
    # page break) is rarely full: lines per page are taken over all pages but the last.
    counted = [page.lines for page in pages[:-1]] or [page.lines for page in pages] or [0]
    return LayoutFigures(
        pages=len(pages),
        chars_per_line=(min(chars), statistics.median(chars), max(chars)),
        lines_per_page=(min(counted), statistics.median(counted), max(counted)),
        per_page=pages,
    )


def expected_pages(document_xml: bytes, *, chars_per_line: int = 28, lines_per_page: int = 22) -> int:
    """The page count a 28 × 22 layout gives ``word/document.xml``, estimated paragraph by paragraph.

    Each paragraph takes ``ceil((first-line indent + width) / 28)`` lines (at
    least one), its width in body characters scaled by its font size (the
    22 pt title holds about 20 a line); ``w:pageBreakBefore`` starts a page.
    Keep-with-next and line-breaking rules are ignored: the estimate is for a
    ±3 % check, not an exact layout.
    """
    import math

    from lxml import etree

    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    root = etree.fromstring(document_xml)
    pages, lines = 0, 0
    for p in root.iter(f"{ns}p"):
        ppr = p.find(f"{ns}pPr")
        if ppr is not None and ppr.find(f"{ns}pageBreakBefore") is not None and lines:
            pages += math.ceil(lines / lines_per_page)
            lines = 0
        if p.getparent().tag != f"{ns}body":
            continue
        text = "".join(t.text or "" for t in p.iter(f"{ns}t"))
        sizes = [int(sz.get(f"{ns}val")) / 2 for sz in p.iter(f"{ns}sz") if sz.get(f"{ns}val")]
        scale = (max(sizes) if sizes else BODY_PT) / BODY_PT
        ind = ppr.find(f"{ns}ind") if ppr is not None else None
        indent = int(ind.get(f"{ns}firstLineChars", "0")) / 100 if ind is not None else 0
        lines += max(1, math.ceil((indent + char_units(text) * scale) / chars_per_line - 1e-6))
    pages += math.ceil(lines / lines_per_page)
    return pages
