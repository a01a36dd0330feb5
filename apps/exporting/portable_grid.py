"""The page grid every office suite lays out alike: a line grid plus character spacing (docs/adr/0051).

GB/T 9704 wants 22 lines of 28 characters. Word's ``linesAndChars`` document
grid gives that in Word and WPS, but LibreOffice 7.4 gives each 16 pt
character two cells of the 15.8 pt character grid (14–17 characters a line).
What all three honour alike:

* ``w:docGrid w:type="lines"`` with ``w:linePitch`` for 22 lines (and an exact
  line spacing of the same pitch on the paragraphs, which the builders write);
* a negative character spacing (``w:spacing`` in the run properties,
  ECMA-376 17.3.2.35) that makes ``chars_per_line`` body characters fit the
  type area: (type width / 28 − font size), rounded down to a twentieth of a
  point, −0.25 pt for 16 pt on 156 mm.

:func:`char_spacing_twips` is the arithmetic, :func:`set_portable_grid` writes
a section's grid, :func:`make_portable` rewrites a finished .docx (the
fill-in-place export, whose grid is the uploader's). Pure: lxml and zipfile only.
"""

from __future__ import annotations

import io
import math
import zipfile

from lxml import etree

from apps.exporting.docx_xml import w

GRID_TYPE = "lines"
CHARS_PER_LINE = 28

# CT_RPr children that come after w:spacing (ECMA-376 17.3.2.28 order).
_AFTER_SPACING = frozenset(
    w(name)
    for name in (
        "w",
        "kern",
        "position",
        "sz",
        "szCs",
        "highlight",
        "u",
        "effect",
        "bdr",
        "shd",
        "fitText",
        "vertAlign",
        "rtl",
        "cs",
        "em",
        "lang",
        "eastAsianLayout",
        "specVanish",
        "oMath",
    )
)
# CT_SectPr children after w:docGrid.
_AFTER_DOC_GRID = frozenset(w(name) for name in ("printerSettings", "sectPrChange"))


def char_spacing_twips(type_width_twips: int, font_pt: float, chars_per_line: int = CHARS_PER_LINE) -> int:
    """The ``w:spacing`` (twentieths of a point) that fits ``chars_per_line`` characters of ``font_pt``.

    Rounded towards narrower, so that the last character still fits:
    8845 twips (156 mm), 16 pt, 28 a line → −5 (−0.25 pt; 28 × 15.75 pt = 441 pt ≤ 442.25 pt).
    """
    pitch_twips = type_width_twips / chars_per_line
    return math.floor(pitch_twips - font_pt * 20)


def set_portable_grid(sect_pr: etree._Element, *, line_pitch: int) -> None:
    """Give a ``w:sectPr`` a ``lines`` grid of ``line_pitch`` twips (no character grid, no ``charSpace``)."""
    old = sect_pr.find(w("docGrid"))
    if old is not None:
        sect_pr.remove(old)
    grid = etree.Element(w("docGrid"))
    grid.set(w("type"), GRID_TYPE)
    grid.set(w("linePitch"), str(line_pitch))
    for index, child in enumerate(sect_pr):
        if child.tag in _AFTER_DOC_GRID:
            sect_pr.insert(index, grid)
            return
    sect_pr.append(grid)


def set_char_spacing(rpr: etree._Element, twips: int) -> None:
    """Set ``w:spacing w:val`` on a ``w:rPr``, in schema order."""
    old = rpr.find(w("spacing"))
    if old is not None:
        rpr.remove(old)
    spacing = etree.Element(w("spacing"))
    spacing.set(w("val"), str(twips))
    for index, child in enumerate(rpr):
        if child.tag in _AFTER_SPACING:
            rpr.insert(index, spacing)
            return
    rpr.append(spacing)


def _int(element: etree._Element | None, name: str, default: int = 0) -> int:
    if element is None:
        return default
    try:
        return int(float(element.get(w(name), default)))
    except ValueError:
        return default


def _normal_font_pt(styles: etree._Element | None) -> float:
    """The Normal style's font size (else the document default, else Word's 10.5 pt)."""
    if styles is None:
        return 10.5
    half_points = None
    default_sz = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('sz')}")
    if default_sz is not None:
        half_points = _int(default_sz, "val") or None
    for style in styles.iter(w("style")):
        if style.get(w("type")) == "paragraph" and style.get(w("default")) in ("1", "true", "on"):
            sz = style.find(f"{w('rPr')}/{w('sz')}")
            if sz is not None and _int(sz, "val"):
                half_points = _int(sz, "val")
    return (half_points or 21) / 2


def _grid_chars_per_line(sect_pr: etree._Element, grid: etree._Element, font_pt: float) -> tuple[int, int]:
    """(type width in twips, characters a line) of a section with a character grid."""
    page = sect_pr.find(w("pgSz"))
    margins = sect_pr.find(w("pgMar"))
    width = _int(page, "w", 11906) - _int(margins, "left", 1800) - _int(margins, "right", 1800)
    # ECMA-376 17.6.5: the character pitch is the Normal size plus charSpace/4096 pt.
    pitch_twips = (font_pt + _int(grid, "charSpace") / 4096) * 20
    # Word rounds charSpace to 1/4096 pt: 28.0 a line may come out as 27.9999.
    chars = math.floor(width / pitch_twips + 0.01) if pitch_twips > 0 else 0
    return width, chars


def make_portable(data: bytes) -> bytes:
    """Rewrite the character grid of a .docx into a line grid plus character spacing.

    Each section whose ``w:docGrid`` is ``linesAndChars`` or ``snapToChars``
    gets a ``lines`` grid with the same ``linePitch``; the characters a line
    the grid gave (type width / (Normal size + charSpace)) are kept by a
    character spacing on the document defaults' run properties (the narrowest
    of the sections'), which runs inherit unless they set their own. A
    document without a character grid is returned unchanged (same bytes).

    Args:
        data: the bytes of a .docx.

    Returns:
        The bytes of the rewritten .docx; other parts are copied unchanged.
    """
    src = zipfile.ZipFile(io.BytesIO(data))
    names = set(src.namelist())
    document = etree.fromstring(src.read("word/document.xml"))
    styles = etree.fromstring(src.read("word/styles.xml")) if "word/styles.xml" in names else None
    font_pt = _normal_font_pt(styles)
    spacing = None
    for sect_pr in document.iter(w("sectPr")):
        grid = sect_pr.find(w("docGrid"))
        if grid is None or grid.get(w("type")) not in ("linesAndChars", "snapToChars"):
            continue
        width, chars = _grid_chars_per_line(sect_pr, grid, font_pt)
        if chars > 0:
            wanted = char_spacing_twips(width, font_pt, chars)
            spacing = wanted if spacing is None else min(spacing, wanted)
        set_portable_grid(sect_pr, line_pitch=_int(grid, "linePitch", 312))
    if spacing is None:
        return data
    replaced = {"word/document.xml": _xml(document)}
    if styles is not None and spacing:
        defaults = styles.find(w("docDefaults"))
        if defaults is None:
            defaults = etree.Element(w("docDefaults"))
            styles.insert(0, defaults)
        holder = defaults.find(w("rPrDefault"))
        if holder is None:
            holder = etree.Element(w("rPrDefault"))
            defaults.insert(0, holder)
        rpr = holder.find(w("rPr"))
        if rpr is None:
            rpr = etree.SubElement(holder, w("rPr"))
        set_char_spacing(rpr, spacing)
        replaced["word/styles.xml"] = _xml(styles)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, replaced.get(info.filename, src.read(info)))
    return out.getvalue()


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
