"""Screening of a draft's bytes before the parser reads them. Pure Python: no Django import.

Every entry point runs this one screening: the upload form (for fast feedback), the parse in the
worker, and the ``parse_draft`` / ``import_draft`` commands (through :func:`apps.parsing.parse_draft`,
which screens first). A file is therefore refused at the door or parsed, never accepted and then
failed for its type or encoding. The text decoding is the parser's own (:mod:`.decoding`).

``screen_draft`` decides from the bytes, not from the name, what a file is, and refuses it
unless the content and the extension agree and the content is safe to hand to the parser:

- ``.docx``: a ZIP package holding ``word/document.xml``. The central directory is read
  first (nothing is inflated): too many members, a total declared size over the cap, a
  member whose declared size is far beyond its compressed size (zip bomb), a
  ``word/document.xml`` over its own cap, an encrypted member, an unknown compression
  method, a path that climbs out of the package or a duplicated name are refused. Macros
  (``vbaProject.bin``, a macro-enabled content type) are refused. Then every XML part is
  streamed through expat: a DOCTYPE or an entity declaration (billion laughs, external
  entities) is refused before any entity could be expanded, and ``word/document.xml`` may not
  nest deeper than ``max_xml_depth``, hold a paragraph longer than ``max_paragraph_chars`` nor
  more than ``max_text_chars`` characters of text. Python's ``zipfile`` never yields more than
  a member's declared size, so what is inflated is bounded by the declared total.
- ``.txt``: decoded as the parser decodes it (BOM, strict UTF-8, BOM-less UTF-16, GB18030, a
  guess); markup (an HTML or XML document renamed .txt), lines over ``max_paragraph_chars``
  and more than ``max_text_chars`` characters are refused.
- ``.doc`` / ``.wps``: an OLE compound file (or RTF) without a VBA project.

Every refusal is a :class:`FileRejected` (a :class:`~apps.parsing.types.ParseError`) with a
stable ``code`` for logs and a ``message`` in Simplified Chinese for the user. The caps are the
fields of :class:`~apps.parsing.types.ParseOptions`.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import BinaryIO
from xml.parsers import expat

from .decoding import decode_text
from .docx_reader import CORRUPT_DOCX, ZIP_READ_ERRORS
from .types import ParseError, ParseOptions

ALLOWED_SUFFIXES = (".docx", ".txt", ".doc", ".wps")
MACRO_SUFFIXES = (".docm", ".dotm", ".xlsm", ".xltm", ".pptm", ".potm", ".ppsm", ".xlam", ".ppam")

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
RTF_MAGIC = b"{\\rtf"
ZIP_MAGIC = b"PK\x03\x04"
_ZIP_EMPTY = b"PK\x05\x06"
_CHUNK = 64 * 1024

# What a file really is, by its first bytes, for the "content does not match" message.
_SIGNATURES = (
    (b"%PDF", "PDF 文件"),
    (b"\x7fELF", "可执行程序"),
    (b"\xca\xfe\xba\xbe", "可执行程序"),
    (b"\x89PNG", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"GIF8", "GIF 图片"),
    (b"Rar!", "RAR 压缩包"),
    (b"7z\xbc\xaf\x27\x1c", "7z 压缩包"),
    (b"\x1f\x8b", "gzip 压缩包"),
)
_MARKUP = re.compile(r"^\s*(<!doctype\s|<html[\s>]|<\?xml[\s?]|<svg[\s>]|<script[\s>]|<head[\s>]|<body[\s>])", re.I)

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W_NS_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_W_T = {f"{ns} t" for ns in (_W_NS, _W_NS_STRICT)}
_W_P = {f"{ns} p" for ns in (_W_NS, _W_NS_STRICT)}

MACRO = "文档中含有宏（VBA），可能携带恶意代码，已拒绝。请删除宏并另存为 .docx 后重新上传。"
EMPTY = "上传的文件是空的，请选择包含文稿内容的文件。"


class FileRejected(ParseError):
    """A draft refused by the screening: ``code`` for operators, ``message`` (Chinese) for users."""


@dataclass(frozen=True)
class Verdict:
    """What the file is: ``kind`` is ``docx``, ``txt``, ``doc`` or ``rtf``; ``detail`` the text encoding;
    ``text`` the decoded text of a ``txt`` (the parser reads it instead of decoding again)."""

    kind: str
    detail: str = ""
    text: str | None = field(default=None, repr=False, compare=False)


def _mb(value: int) -> str:
    return f"{value / (1024 * 1024):g} MB"


def _suffix(filename: str) -> str:
    return PurePath(filename or "").suffix.lower()


def check_suffix(filename: str) -> str:
    """Return the lower-case extension of ``filename`` or raise :class:`FileRejected`."""
    suffix = _suffix(filename)
    if suffix in MACRO_SUFFIXES:
        raise FileRejected(
            "macro", f"不接收含宏的文档（{suffix}）：宏可能携带恶意代码。请在 Word/WPS 中另存为 .docx 后重新上传。"
        )
    if suffix not in ALLOWED_SUFFIXES:
        shown = suffix or "无扩展名"
        raise FileRejected("unsupported", f"不支持“{shown}”格式，请上传 .docx 或 .txt 文件。")
    return suffix


def suffix_for_content(head: bytes) -> str:
    """The extension a nameless file gets from its first bytes (the ``parse_draft`` API allows no name)."""
    if head.startswith((ZIP_MAGIC, _ZIP_EMPTY)):
        return ".docx"
    if head.startswith(OLE_MAGIC) or head.lstrip().startswith(RTF_MAGIC):
        return ".doc"
    return ".txt"


def _read_all(source: bytes | BinaryIO, limit: int) -> bytes:
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source)
    source.seek(0)
    data = source.read(limit + 1)
    source.seek(0)
    return data


def _size_of(source: bytes | BinaryIO) -> int:
    if isinstance(source, (bytes, bytearray, memoryview)):
        return len(source)
    position = source.tell()
    source.seek(0, io.SEEK_END)
    size = source.tell()
    source.seek(position)
    return size


def _head(source: bytes | BinaryIO, n: int = 4096) -> bytes:
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source[:n])
    source.seek(0)
    head = source.read(n)
    source.seek(0)
    return head


def _what_it_is(head: bytes) -> str | None:
    if head.startswith((ZIP_MAGIC, _ZIP_EMPTY)):
        return "ZIP 压缩包或 .docx 文档"
    if head.startswith(OLE_MAGIC):
        return "旧版 Office（.doc/.xls）或 WPS 文件"
    if head.lstrip().startswith(RTF_MAGIC):
        return "RTF 文档"
    if head.startswith(b"MZ") and b"\x00" in head:  # "MZ" alone could begin a line of text
        return "Windows 可执行程序"
    for signature, name in _SIGNATURES:
        if head.startswith(signature):
            return name
    return None


def screen_draft(source: bytes | BinaryIO, *, filename: str | None, options: ParseOptions | None = None) -> Verdict:
    """Screen a draft before it is stored or parsed.

    Args:
        source: the content, as bytes or a seekable binary file (left at position 0).
        filename: the name the user gave; only its extension is used. None: the extension is
            taken from the content (:func:`suffix_for_content`).
        options: the caps (fields of :class:`ParseOptions`); defaults when None.

    Returns:
        The :class:`Verdict` (what the file is).

    Raises:
        FileRejected: with codes ``unsupported``, ``macro``, ``empty``, ``too_large``, ``mismatch``,
            ``not_docx``, ``encrypted``, ``zip_bomb``, ``xml_entities``, ``too_complex``,
            ``markup``, ``paragraph_too_long``, ``too_much_text``.
        ParseError: ``binary`` or ``undecodable`` from the text decoding.
    """
    options = options or ParseOptions()
    size = _size_of(source)
    if size == 0:
        raise FileRejected("empty", EMPTY)
    head = _head(source)
    suffix = check_suffix(filename) if filename is not None else suffix_for_content(head)
    if size > options.max_bytes:
        raise FileRejected("too_large", f"文件过大，上限为 {_mb(options.max_bytes)}。请压缩图片或拆分文件后重试。")
    if suffix == ".docx":
        return _check_docx(source, head, options)
    if suffix == ".txt":
        return _check_text(_read_all(source, options.max_bytes), options)
    return _check_legacy(_read_all(source, options.max_bytes), head, suffix)


def _mismatch(suffix: str, what: str | None, expected: str) -> FileRejected:
    found = f"内容是{what}" if what else "内容与之不符"
    return FileRejected("mismatch", f"文件扩展名是 {suffix}，但{found}。请上传{expected}。")


def _too_much_text(options: ParseOptions) -> FileRejected:
    return FileRejected(
        "too_much_text",
        f"文稿超过 {options.max_text_chars:,} 字（约 {options.max_text_chars // 616:,} 页），超出系统一次能处理的篇幅。"
        "请拆分成几个文件分别上传。",
    )


def _paragraph_too_long(options: ParseOptions) -> FileRejected:
    return FileRejected(
        "paragraph_too_long",
        f"文件中有一段超过 {options.max_paragraph_chars:,} 字且没有分段的文字，不像正常的文稿。请分段后重新上传。",
    )


# --- .docx -------------------------------------------------------------------------------


def _check_docx(source: bytes | BinaryIO, head: bytes, options: ParseOptions) -> Verdict:
    if head.startswith(OLE_MAGIC):
        raise FileRejected(
            "encrypted",
            "文件扩展名是 .docx，但内容是加密的 Word 文档或旧版 .doc 文件。请取消密码保护或另存为 .docx 后重新上传。",
        )
    if head.startswith(_ZIP_EMPTY):
        raise FileRejected("not_docx", CORRUPT_DOCX)
    if not head.startswith(ZIP_MAGIC):
        what = _what_it_is(head)
        if what is None and not head.strip(b"\x00 \t\r\n"):
            raise FileRejected("empty", EMPTY)
        raise FileRejected(
            "not_docx",
            f"文件扩展名是 .docx，但{'内容是' + what if what else '内容不是有效的 Word 文档'}。"
            "请在 Word/WPS 中另存为 .docx 后重新上传。",
        )
    stream = io.BytesIO(source) if isinstance(source, (bytes, bytearray, memoryview)) else source
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            infos = archive.infolist()
            _check_directory(infos, options)
            _check_package(archive, infos, options)
    except FileRejected:
        raise
    except (*ZIP_READ_ERRORS, UnicodeError):
        raise FileRejected("not_docx", CORRUPT_DOCX) from None
    finally:
        stream.seek(0)
    return Verdict("docx")


def _check_directory(infos: list[zipfile.ZipInfo], options: ParseOptions) -> None:
    """Refuse on the central directory alone, before anything is inflated."""
    if len(infos) > options.max_members:
        raise FileRejected("zip_bomb", f"文档包含的部件过多（{len(infos)} 个），不像正常的 Word 文档，已拒绝。")
    total = 0
    seen: set[str] = set()
    for info in infos:
        name = info.filename
        folded = name.lower()
        if folded in seen:
            raise FileRejected("not_docx", "文档内部有重复的部件名，可能被篡改，已拒绝。")
        seen.add(folded)
        if name.startswith(("/", "\\")) or "\\" in name or ".." in PurePath(name).parts or "\x00" in name:
            raise FileRejected("not_docx", "文档内部的部件路径异常，可能被篡改，已拒绝。")
        if info.flag_bits & 0x1:
            raise FileRejected("encrypted", "文档的部分内容已加密，无法读取。请取消密码保护后重新上传。")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise FileRejected("not_docx", "文档使用了不支持的压缩方式，请在 Word/WPS 中另存为 .docx 后重新上传。")
        total += info.file_size
        if total > options.max_unpacked_bytes:
            raise FileRejected(
                "zip_bomb", f"文档解压后超过 {_mb(options.max_unpacked_bytes)}，疑似“压缩炸弹”，已拒绝。"
            )
        if folded == "word/document.xml" and info.file_size > options.max_document_xml_bytes:
            raise FileRejected(
                "too_complex",
                f"文档正文部分解压后超过 {_mb(options.max_document_xml_bytes)}，超出系统一次能处理的篇幅。"
                "请拆分成几个文件分别上传。",
            )
        if info.file_size > options.ratio_floor and info.file_size > options.max_ratio * max(info.compress_size, 1):
            raise FileRejected("zip_bomb", "文档中有部件的压缩比异常高，疑似“压缩炸弹”，已拒绝。")


def _check_package(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], options: ParseOptions) -> None:
    names = {info.filename for info in infos}
    lowered = {name.lower() for name in names}
    if any(name.endswith(("vbaproject.bin", "vbadata.xml")) for name in lowered):
        raise FileRejected("macro", MACRO)
    if "word/document.xml" not in names:
        if "content.xml" in lowered:
            raise FileRejected(
                "not_docx", "这是 OpenDocument（.odt）文件，请在 WPS 或 Word 中另存为 .docx 后重新上传。"
            )
        raise FileRejected("not_docx", "文件不是有效的 Word（.docx）文档：缺少正文部分。请检查后重新上传。")
    for info in infos:
        folded = info.filename.lower()
        if not folded.endswith((".xml", ".rels", ".vml")):
            continue
        document = info.filename == "word/document.xml"
        content_types = info.filename == "[Content_Types].xml"
        _scan_xml(archive, info, options, document=document, content_types=content_types)


class _Scan:
    """expat callbacks: refuse DTDs, measure depth, paragraph and text length in document.xml."""

    def __init__(self, options: ParseOptions, *, document: bool, content_types: bool):
        self.options = options
        self.document = document
        self.content_types = content_types
        self.depth = 0
        self.in_text = 0
        self.paragraph = 0
        self.total = 0

    def doctype(self, *_args):
        raise FileRejected(
            "xml_entities", "文档内部含有 DTD/实体声明（可用于攻击服务器），正常的 Word 文档不会包含，已拒绝。"
        )

    def start(self, name, attrs):
        self.depth += 1
        if self.depth > self.options.max_xml_depth:
            raise FileRejected("too_complex", "文档结构嵌套过深（例如表格层层嵌套），无法处理。请简化后重新上传。")
        if name in _W_T:
            self.in_text += 1
        elif name in _W_P:
            self.paragraph = 0
        if self.content_types:
            content_type = attrs.get("ContentType", "").lower()
            if "macroenabled" in content_type or "vbaproject" in content_type:
                raise FileRejected("macro", MACRO)

    def end(self, name):
        self.depth -= 1
        if name in _W_T:
            self.in_text -= 1

    def text(self, data):
        if self.in_text:
            self.paragraph += len(data)
            self.total += len(data)
            if self.paragraph > self.options.max_paragraph_chars:
                raise _paragraph_too_long(self.options)
            if self.total > self.options.max_text_chars:
                raise _too_much_text(self.options)


def _scan_xml(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, options: ParseOptions, *, document: bool, content_types: bool
) -> None:
    scan = _Scan(options, document=document, content_types=content_types)
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    # A DTD is refused at its first byte, before any entity it declares could be used.
    parser.StartDoctypeDeclHandler = scan.doctype
    parser.EntityDeclHandler = scan.doctype
    parser.ExternalEntityRefHandler = lambda *_args: scan.doctype()
    if document or content_types:
        parser.StartElementHandler = scan.start
        parser.EndElementHandler = scan.end
    if document:
        parser.CharacterDataHandler = scan.text
        parser.buffer_text = True
    try:
        with archive.open(info) as member:
            while chunk := member.read(_CHUNK):
                parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError:
        raise FileRejected(
            "not_docx", "Word 文档已损坏（内部 XML 格式错误），无法读取。请在 Word/WPS 中打开后另存为 .docx 再上传。"
        ) from None


# --- .txt --------------------------------------------------------------------------------


def _check_text(data: bytes, options: ParseOptions) -> Verdict:
    what = _what_it_is(data[:4096])
    if what:
        raise _mismatch(".txt", what, " .txt 文本文件，或把 Word 文档的扩展名保持为 .docx")
    if not data.strip(b" \t\r\n\x00"):
        raise FileRejected("empty", EMPTY)
    text, encoding = decode_text(data)  # the parser's decoder: ParseError binary / undecodable
    if _MARKUP.match(text[:2000]):
        raise FileRejected(
            "markup", "文件内容是网页或 XML 代码，而不是文稿正文。请把正文复制到记事本或 Word 中保存后再上传。"
        )
    longest = max((len(line) for line in text.splitlines()), default=0)
    if longest > options.max_paragraph_chars:
        raise _paragraph_too_long(options)
    if len(text) > options.max_text_chars:
        raise _too_much_text(options)
    return Verdict("txt", encoding, text)


# --- .doc / .wps -------------------------------------------------------------------------

_VBA_NAMES = tuple(name.encode("utf-16-le") for name in ("_VBA_PROJECT", "VBA_PROJECT_CUR"))


def _check_legacy(data: bytes, head: bytes, suffix: str) -> Verdict:
    if head.lstrip().startswith(RTF_MAGIC):
        return Verdict("rtf")
    if not head.startswith(OLE_MAGIC):
        raise _mismatch(suffix, _what_it_is(head), f"真正的 {suffix} 文件，或另存为 .docx 后上传")
    if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in data:
        raise FileRejected("encrypted", "文件已加密，无法读取。请取消密码保护后重新上传。")
    if any(name in data for name in _VBA_NAMES):
        raise FileRejected("macro", MACRO)
    return Verdict("doc")
