"""Low-level WordprocessingML helpers for the exporter.

python-docx has no API for the document grid, fields, East Asian font slots or
per-run highlight templates, and its paragraph/run objects are slow when a
report has thousands of runs. These helpers write the XML directly with lxml.

Element order matters: Word rejects ("unreadable content") property elements
out of schema order, so every builder here emits children in the order of the
ECMA-376 sequences (``CT_RPr``, ``CT_PPrBase``, ``CT_SectPr``, ``CT_Style``).
"""

from __future__ import annotations

import re
from copy import deepcopy

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

THEME_FONT_ATTRS = ("asciiTheme", "eastAsiaTheme", "hAnsiTheme", "cstheme")

# Characters XML 1.0 cannot carry (lxml raises ValueError on them). Vertical
# tab is Word's manual line break when text is pasted from Word, so it is
# mapped to a line break rather than dropped.
_INVALID_XML = re.compile("[\x00-\x08\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_BREAKS = re.compile("(\r\n|[\r\n\x0b\t])")


def w(tag: str) -> str:
    """Return the Clark name ``{w-namespace}tag`` of a WordprocessingML tag."""
    return f"{{{W_NS}}}{tag}"


def _el(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    """Append a ``w:`` child with ``w:``-qualified attributes to ``parent``."""
    return etree.SubElement(parent, w(tag), {w(k): v for k, v in attrs.items()})


def clean_text(text: str) -> str:
    """Remove characters that cannot appear in XML 1.0.

    Args:
        text: any user-supplied string.

    Returns:
        ``text`` without C0 control characters other than tab, line feed,
        carriage return and vertical tab, lone surrogates and U+FFFE/U+FFFF.
    """
    return _INVALID_XML.sub("", text)


# --------------------------------------------------------------------------
# Run and paragraph properties


def make_rpr(
    *,
    east_asia: str,
    latin: str,
    size_pt: float,
    bold: bool = False,
    highlight: str | None = None,
) -> etree._Element:
    """Build a ``w:rPr`` to be deep-copied into many runs.

    Args:
        east_asia: font for Chinese characters (``w:eastAsia`` slot).
        latin: font for digits and Latin letters (``w:ascii``/``w:hAnsi``/``w:cs``).
        size_pt: font size in points (half-points are kept).
        bold: emit ``w:b``/``w:bCs``.
        highlight: a ``ST_HighlightColor`` name such as ``"yellow"``, or None.

    Returns:
        A detached ``w:rPr`` element. ``w:hint="eastAsia"`` makes Word use the
        Chinese font for characters shared between scripts (“ ” ‘ ’ — …), as
        Chinese Word does for typed text; colour is forced to black.
    """
    rpr = etree.Element(w("rPr"))
    _el(rpr, "rFonts", ascii=latin, hAnsi=latin, eastAsia=east_asia, cs=latin, hint="eastAsia")
    if bold:
        _el(rpr, "b")
        _el(rpr, "bCs")
    _el(rpr, "color", val="000000")
    half_points = str(round(size_pt * 2))
    _el(rpr, "sz", val=half_points)
    _el(rpr, "szCs", val=half_points)
    if highlight:
        _el(rpr, "highlight", val=highlight)
    _el(rpr, "lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA")
    return rpr


def make_ppr(
    *,
    jc: str | None = None,
    line_twips: int | None = None,
    ind: dict[str, str] | None = None,
    keep_next: bool = False,
    page_break_before: bool = False,
    widow_control: bool | None = None,
    snap_to_grid: bool = True,
    outline_level: int | None = None,
    line_rule: str = "exact",
) -> etree._Element:
    """Build a ``w:pPr`` to be deep-copied into many paragraphs.

    Args:
        jc: justification (``"both"``, ``"center"``, ``"right"``, ``"left"``).
        line_twips: line height in twips (240ths of a line with ``line_rule="auto"``), or None to inherit.
        ind: ``w:ind`` attributes without prefix (``{"firstLineChars": "200"}``).
        keep_next: keep the paragraph on the page of the next one (headings).
        page_break_before: start the paragraph on a new page.
        widow_control: explicit widow/orphan control, or None to inherit.
        snap_to_grid: False for text larger or smaller than the body size, whose
            characters would otherwise be spread over the 28-per-line grid.
        outline_level: 0-based outline level for Word's navigation pane.
        line_rule: ``"exact"``, or ``"auto"`` for a paragraph as tall as its content (a picture).

    Returns:
        A detached ``w:pPr`` element.
    """
    ppr = etree.Element(w("pPr"))
    if keep_next:
        _el(ppr, "keepNext")
    if page_break_before:
        _el(ppr, "pageBreakBefore")
    if widow_control is not None:
        _el(ppr, "widowControl", val="1" if widow_control else "0")
    if not snap_to_grid:
        _el(ppr, "snapToGrid", val="0")
    if line_twips is not None:
        # Exact spacing keeps every line on the 22-a-page pitch whatever the
        # font's own ascent/descent (小标宋 and 黑体 are taller than 仿宋).
        _el(ppr, "spacing", before="0", after="0", line=str(line_twips), lineRule=line_rule)
    if ind:
        _el(ppr, "ind", **ind)
    if jc:
        _el(ppr, "jc", val=jc)
    if outline_level is not None:
        _el(ppr, "outlineLvl", val=str(outline_level))
    return ppr


def new_paragraph(ppr: etree._Element | None) -> etree._Element:
    """Return a detached ``w:p`` carrying a copy of ``ppr``."""
    p = etree.Element(w("p"))
    if ppr is not None:
        p.append(deepcopy(ppr))
    return p


def append_run(p: etree._Element, rpr: etree._Element, text: str) -> etree._Element:
    """Append a run with a copy of ``rpr`` and ``text`` to paragraph ``p``.

    Line feeds (and CR, CRLF, vertical tab) become ``w:br``, tabs ``w:tab``,
    as Word would not honour them inside ``w:t``. Characters XML cannot carry
    are dropped; ``<``, ``&`` and quotes are escaped by lxml.

    Args:
        p: the ``w:p`` (or any run container) to append to.
        rpr: a template from :func:`make_rpr`; it is copied, not moved.
        text: plain text.

    Returns:
        The new ``w:r`` element.
    """
    r = etree.SubElement(p, w("r"))
    r.append(deepcopy(rpr))
    text = clean_text(text)
    if "\n" in text or "\r" in text or "\t" in text or "\x0b" in text:
        for piece in _BREAKS.split(text):
            if not piece:
                continue
            if piece == "\t":
                etree.SubElement(r, w("tab"))
            elif piece in ("\r\n", "\r", "\n", "\x0b"):
                etree.SubElement(r, w("br"))
            else:
                _append_t(r, piece)
    elif text:
        _append_t(r, text)
    return r


def _append_t(r: etree._Element, text: str) -> None:
    t = etree.SubElement(r, w("t"))
    t.text = text
    # Without xml:space="preserve" Word strips leading/trailing spaces.
    if text[0].isspace() or text[-1].isspace():
        t.set(XML_SPACE, "preserve")


def append_page_field(p: etree._Element, rpr: etree._Element) -> None:
    """Append a ``PAGE`` field (begin / instrText / separate / result / end).

    The cached result ``1`` is what viewers that do not update fields show;
    Word and WPS recompute it on every page.
    """
    # Every run of the field carries rPr: the displayed result takes the
    # formatting of the field runs, and the dashes around it must match.
    for kind, value in (
        ("fldChar", "begin"),
        ("instrText", " PAGE "),
        ("fldChar", "separate"),
        ("t", "1"),
        ("fldChar", "end"),
    ):
        r = etree.SubElement(p, w("r"))
        r.append(deepcopy(rpr))
        child = etree.SubElement(r, w(kind))
        if kind == "fldChar":
            child.set(w("fldCharType"), value)
        else:
            child.text = value
            if kind == "instrText":
                child.set(XML_SPACE, "preserve")


# --------------------------------------------------------------------------
# Package-level parts


def strip_theme_fonts(root: etree._Element) -> None:
    """Remove theme font attributes from every ``w:rFonts`` under ``root``.

    Theme attributes win over explicit font names in Word, so a leftover
    ``w:eastAsiaTheme`` would silently replace 仿宋 by the theme's font.
    ``w:rFonts`` elements left without attributes are removed.
    """
    for rfonts in list(root.iter(w("rFonts"))):
        for name in THEME_FONT_ATTRS:
            rfonts.attrib.pop(w(name), None)
        if not rfonts.attrib:
            rfonts.getparent().remove(rfonts)


def set_style_properties(style: etree._Element, ppr: etree._Element | None, rpr: etree._Element) -> None:
    """Replace the ``w:pPr``/``w:rPr`` of a ``w:style`` element.

    Both are the last children of ``CT_Style`` before table properties, which
    the paragraph styles we touch do not have, so they are appended.
    """
    for tag in ("pPr", "rPr"):
        old = style.find(w(tag))
        if old is not None:
            style.remove(old)
    if ppr is not None:
        style.append(ppr)
    style.append(rpr)


def set_theme_font_lang(settings: etree._Element) -> None:
    """Make ``w:themeFontLang`` East Asian language zh-CN (template says ja-JP)."""
    lang = settings.find(w("themeFontLang"))
    if lang is not None:
        lang.set(w("eastAsia"), "zh-CN")
