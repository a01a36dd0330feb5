"""The parse pipeline: bytes → text → clean paragraphs → sections → values."""

from __future__ import annotations

from .blanks import find_implicit
from .cleanup import clean_lines
from .conversion import NEEDS_CONVERSION, convert_to_docx
from .decoding import normalise_text
from .docx_reader import is_zip, read_docx
from .indicators import Annotator
from .placeholders import Found, find_explicit
from .screening import OLE_MAGIC, RTF_MAGIC, Verdict, screen_draft
from .structure import RawSection, build_structure
from .types import (
    FIELD_BODY,
    FIELD_HEADING,
    FIELD_TITLE,
    Indicator,
    ParseError,
    ParseOptions,
    ParseResult,
    Placeholder,
    Section,
)


def _read_paragraphs(
    data: bytes, filename: str | None, options: ParseOptions, verdict: Verdict
) -> tuple[list[str], str]:
    """The paragraphs of a file the screening accepted (it refused PDFs and a .docx that is no package)."""
    name = (filename or "").lower()
    if is_zip(data):
        return [normalise_text(p) for p in read_docx(data, options)], "docx"
    if data.startswith(OLE_MAGIC) or data.lstrip()[:5] == RTF_MAGIC:
        if not options.soffice_path:
            raise ParseError("doc_needs_conversion", NEEDS_CONVERSION)
        suffix = ".rtf" if data.lstrip()[:5] == RTF_MAGIC else (".wps" if name.endswith(".wps") else ".doc")
        converted = convert_to_docx(data, options, suffix)
        return [normalise_text(p) for p in read_docx(converted, options)], "docx:converted" + suffix
    # The screening decoded the text already (the parser's decoder): not twice.
    return normalise_text(verdict.text).split("\n"), f"txt:{verdict.detail}"


def parse(data: bytes, filename: str | None = None, options: ParseOptions | None = None) -> ParseResult:
    """See :func:`apps.parsing.parse_draft`."""
    options = options or ParseOptions()
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise ParseError("invalid", "上传内容无效。")
    data = bytes(data)
    if not data.strip():
        raise ParseError("empty", "上传的文件是空的，请选择包含文稿内容的文件。")
    if len(data) > options.max_bytes:
        mb = options.max_bytes / (1024 * 1024)
        raise ParseError("too_large", f"文件超过 {mb:g} MB 的上限，请精简后重新上传。")

    verdict = screen_draft(data, filename=filename, options=options)
    lines, source_format = _read_paragraphs(data, filename, options, verdict)
    lines = [piece for line in lines for piece in line.split("\n")]
    cleaned = clean_lines(lines)
    if not cleaned.paragraphs:
        raise ParseError("empty", "文档中没有可识别的文字内容，请检查文件后重新上传。")
    structure = build_structure(cleaned.paragraphs)

    annotator = Annotator()
    warnings = list(cleaned.warnings)
    sections: list[Section] = []
    title_found = _field_placeholders(structure.title, annotator, warnings, "标题")
    for index, raw in enumerate(structure.sections):
        body = "\n".join(raw.body)
        where = _where(index, raw)
        heading_found = _field_placeholders(raw.heading, annotator, warnings, where)
        body_found = _field_placeholders(body, annotator, warnings, where)
        placeholders = []
        if index == 0:
            placeholders += [_freeze(p, FIELD_TITLE) for p in title_found]
        placeholders += [_freeze(p, FIELD_HEADING) for p in heading_found]
        placeholders += [_freeze(p, FIELD_BODY) for p in body_found]
        sections.append(
            Section(
                level=raw.level,
                number=raw.number,
                marker=raw.marker,
                heading=raw.heading,
                heading_end=raw.heading_end,
                inline_body=raw.inline_body,
                body=body,
                placeholders=tuple(placeholders),
            )
        )
    for ph in (p for s in sections for p in s.placeholders):
        if ph.suspicious:
            warnings.append(f"{ph.label}：{ph.note}")
    indicators = tuple(Indicator(i.name, i.scope, i.unit, i.period) for i in annotator.indicators)
    # Level-0 sections after the report proper, and what they are.
    trailing = [{"section": k, "kind": raw.kind} for k, raw in enumerate(structure.sections) if raw.kind]
    return ParseResult(
        title=structure.title,
        sections=tuple(sections),
        indicators=indicators,
        boilerplate_removed=tuple(cleaned.boilerplate),
        page_markers_removed=cleaned.page_markers,
        warnings=tuple(warnings),
        source_format=source_format,
        extra={"trailing_sections": trailing} if trailing else {},
    )


def _where(index: int, raw: RawSection) -> str:
    if index == 0:
        return "开头部分"
    if raw.kind:
        return f"“{raw.heading[:20]}”部分" if raw.heading else "文末注释"
    return f"“{raw.marker.strip()}{raw.heading[:20]}”部分"


def _field_placeholders(text: str, annotator: Annotator, warnings: list[str], where: str) -> list[Found]:
    if not text:
        return []
    explicit = find_explicit(text)
    implicit, damaged = find_implicit(text, explicit)
    for passage in damaged:
        warnings.append(f"{where}“{passage}”处疑似缺少数字，但原文已损坏，无法确定缺几个，请人工核对。")
    found = sorted(explicit + implicit, key=lambda p: (p.start, p.end))
    annotator.annotate(text, found)
    return found


def _freeze(p: Found, field: str) -> Placeholder:
    return Placeholder(
        raw=p.raw,
        kind=p.kind,
        unit=p.unit,
        implicit=p.implicit,
        field=field,
        offset=p.start,
        label=p.label,
        indicator=p.indicator,
        role=p.role,
        suspicious=p.suspicious,
        note=p.note,
    )
