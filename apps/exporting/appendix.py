"""The appendix pages that end a draft export (:class:`~apps.exporting.types.ExportAppendix`): a heading in
the document's level-1 heading style, a PNG picture within the type area, a one-line caption under it and a
table of the picture's words and numbers, readable as text in print.

Pure python-docx/lxml, like :mod:`apps.exporting.builders`, which calls :func:`appendix_elements`.
"""

from __future__ import annotations

from collections.abc import Iterator
from io import BytesIO

from docx.parts.story import StoryPart
from docx.shared import Mm
from lxml import etree

from apps.exporting import docx_xml as x
from apps.exporting import page_setup, portable_grid
from apps.exporting.types import ExportAppendix, FontProfile

TABLE_PT = 14  # 四号: a table's text, smaller than the body's 三号
CAPTION_PT = 12
_BORDERS = ("top", "left", "bottom", "right", "insideH", "insideV")


def type_width_mm() -> float:
    return page_setup.type_width_twips() * 25.4 / 1440


def appendix_elements(
    appendices: tuple[ExportAppendix, ...],
    *,
    part: StoryPart,
    profile: FontProfile,
    heading_ppr: etree._Element,
    heading_rpr: etree._Element,
) -> Iterator[etree._Element]:
    """The body elements of ``appendices``, each starting a page.

    Args:
        appendices: what to add.
        part: the document part the pictures are added to (``doc.part``).
        profile: fonts.
        heading_ppr, heading_rpr: the document's level-1 heading formatting, with a page break before.
    """
    for appendix in appendices:
        p = x.new_paragraph(heading_ppr)
        x.append_run(p, heading_rpr, appendix.title)
        yield p
        if appendix.png:
            yield _picture_paragraph(appendix, part)
        if appendix.caption:
            p = x.new_paragraph(x.make_ppr(jc="center", line_twips=round(CAPTION_PT * 30), snap_to_grid=False))
            x.append_run(p, _rpr(profile.body, profile, CAPTION_PT), appendix.caption)
            yield p
        if appendix.rows:
            yield x.new_paragraph(x.make_ppr(line_twips=round(CAPTION_PT * 20), snap_to_grid=False))  # a gap
            yield _table(appendix.rows, profile)
            # A body ends with a paragraph; one after the table also keeps two appendices' tables apart.
            yield x.new_paragraph(x.make_ppr(line_twips=round(CAPTION_PT * 20), snap_to_grid=False))


def _rpr(east_asia: str, profile: FontProfile, size_pt: float) -> etree._Element:
    rpr = x.make_rpr(east_asia=east_asia, latin=profile.latin, size_pt=size_pt)
    # The Normal style spaces characters for 28 三号 characters a line; smaller text must not inherit it.
    portable_grid.set_char_spacing(rpr, 0)
    return rpr


def _picture_paragraph(appendix: ExportAppendix, part: StoryPart) -> etree._Element:
    # Line spacing "auto": an exact line height (the Normal style's) would crop the picture to one line.
    p = x.new_paragraph(x.make_ppr(jc="center", keep_next=True, line_twips=240, line_rule="auto", snap_to_grid=False))
    width = Mm(min(max(appendix.width_mm, 10), type_width_mm()))
    inline = part.new_pic_inline(BytesIO(appendix.png), width, None)  # the height follows the picture's ratio
    r = etree.SubElement(p, x.w("r"))
    etree.SubElement(r, x.w("drawing")).append(inline)
    return p


def _column_widths(columns: int) -> list[int]:
    """The first column (the names) takes what the others (numbers, 1620 twips each) leave of the type area."""
    total = page_setup.type_width_twips()
    if columns == 1:
        return [total]
    other = min(1620, total // columns)
    return [total - other * (columns - 1)] + [other] * (columns - 1)


def _table(rows: tuple[tuple[str, ...], ...], profile: FontProfile) -> etree._Element:
    columns = max(len(row) for row in rows)
    widths = _column_widths(columns)
    tbl = etree.Element(x.w("tbl"))
    tbl_pr = etree.SubElement(tbl, x.w("tblPr"))
    etree.SubElement(tbl_pr, x.w("tblW"), {x.w("w"): str(sum(widths)), x.w("type"): "dxa"})
    etree.SubElement(tbl_pr, x.w("jc"), {x.w("val"): "center"})
    borders = etree.SubElement(tbl_pr, x.w("tblBorders"))
    for side in _BORDERS:
        attrs = {"val": "single", "sz": "4", "space": "0", "color": "000000"}
        etree.SubElement(borders, x.w(side), {x.w(k): v for k, v in attrs.items()})
    etree.SubElement(tbl_pr, x.w("tblLayout"), {x.w("type"): "fixed"})
    grid = etree.SubElement(tbl, x.w("tblGrid"))
    for width in widths:
        etree.SubElement(grid, x.w("gridCol"), {x.w("w"): str(width)})
    header_rpr = _rpr(profile.level1, profile, TABLE_PT)
    cell_rpr = _rpr(profile.body, profile, TABLE_PT)
    line = round(TABLE_PT * 20 * 1.4)
    left = x.make_ppr(jc="left", line_twips=line, snap_to_grid=False)
    centred = x.make_ppr(jc="center", line_twips=line, snap_to_grid=False)
    for index, row in enumerate(rows):
        tr = etree.SubElement(tbl, x.w("tr"))
        tr_pr = etree.SubElement(tr, x.w("trPr"))
        etree.SubElement(tr_pr, x.w("cantSplit"))
        if index == 0:
            etree.SubElement(tr_pr, x.w("tblHeader"))  # repeated on every page the table runs over
        for column, width in enumerate(widths):
            tc = etree.SubElement(tr, x.w("tc"))
            tc_pr = etree.SubElement(tc, x.w("tcPr"))
            etree.SubElement(tc_pr, x.w("tcW"), {x.w("w"): str(width), x.w("type"): "dxa"})
            etree.SubElement(tc_pr, x.w("vAlign"), {x.w("val"): "center"})
            p = x.new_paragraph(left if column == 0 and index else centred)
            text = row[column] if column < len(row) else ""
            x.append_run(p, header_rpr if index == 0 else cell_rpr, text)
            tc.append(p)
    return tbl
