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
fields of :class:`~apps.parsing.types.ParseOptions`. The checks of a .docx package's directory and XML
parts are in :mod:`.package_check`, the refusals themselves in :mod:`.refusals`.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import BinaryIO

from .decoding import decode_text
from .docx_reader import CORRUPT_DOCX, ZIP_READ_ERRORS
from .package_check import check_package
from .refusals import EMPTY, MACRO, FileRejected, megabytes, paragraph_too_long, too_much_text
from .types import ParseOptions

ALLOWED_SUFFIXES = (".docx", ".txt", ".doc", ".wps")
MACRO_SUFFIXES = (".docm", ".dotm", ".xlsm", ".xltm", ".pptm", ".potm", ".ppsm", ".xlam", ".ppam")

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
RTF_MAGIC = b"{\\rtf"
ZIP_MAGIC = b"PK\x03\x04"
_ZIP_EMPTY = b"PK\x05\x06"

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


@dataclass(frozen=True)
class Verdict:
    """What the file is: ``kind`` is ``docx``, ``txt``, ``doc`` or ``rtf``; ``detail`` the text encoding;
    ``text`` the decoded text of a ``txt`` (the parser reads it instead of decoding again)."""

    kind: str
    detail: str = ""
    text: str | None = field(default=None, repr=False, compare=False)


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
        raise FileRejected(
            "too_large", f"文件过大，上限为 {megabytes(options.max_bytes)}。请压缩图片或拆分文件后重试。"
        )
    if suffix == ".docx":
        return _check_docx(source, head, options)
    if suffix == ".txt":
        return _check_text(_read_all(source, options.max_bytes), options)
    return _check_legacy(_read_all(source, options.max_bytes), head, suffix)


def _mismatch(suffix: str, what: str | None, expected: str) -> FileRejected:
    found = f"内容是{what}" if what else "内容与之不符"
    return FileRejected("mismatch", f"文件扩展名是 {suffix}，但{found}。请上传{expected}。")


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
            check_package(archive, options)
    except FileRejected:
        raise
    except (*ZIP_READ_ERRORS, UnicodeError):
        raise FileRejected("not_docx", CORRUPT_DOCX) from None
    finally:
        stream.seek(0)
    return Verdict("docx")


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
        raise paragraph_too_long(options)
    if len(text) > options.max_text_chars:
        raise too_much_text(options)
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
