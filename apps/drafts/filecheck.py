"""Screening of uploaded drafts before any parser sees them. Pure Python: no Django import.

``check_draft`` decides from the bytes, not from the name, what a file is, and refuses it
unless the content and the extension agree and the content is safe to hand to the parser:

- ``.docx``: a ZIP package holding ``word/document.xml``. The central directory is read
  first (nothing is inflated): too many members, a total declared size over the cap, a
  member whose declared size is far beyond its compressed size (zip bomb), an encrypted
  member, an unknown compression method, a path that climbs out of the package or a
  duplicated name are refused. Macros (``vbaProject.bin``, a macro-enabled content type)
  are refused. Then every XML part is streamed through expat: a DOCTYPE or an entity
  declaration (billion laughs, external entities) is refused before any entity could be
  expanded, and ``word/document.xml`` may not nest deeper than ``max_xml_depth`` nor hold a
  paragraph longer than ``max_paragraph_chars``. Python's ``zipfile`` never yields more than
  a member's declared size, so what is inflated is bounded by the declared total.
- ``.txt``: text by its BOM, strict UTF-8, BOM-less UTF-16 or strict GB18030; markup (an
  HTML or XML document renamed .txt) and lines over ``max_paragraph_chars`` are refused.
- ``.doc`` / ``.wps``: an OLE compound file (or RTF) without a VBA project.

Every refusal is a :class:`FileRejected` with a stable ``code`` for logs and a ``message``
in Simplified Chinese for the user.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import BinaryIO
from xml.parsers import expat

from apps.parsing.docx_reader import ZIP_READ_ERRORS

ALLOWED_SUFFIXES = (".docx", ".txt", ".doc", ".wps")
MACRO_SUFFIXES = (".docm", ".dotm", ".xlsm", ".xltm", ".pptm", ".potm", ".ppsm", ".xlam", ".ppam")

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_RTF = b"{\\rtf"
_ZIP = b"PK\x03\x04"
_ZIP_EMPTY = b"PK\x05\x06"
_CHUNK = 64 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

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

# Characters of a Chinese report, to choose between UTF-16 byte orders.
_PLAUSIBLE = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u0020-\u007e\n\r\t]")
# C0/C1 control characters other than tab and line breaks.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W_NS_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_W_T = {f"{ns} t" for ns in (_W_NS, _W_NS_STRICT)}
_W_P = {f"{ns} p" for ns in (_W_NS, _W_NS_STRICT)}


class FileRejected(Exception):
    """An upload refused before parsing: ``code`` for operators, ``message`` (Chinese) for users."""

    def __init__(self, code: str, message: str):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Limits:
    """Caps applied by :func:`check_draft`; the defaults suit county reports with some tables and images."""

    max_bytes: int = 20 * 1024 * 1024
    max_members: int = 1000
    max_total_uncompressed: int = 100 * 1024 * 1024
    # Declared size / compressed size, checked only for members that expand past ratio_floor:
    # a small member may compress extremely well without being able to hurt anyone.
    max_ratio: int = 200
    ratio_floor: int = 1024 * 1024
    max_xml_depth: int = 256
    # The parser's placeholder search is slow on one enormous paragraph; real ones are far shorter.
    max_paragraph_chars: int = 100_000


@dataclass(frozen=True)
class Verdict:
    """What the file is: ``kind`` is ``docx``, ``txt``, ``doc`` or ``rtf``; ``detail`` the text encoding."""

    kind: str
    detail: str = ""


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
    if head.startswith((_ZIP, _ZIP_EMPTY)):
        return "ZIP 压缩包或 .docx 文档"
    if head.startswith(_OLE):
        return "旧版 Office（.doc/.xls）或 WPS 文件"
    if head.lstrip().startswith(_RTF):
        return "RTF 文档"
    if head.startswith(b"MZ") and b"\x00" in head:  # "MZ" alone could begin a line of text
        return "Windows 可执行程序"
    for signature, name in _SIGNATURES:
        if head.startswith(signature):
            return name
    return None


def check_draft(source: bytes | BinaryIO, *, filename: str, limits: Limits | None = None) -> Verdict:
    """Screen an uploaded draft.

    Args:
        source: the content, as bytes or a seekable binary file (left at position 0).
        filename: the name the user gave; only its extension is used.
        limits: the caps; :class:`Limits` defaults when None.

    Returns:
        The :class:`Verdict` (what the file is).

    Raises:
        FileRejected: with codes ``unsupported``, ``macro``, ``empty``, ``too_large``, ``mismatch``,
            ``not_docx``, ``encrypted``, ``zip_bomb``, ``xml_entities``, ``too_complex``,
            ``binary``, ``undecodable``, ``markup``, ``paragraph_too_long``.
    """
    limits = limits or Limits()
    suffix = check_suffix(filename)
    size = _size_of(source)
    if size == 0:
        raise FileRejected("empty", "上传的文件是空的，请选择包含文稿内容的文件。")
    if size > limits.max_bytes:
        raise FileRejected("too_large", f"文件过大，上限为 {_mb(limits.max_bytes)}。请压缩图片或拆分文件后重试。")
    head = _head(source)
    if suffix == ".docx":
        return _check_docx(source, head, limits)
    if suffix == ".txt":
        return _check_text(_read_all(source, limits.max_bytes), limits)
    return _check_legacy(_read_all(source, limits.max_bytes), head, suffix)


def _mismatch(suffix: str, what: str | None, expected: str) -> FileRejected:
    found = f"内容是{what}" if what else "内容与之不符"
    return FileRejected("mismatch", f"文件扩展名是 {suffix}，但{found}。请上传{expected}。")


# --- .docx -------------------------------------------------------------------------------


def _check_docx(source: bytes | BinaryIO, head: bytes, limits: Limits) -> Verdict:
    if head.startswith(_OLE):
        raise FileRejected(
            "encrypted",
            "文件扩展名是 .docx，但内容是加密的 Word 文档或旧版 .doc 文件。请取消密码保护或另存为 .docx 后重新上传。",
        )
    if head.startswith(_ZIP_EMPTY):
        raise FileRejected("not_docx", "Word 文档已损坏或不完整，无法读取。请在 Word/WPS 中打开后另存为 .docx 再上传。")
    if not head.startswith(_ZIP):
        what = _what_it_is(head)
        if what is None and not head.strip(b"\x00 \t\r\n"):
            raise FileRejected("empty", "上传的文件是空的，请选择包含文稿内容的文件。")
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
            _check_directory(infos, limits)
            _check_package(archive, infos, limits)
    except FileRejected:
        raise
    except (*ZIP_READ_ERRORS, UnicodeError):
        raise FileRejected(
            "not_docx", "Word 文档已损坏或不完整，无法读取。请在 Word/WPS 中打开后另存为 .docx 再上传。"
        ) from None
    finally:
        stream.seek(0)
    return Verdict("docx")


def _check_directory(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    """Refuse on the central directory alone, before anything is inflated."""
    if len(infos) > limits.max_members:
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
        if total > limits.max_total_uncompressed:
            raise FileRejected(
                "zip_bomb", f"文档解压后超过 {_mb(limits.max_total_uncompressed)}，疑似“压缩炸弹”，已拒绝。"
            )
        if info.file_size > limits.ratio_floor and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise FileRejected("zip_bomb", "文档中有部件的压缩比异常高，疑似“压缩炸弹”，已拒绝。")


def _check_package(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    names = {info.filename for info in infos}
    lowered = {name.lower() for name in names}
    if any(name.endswith(("vbaproject.bin", "vbadata.xml")) for name in lowered):
        raise FileRejected(
            "macro", "文档中含有宏（VBA），可能携带恶意代码，已拒绝。请删除宏并另存为 .docx 后重新上传。"
        )
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
        _scan_xml(archive, info, limits, document=document, content_types=content_types)


class _Scan:
    """expat callbacks: refuse DTDs, measure depth and paragraph length in document.xml."""

    def __init__(self, limits: Limits, *, document: bool, content_types: bool):
        self.limits = limits
        self.document = document
        self.content_types = content_types
        self.depth = 0
        self.in_text = 0
        self.paragraph = 0

    def doctype(self, *_args):
        raise FileRejected(
            "xml_entities", "文档内部含有 DTD/实体声明（可用于攻击服务器），正常的 Word 文档不会包含，已拒绝。"
        )

    def start(self, name, attrs):
        self.depth += 1
        if self.depth > self.limits.max_xml_depth:
            raise FileRejected("too_complex", "文档结构嵌套过深（例如表格层层嵌套），无法处理。请简化后重新上传。")
        if name in _W_T:
            self.in_text += 1
        elif name in _W_P:
            self.paragraph = 0
        if self.content_types:
            content_type = attrs.get("ContentType", "")
            if "macroenabled" in content_type.lower() or "vbaproject" in content_type.lower():
                raise FileRejected(
                    "macro", "文档中含有宏（VBA），可能携带恶意代码，已拒绝。请删除宏并另存为 .docx 后重新上传。"
                )

    def end(self, name):
        self.depth -= 1
        if name in _W_T:
            self.in_text -= 1

    def text(self, data):
        if self.in_text:
            self.paragraph += len(data)
            if self.paragraph > self.limits.max_paragraph_chars:
                raise _paragraph_too_long(self.limits)


def _paragraph_too_long(limits: Limits) -> FileRejected:
    return FileRejected(
        "paragraph_too_long",
        f"文件中有一段超过 {limits.max_paragraph_chars:,} 字且没有分段的文字，不像正常的文稿。请分段后重新上传。",
    )


def _scan_xml(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits, *, document: bool, content_types: bool
) -> None:
    scan = _Scan(limits, document=document, content_types=content_types)
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


def _check_text(data: bytes, limits: Limits) -> Verdict:
    what = _what_it_is(data[:4096])
    if what:
        raise _mismatch(".txt", what, " .txt 文本文件，或把 Word 文档的扩展名保持为 .docx")
    if not data.strip(b" \t\r\n\x00"):
        raise FileRejected("empty", "上传的文件是空的，请选择包含文稿内容的文件。")
    text, encoding = _decode(data)
    controls = len(_CONTROL.findall(text))
    if controls > 8 and controls > len(text) * 0.01:
        raise FileRejected("binary", "文件内容不是文字（含有大量控制字符），请上传 .txt 或 .docx 格式的文稿。")
    if _MARKUP.match(text[:2000]):
        raise FileRejected(
            "markup", "文件内容是网页或 XML 代码，而不是文稿正文。请把正文复制到记事本或 Word 中保存后再上传。"
        )
    longest = max((len(line) for line in text.splitlines()), default=0)
    if longest > limits.max_paragraph_chars:
        raise _paragraph_too_long(limits)
    return Verdict("txt", encoding)


def _decode(data: bytes) -> tuple[str, str]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), codec
            except UnicodeDecodeError:
                raise FileRejected(
                    "undecodable", "文件开头标明了编码，但内容无法按该编码读取，请另存为 UTF-8 后重新上传。"
                ) from None
    if b"\x00" in data:
        if len(data) % 2 == 0:
            candidates = []
            for codec in ("utf-16-le", "utf-16-be"):
                try:
                    text = data.decode(codec)
                except UnicodeDecodeError:
                    continue
                if "\x00" not in text:
                    candidates.append((len(_PLAUSIBLE.findall(text)), codec, text))
            if candidates:  # both byte orders may decode: keep the one that reads like Chinese text
                _score, codec, text = max(candidates)
                return text, codec
        raise FileRejected("binary", "文件内容不是文字（含有二进制数据），请上传 .txt 或 .docx 格式的文稿。")
    for codec in ("utf-8", "gb18030"):
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            continue
    raise FileRejected(
        "undecodable",
        "无法识别文件的文字编码（既不是 UTF-8 也不是 GBK/GB18030），请另存为 UTF-8 编码的 .txt 后重新上传。",
    )


# --- .doc / .wps -------------------------------------------------------------------------

_VBA_NAMES = tuple(name.encode("utf-16-le") for name in ("_VBA_PROJECT", "VBA_PROJECT_CUR"))


def _check_legacy(data: bytes, head: bytes, suffix: str) -> Verdict:
    if head.lstrip().startswith(_RTF):
        return Verdict("rtf")
    if not head.startswith(_OLE):
        raise _mismatch(suffix, _what_it_is(head), f"真正的 {suffix} 文件，或另存为 .docx 后上传")
    if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in data:
        raise FileRejected("encrypted", "文件已加密，无法读取。请取消密码保护后重新上传。")
    if any(name in data for name in _VBA_NAMES):
        raise FileRejected(
            "macro", "文档中含有宏（VBA），可能携带恶意代码，已拒绝。请删除宏并另存为 .docx 后重新上传。"
        )
    return Verdict("doc")
