"""Screening of a .docx package once it opened as a ZIP: its central directory, then every XML part.

Part of :mod:`apps.parsing.screening` (see its docstring for what is refused and why); kept apart
so that each module stays readable. Pure Python: no Django import.
"""

from __future__ import annotations

import zipfile
from pathlib import PurePath
from xml.parsers import expat

from .refusals import MACRO, FileRejected, megabytes, paragraph_too_long, too_much_text
from .types import ParseOptions

_CHUNK = 64 * 1024
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W_NS_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_W_T = {f"{ns} t" for ns in (_W_NS, _W_NS_STRICT)}
_W_P = {f"{ns} p" for ns in (_W_NS, _W_NS_STRICT)}


def check_package(archive: zipfile.ZipFile, options: ParseOptions) -> None:
    """FileRejected unless the package is a plausible, safe Word document within the caps."""
    infos = archive.infolist()
    _check_directory(infos, options)
    _check_parts(archive, infos, options)


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
                "zip_bomb", f"文档解压后超过 {megabytes(options.max_unpacked_bytes)}，疑似“压缩炸弹”，已拒绝。"
            )
        if folded == "word/document.xml" and info.file_size > options.max_document_xml_bytes:
            raise FileRejected(
                "too_complex",
                f"文档正文部分解压后超过 {megabytes(options.max_document_xml_bytes)}，超出系统一次能处理的篇幅。"
                "请拆分成几个文件分别上传。",
            )
        if info.file_size > options.ratio_floor and info.file_size > options.max_ratio * max(info.compress_size, 1):
            raise FileRejected("zip_bomb", "文档中有部件的压缩比异常高，疑似“压缩炸弹”，已拒绝。")


def _check_parts(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], options: ParseOptions) -> None:
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
                raise paragraph_too_long(self.options)
            if self.total > self.options.max_text_chars:
                raise too_much_text(self.options)


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
