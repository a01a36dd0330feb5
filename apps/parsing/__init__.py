"""Draft parser: uploaded bytes (.txt or .docx) to report structure.

Pure Python, no Django: the application passes options in and stores the
frozen dataclasses that come out. Public API::

    result = parse_draft(data, filename="草稿.docx")
    text = assemble_text(result, {(section_index, placeholder_index): "12.5"})
    json_ready = result_to_dict(result)
"""

from __future__ import annotations

from .assemble import assemble_text, assemble_with_spans, result_to_dict
from .parser import parse
from .proposal import BlankProposal, HeadingParts, format_marker, marker_style, propose_blank, read_heading
from .segmenter import warm_up
from .types import (
    FIELD_BODY,
    FIELD_HEADING,
    FIELD_TITLE,
    KIND_DATE,
    KIND_NAME,
    KIND_NUMBER,
    KIND_PERCENT,
    KIND_RANK,
    KIND_TEXT,
    KIND_YEAR,
    KINDS,
    Indicator,
    ParseError,
    ParseOptions,
    ParseResult,
    Placeholder,
    Section,
)


def parse_draft(data: bytes, *, filename: str | None = None, options: ParseOptions | None = None) -> ParseResult:
    """Parse an uploaded draft.

    The format is sniffed from the content: a ZIP package is read as .docx
    (Word's automatic numbering is rendered back into the text), an OLE or
    RTF file needs LibreOffice (``options.soffice_path``), anything else is
    decoded as text (BOM, UTF-8, GB18030, then a guess). Website boilerplate
    and converter page numbers are removed, and the text is split into the
    title, a level-0 preamble (always ``sections[0]``, possibly empty) and
    one section per heading. Every written placeholder and every implicit
    blank is reported with its kind, unit, label and, for statistics, the
    indicator it belongs to.

    Args:
        data: the uploaded file content.
        filename: the uploaded name; only used to tell a broken .docx from
            a text file, never trusted over the content.
        options: limits and the optional LibreOffice path.

    Returns:
        The :class:`ParseResult`.

    Raises:
        ParseError: with a stable ``code`` (``empty``, ``too_large``,
            ``binary``, ``undecodable``, ``not_docx``, ``unsupported``,
            ``doc_needs_conversion``, ``conversion_failed``) and a Chinese
            ``message`` for the user. No other exception escapes for any
            input bytes.
    """
    try:
        return parse(data, filename, options)
    except ParseError:
        raise
    except RecursionError:
        raise ParseError("too_complex", "文档结构过于复杂，无法解析，请简化后重新上传。") from None


__all__ = [
    "FIELD_BODY",
    "FIELD_HEADING",
    "FIELD_TITLE",
    "KINDS",
    "KIND_DATE",
    "KIND_NAME",
    "KIND_NUMBER",
    "KIND_PERCENT",
    "KIND_RANK",
    "KIND_TEXT",
    "KIND_YEAR",
    "BlankProposal",
    "HeadingParts",
    "Indicator",
    "ParseError",
    "ParseOptions",
    "ParseResult",
    "Placeholder",
    "Section",
    "assemble_text",
    "assemble_with_spans",
    "format_marker",
    "marker_style",
    "parse_draft",
    "propose_blank",
    "read_heading",
    "result_to_dict",
    "warm_up",
]
