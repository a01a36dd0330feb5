"""Plain data the parser returns. Frozen dataclasses, no Django.

This is the contract between ``apps.parsing`` and the rest of the application
(``apps.reports`` stores it, ``apps.exporting`` rebuilds documents from it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Placeholder kinds. Kept as plain strings so the Django side can map them to
# TextChoices without importing anything from here but the names.
KIND_NUMBER = "number"
KIND_PERCENT = "percent"
KIND_RANK = "rank"
KIND_YEAR = "year"
KIND_DATE = "date"
KIND_NAME = "name"
KIND_TEXT = "text"
KINDS = (KIND_NUMBER, KIND_PERCENT, KIND_RANK, KIND_YEAR, KIND_DATE, KIND_NAME, KIND_TEXT)

# Where a placeholder sits inside a section.
FIELD_HEADING = "heading"
FIELD_BODY = "body"
# Only in the preamble section (index 0): a placeholder inside the title
# ("XX县2018年工作总结"); ``offset`` is then into ``ParseResult.title``.
FIELD_TITLE = "title"


class ParseError(Exception):
    """A draft that cannot be parsed.

    ``code`` is a stable machine code for logs (``empty``, ``not_docx``,
    ``binary``, ``undecodable``, ``too_large``, ``doc_needs_conversion`` ...),
    ``message`` a sentence in Simplified Chinese that can be shown to users.
    """

    def __init__(self, code: str, message: str):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


@dataclass(frozen=True)
class ParseOptions:
    """Options passed in by the caller; the parser reads no settings.

    The caps are those of the screening (:mod:`apps.parsing.screening`), which every parse runs
    first: the upload form and the parse refuse exactly the same files. Their defaults were set
    by measurement (``bench/worst_case.py``, ADR 0031): any file they accept parses and is saved
    within the worker's time limit and 500 MB of memory.
    """

    max_bytes: int = 20 * 1024 * 1024
    # Sum of the declared (uncompressed) sizes of a .docx package's members.
    max_unpacked_bytes: int = 100 * 1024 * 1024
    max_members: int = 1000
    # Declared size / compressed size, checked only for members that expand past ratio_floor:
    # a small member may compress extremely well without being able to hurt anyone.
    max_ratio: int = 200
    ratio_floor: int = 1024 * 1024
    # word/document.xml alone, uncompressed: the XML tree costs ~10× its size in memory.
    max_document_xml_bytes: int = 16 * 1024 * 1024
    max_xml_depth: int = 256
    # One paragraph (or line of text); real ones are far shorter.
    max_paragraph_chars: int = 100_000
    # Characters of running text in the whole draft (~1,600 printed pages of 28 × 22).
    max_text_chars: int = 1_000_000
    # Path to a LibreOffice binary for .doc/.wps conversion, or None.
    soffice_path: str | None = None
    conversion_timeout: float = 60.0


@dataclass(frozen=True)
class Placeholder:
    """A value still to be filled.

    ``raw`` is the text written in the draft (``XX``, ``xx``, ``XXX``, ``××``)
    or ``""`` for an implicit blank (a number simply missing, ``完成亿元``).
    ``offset`` is the position of ``raw`` inside the section's ``heading`` or
    ``body`` (per ``field``); for an implicit blank it is the insertion point.
    ``field == "title"`` occurs only in section 0: the offset is then into
    ``ParseResult.title`` (a placeholder in the title, ``XX县…工作总结``).
    ``indicator`` is an index into ``ParseResult.indicators`` or None.
    """

    raw: str
    kind: str
    unit: str | None
    implicit: bool
    field: str
    offset: int
    label: str
    indicator: int | None = None
    role: str | None = None  # "value", "growth", "rank", "share" ... for indicator columns
    suspicious: bool = False  # e.g. glued to digits: "XX3亿元"
    note: str = ""


@dataclass(frozen=True)
class Section:
    """A heading with the text under it, up to the next heading.

    ``level`` 1..4 for ``一、`` / ``（一）`` / ``1.`` / ``（1）``; level 0 is
    the preamble (text after the title and before the first heading, with the
    salutation), which has an empty number and heading.
    ``number`` is the bare number (``一``, ``1``); ``marker`` the number as
    written (``一、``, ``（一）``, ``(一)``, ``1.``, ``1、``) so the original
    text can be rebuilt exactly; ``heading_end`` the punctuation that closed
    the heading (``。`` or ``""``); ``inline_body`` is True when the body
    followed the heading in the same paragraph (``（一）经济运行稳中趋好。全县…``).
    ``body`` holds the paragraphs under the heading joined with ``\n``.
    """

    level: int
    number: str
    marker: str
    heading: str
    heading_end: str
    inline_body: bool
    body: str
    placeholders: tuple[Placeholder, ...] = ()


@dataclass(frozen=True)
class Indicator:
    """A statistical indicator named in the text (``全县`` + ``生产总值``).

    ``period`` is ``actual`` or ``forecast`` (``预计到年底…``): the same name
    met again in another period is a separate indicator with the same name.
    """

    name: str
    scope: str
    unit: str | None
    period: str = "actual"


@dataclass(frozen=True)
class ParseResult:
    title: str
    sections: tuple[Section, ...]
    indicators: tuple[Indicator, ...] = ()
    boilerplate_removed: tuple[str, ...] = ()
    page_markers_removed: int = 0
    warnings: tuple[str, ...] = ()
    source_format: str = ""  # "txt:utf-8", "txt:gb18030", "docx", ...
    extra: dict = field(default_factory=dict)
