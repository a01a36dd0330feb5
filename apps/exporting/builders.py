"""Build a report as a Word document laid out per GB/T 9704-2012.

Pure python-docx/lxml over plain data: no Django import, no settings read. The
Django side (``apps.exporting.services``) turns a report into an
:class:`ExportDocument` and calls :func:`build_docx`.

Layout (see ``docs/gbt9704.md``; the data types are in ``apps.exporting.types``): A4, margins 37/35/28/26 mm, a 22 x 28
document grid with exact 28.95 pt lines, 二号 title in balanced lines, 三号
body indented two characters, heading fonts per level, digits and Latin in
Times New Roman, page numbers ``— 1 —`` on separate odd/even footers, and a
signature block. A draft adds a 草稿 header, highlights unfilled placeholders
and lists them on a last page; appendices (a picture and its table,
``apps.exporting.appendix``) end the document.

Speed matters (a 200-page report must build in well under two seconds), so
paragraphs and runs are written as lxml elements copied from property
templates built once per document, not through python-docx's object API.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from io import BytesIO

from docx import Document
from lxml import etree

from apps.exporting import docx_xml as x
from apps.exporting import page_setup
from apps.exporting.appendix import appendix_elements
from apps.exporting.text_layout import balance_title, format_date, signature_indents
from apps.exporting.types import ExportAppendix, ExportDocument, ExportSection, FontProfile, Segment

# Shown for a placeholder that has no raw text in the draft (an implicit blank).
EMPTY_MARKER = "＿＿"
DRAFT_HEADER = "草稿"
TODO_TITLE = "待填写项"

_HEADING_LEVELS = (1, 2, 3, 4)


DEFAULT_PROFILE = FontProfile()


def build_docx(document: ExportDocument, profile: FontProfile = DEFAULT_PROFILE) -> bytes:
    """Render ``document`` as a .docx laid out per GB/T 9704-2012.

    Filled placeholder values are plain text in the formatting of their
    context. An empty placeholder shows its raw text (or :data:`EMPTY_MARKER`
    for an implicit blank): highlighted yellow in a draft, unhighlighted in a
    final document (callers are expected to refuse final exports with empty
    placeholders). ``empty_labels`` are listed on a last page only in a draft;
    ``appendices`` follow, each on a page of its own.
    Characters XML cannot carry are dropped; line feeds become line breaks.

    Args:
        document: the report's plain data.
        profile: fonts and sizes; GB/T 9704 defaults.

    Returns:
        The bytes of a .docx file.

    Raises:
        ValueError: a section level outside 0..4.
    """
    for section in document.sections:
        if section.level not in (0, *_HEADING_LEVELS):
            raise ValueError(f"section level must be 0..4, got {section.level!r}")

    doc = Document()
    page_setup.prepare_package(doc, profile, title=document.title, author=document.signer)
    formats = _Formats(profile, draft=document.draft)

    body = doc.element.body
    sect_pr = body.find(x.w("sectPr"))
    # The section properties must stay the body's last child.
    body.remove(sect_pr)
    body.extend(_body_paragraphs(document, formats))
    # After the body: a picture is added to the document part, which numbers it among what is there.
    body.extend(
        appendix_elements(
            document.appendices,
            part=doc.part,
            profile=profile,
            heading_ppr=formats.appendix_heading,
            heading_rpr=formats.rpr("level1"),
        )
    )
    body.append(sect_pr)

    page_setup.setup_page(doc, profile)
    page_setup.write_footers(doc, profile)
    if document.draft:
        page_setup.write_headers(doc, DRAFT_HEADER, formats.rpr("level1"))

    out = BytesIO()
    doc.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------
# Formatting templates


class _Formats:
    """Paragraph and run property templates, built once per document."""

    def __init__(self, profile: FontProfile, *, draft: bool):
        self.profile = profile
        self.draft = draft
        self.char_twips = round(profile.body_pt * 20)  # one 字 of body text
        pitch = profile.line_pitch_twips
        self._rpr: dict[tuple[str, bool], etree._Element] = {}
        indent = {"firstLineChars": "200", "firstLine": str(2 * self.char_twips)}
        self.body = x.make_ppr(ind=indent)
        self.heading = {
            (level, keep): x.make_ppr(ind=indent, keep_next=keep, outline_level=level - 1)
            for level in _HEADING_LEVELS
            for keep in (False, True)
        }
        self.appendix_heading = x.make_ppr(ind=indent, keep_next=True, page_break_before=True, outline_level=0)
        # Title text is larger than the grid's character pitch: off the grid,
        # or Word spreads each character over two cells.
        self.title = x.make_ppr(jc="center", line_twips=pitch, snap_to_grid=False)
        self.page_break_title = x.make_ppr(jc="center", line_twips=pitch, snap_to_grid=False, page_break_before=True)

    def rpr(self, role: str, highlighted: bool = False) -> etree._Element:
        """Run properties for ``role`` (title, body, level1..level4), cached."""
        key = (role, highlighted)
        if key not in self._rpr:
            p = self.profile
            highlight = "yellow" if highlighted else None
            if role == "title":
                rpr = x.make_rpr(east_asia=p.title, latin=p.latin, size_pt=p.title_pt, highlight=highlight)
            elif role == "body":
                rpr = x.make_rpr(east_asia=p.body, latin=p.latin, size_pt=p.body_pt, highlight=highlight)
            else:
                level = int(role.removeprefix("level"))
                rpr = x.make_rpr(
                    east_asia=getattr(p, role),
                    latin=p.latin,
                    size_pt=p.body_pt,
                    bold=level in p.bold_levels,
                    highlight=highlight,
                )
            self._rpr[key] = rpr
        return self._rpr[key]

    def right_indented(self, chars: float) -> etree._Element:
        """A right-aligned paragraph indented ``chars`` 字 from the right."""
        return x.make_ppr(
            jc="right",
            ind={"rightChars": str(round(chars * 100)), "right": str(round(chars * self.char_twips))},
        )


# --------------------------------------------------------------------------
# Body


def _body_paragraphs(document: ExportDocument, f: _Formats) -> Iterator[etree._Element]:
    if document.title.strip():
        yield _title_paragraph(document.title, f)
        yield x.new_paragraph(None)  # GB/T 9704: one blank line under the title
    for section in document.sections:
        yield from _section_paragraphs(section, f)
    yield from _signature_paragraphs(document, f)
    if document.draft and document.empty_labels:
        yield from _todo_page(document.empty_labels, f)


def _title_paragraph(title: str, f: _Formats) -> etree._Element:
    p = x.new_paragraph(f.title)
    max_chars = page_setup.type_width_twips() / (f.profile.title_pt * 20)
    # One run with line feeds: append_run turns them into w:br.
    x.append_run(p, f.rpr("title"), "\n".join(balance_title(x.clean_text(title), max_chars)))
    return p


def _section_paragraphs(section: ExportSection, f: _Formats) -> Iterator[etree._Element]:
    paragraphs = section.paragraphs
    if section.level == 0:
        if section.heading:
            # A preamble has no heading; keep any text that came as one.
            paragraphs = (section.heading, *paragraphs)
    else:
        inline = section.inline_body and bool(paragraphs)
        p = x.new_paragraph(f.heading[(section.level, not inline)])
        role = f"level{section.level}"
        pieces = [(section.marker, False), *_pieces(section.heading, f.draft), (section.heading_end, False)]
        _append_pieces(p, pieces, f, role)
        if inline:
            _append_pieces(p, _pieces(paragraphs[0], f.draft), f, "body")
            paragraphs = paragraphs[1:]
        yield p
    for segments in paragraphs:
        p = x.new_paragraph(f.body)
        _append_pieces(p, _pieces(segments, f.draft), f, "body")
        yield p


def _pieces(segments: Iterable[Segment], draft: bool) -> Iterator[tuple[str, bool]]:
    """``(text, highlighted)`` per segment; only a draft highlights empty ones."""
    for segment in segments:
        if segment.empty:
            yield segment.text or EMPTY_MARKER, draft
        else:
            yield segment.text, False


def _append_pieces(p: etree._Element, pieces: Iterable[tuple[str, bool]], f: _Formats, role: str) -> None:
    # A filled value takes the formatting of its context, so consecutive pieces
    # with the same highlight share one run: fewer runs, faster and cleaner XML.
    buffer: list[str] = []
    current = False
    for text, highlighted in pieces:
        if not text:
            continue
        if buffer and highlighted != current:
            x.append_run(p, f.rpr(role, current), "".join(buffer))
            buffer = []
        buffer.append(text)
        current = highlighted
    if buffer:
        x.append_run(p, f.rpr(role, current), "".join(buffer))


def _signature_paragraphs(document: ExportDocument, f: _Formats) -> Iterator[etree._Element]:
    signer = x.clean_text(document.signer.strip())
    date_text = format_date(document.date) if document.date else ""
    if not signer and not date_text:
        return
    signer_indent, date_indent = signature_indents(signer, date_text)
    yield x.new_paragraph(None)  # one blank line after the body
    for text, indent in ((signer, signer_indent), (date_text, date_indent)):
        if text:
            p = x.new_paragraph(f.right_indented(indent))
            x.append_run(p, f.rpr("body"), text)
            yield p


def _todo_page(labels: tuple[str, ...], f: _Formats) -> Iterator[etree._Element]:
    p = x.new_paragraph(f.page_break_title)
    x.append_run(p, f.rpr("title"), TODO_TITLE)
    yield p
    yield x.new_paragraph(None)
    for number, label in enumerate(labels, start=1):
        p = x.new_paragraph(f.body)
        x.append_run(p, f.rpr("body"), f"{number}. {label}")
        yield p


__all__ = [
    "EMPTY_MARKER",
    "ExportAppendix",
    "ExportDocument",
    "ExportSection",
    "FontProfile",
    "Segment",
    "build_docx",
]
