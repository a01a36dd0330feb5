"""Fill-in-place plumbing over the parser's .docx reader: open, map, write back.

The fill-in-place export (:mod:`apps.exporting.fill_in_place`) must find, in
the original ``word/document.xml``, the characters the parser turned into a
placeholder. The parser's reader reports, for each character of each
paragraph, the ``w:t`` element and the offset it came from
(:func:`apps.parsing.docx_reader.read_docx_mapped`); this module keeps the
package's members for the write-back, normalises the body as the parser does
(:func:`body_stream`) and writes new ``w:t`` contents back into the original
bytes without re-serialising anything else.

No Django import: pure lxml over bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from lxml import etree

from apps.parsing.decoding import normalise_text
from apps.parsing.docx_reader import CORRUPT_DOCX, ZIP_READ_ERRORS, read_docx_mapped
from apps.parsing.mapped_text import MappedText, Source
from apps.parsing.types import ParseError, ParseOptions

__all__ = [
    "MappedText",
    "Source",
    "SourceDocument",
    "SourceError",
    "body_stream",
    "open_source",
    "write_package",
    "write_t_contents",
]


class SourceError(Exception):
    """The package cannot be read or written back. ``code`` is stable, ``message`` Chinese."""

    def __init__(self, code: str, message: str):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


@dataclass
class SourceDocument:
    """An opened package: its members, the main part and the mapped paragraphs."""

    members: list[tuple[zipfile.ZipInfo, bytes]]
    main_part: str
    document: bytes
    paragraphs: list[MappedText]
    t_texts: list[str]
    prefixes: tuple[str, ...]


def open_source(data: bytes, options: ParseOptions | None = None) -> SourceDocument:
    """Open a .docx and read its body paragraphs with their sources.

    Args:
        data: the bytes of the uploaded .docx.
        options: size limits, as for the parser.

    Returns:
        A :class:`SourceDocument`. Paragraph texts are exactly those of
        :func:`apps.parsing.docx_reader.read_docx` (before normalisation).

    Raises:
        SourceError: ``not_docx`` when the bytes are not a readable Word
            package (the parser's own message), ``too_large`` beyond the limit.
    """
    options = options or ParseOptions()
    try:
        mapped = read_docx_mapped(data, options)
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if sum(info.file_size for info in zf.infolist()) > options.max_unpacked_bytes:
                raise SourceError("too_large", "文档解压后内容过大，超出系统处理上限。")
            members = [(info, zf.read(info)) for info in zf.infolist()]
    except SourceError:
        raise
    except ParseError as exc:
        raise SourceError(exc.code, exc.message) from None
    except ZIP_READ_ERRORS:
        raise SourceError("not_docx", CORRUPT_DOCX) from None
    return SourceDocument(
        members=members,
        main_part=mapped.main_part,
        document=mapped.document,
        paragraphs=list(mapped.paragraphs),
        t_texts=list(mapped.t_texts),
        prefixes=mapped.prefixes,
    )


# --------------------------------------------------------------------------
# The parser's view: normalised text, one string for the whole body

_NORMALISED: dict[str, str] = {}


def body_stream(paragraphs: list[MappedText]) -> tuple[str, list[Source]]:
    """The body as one string, paragraphs separated by ``\\n``, normalised as the parser does.

    Normalisation is applied per character (a space-like character becomes
    a space, an invisible one disappears), so each remaining character keeps
    its source.

    Returns:
        ``(text, sources)`` with one source per character of ``text``.
    """
    chars: list[str] = []
    sources: list[Source] = []
    for index, paragraph in enumerate(paragraphs):
        if index:
            chars.append("\n")
            sources.append(None)
        for ch, source in zip(paragraph, paragraph.sources, strict=True):
            norm = _NORMALISED.get(ch)
            if norm is None:
                norm = _NORMALISED.setdefault(ch, normalise_text(ch)[:1])
            if norm:
                chars.append(norm)
                sources.append(source)
    return "".join(chars), sources


# --------------------------------------------------------------------------
# Writing back: new w:t contents spliced into the original bytes

_BREAKS = re.compile(r"(\r\n|[\r\n\x0b\t])")
_XML_SPACE_ATTR = re.compile(rb"\sxml:space\s*=")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _unescape_bytes(content: bytes) -> str:
    return etree.fromstring(b"<x>" + content + b"</x>").text or ""


def _t_spans(document: bytes, prefixes: tuple[str, ...]) -> list[tuple[int, int, int, int]]:
    """Byte spans of every ``w:t``: (start tag start, start tag end, content end, element end)."""
    names = b"|".join(re.escape((p + ":" if p else "").encode()) + b"t" for p in prefixes)
    start_tag = re.compile(rb"<(" + names + rb")(?=[\s/>])[^>]*?(/?)>")
    spans = []
    pos = 0
    while True:
        m = start_tag.search(document, pos)
        if m is None:
            return spans
        if m.group(2):  # <w:t/>
            spans.append((m.start(), m.end(), m.end(), m.end()))
            pos = m.end()
            continue
        close = b"</" + m.group(1) + b">"
        end = document.find(close, m.end())
        if end < 0:
            raise SourceError("unsupported", "文档的 XML 结构无法识别。")
        spans.append((m.start(), m.end(), end, end + len(close)))
        pos = end + len(close)


def write_t_contents(source: SourceDocument, contents: dict[int, list[tuple[str, bool]]]) -> bytes:
    """Replace the text of some ``w:t`` elements, leaving every other byte of the part alone.

    Args:
        source: the opened document.
        contents: for a ``w:t`` index, its new text as ``(text, is_value)``
            pieces. Original pieces are written as they are; in value pieces
            line feeds become ``w:br`` and tabs ``w:tab`` inside the same run.

    Returns:
        The new bytes of the main part.

    Raises:
        SourceError: ``unsupported`` when the part's ``w:t`` elements cannot be
            matched to the bytes (comments, CDATA, unusual prefixes).
    """
    if not contents:
        return source.document
    if not source.prefixes:
        raise SourceError("unsupported", "文档的 XML 结构无法识别。")
    document = source.document
    spans = _t_spans(document, source.prefixes)
    if len(spans) != len(source.t_texts):
        raise SourceError("unsupported", "文档的 XML 结构无法识别。")
    out: list[bytes] = []
    pos = 0
    for index in sorted(contents):
        tag_start, tag_end, content_end, element_end = spans[index]
        if _unescape_bytes(document[tag_end:content_end]) != source.t_texts[index]:
            raise SourceError("unsupported", "文档的 XML 结构无法识别。")
        start_tag = document[tag_start:tag_end]
        if start_tag.endswith(b"/>"):
            start_tag = start_tag[:-2].rstrip() + b">"
        name = start_tag[1:].split(None, 1)[0].rstrip(b">")
        out.append(document[pos:tag_start])
        out.append(_fragment(name, start_tag, contents[index]))
        pos = element_end
    out.append(document[pos:])
    return b"".join(out)


def _fragment(name: bytes, start_tag: bytes, pieces: list[tuple[str, bool]]) -> bytes:
    """``<w:t>…</w:t>``, with ``<w:br/>``/``<w:tab/>`` where a value holds a break or a tab."""
    prefix = name[: -len(b"t")]
    items: list[str | bytes] = [""]  # texts (str) and empty elements (bytes), in order
    for text, is_value in pieces:
        text = _clean(text)
        if not is_value:
            items[-1] += text
            continue
        for part in _BREAKS.split(text):
            if part == "\t":
                items.extend([b"<" + prefix + b"tab/>", ""])
            elif part in ("\r\n", "\r", "\n", "\x0b"):
                items.extend([b"<" + prefix + b"br/>", ""])
            else:
                items[-1] += part
    chunks: list[bytes] = []
    for i, item in enumerate(items):
        if isinstance(item, bytes):
            chunks.append(item)
        elif item or i == 0:
            # The original start tag is kept for the first text (its attributes
            # stay); a text with edge spaces needs xml:space="preserve".
            tag = start_tag if i == 0 else b"<" + name + b">"
            if item != item.strip() and not _XML_SPACE_ATTR.search(tag):
                tag = tag[:-1] + b' xml:space="preserve">'
            chunks.append(tag + _escape(item).encode() + b"</" + name + b">")
    return b"".join(chunks)


_INVALID_XML = re.compile("[\x00-\x08\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _clean(text: str) -> str:
    # Characters XML 1.0 cannot carry; vertical tab and CR are breaks, kept.
    return _INVALID_XML.sub("", text)


def write_package(source: SourceDocument, main_part: bytes) -> bytes:
    """The package with its main part replaced; every other member copied as it was.

    Members keep their order, names, dates and compression.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for info, content in source.members:
            # A fresh ZipInfo: the original's extra fields and flags (zip64,
            # data descriptors) describe the old archive, not this one.
            copy = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            copy.compress_type = info.compress_type
            copy.external_attr = info.external_attr
            copy.create_system = info.create_system
            zf.writestr(copy, main_part if info.filename == source.main_part else content)
    return out.getvalue()
