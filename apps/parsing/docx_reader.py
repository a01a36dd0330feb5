"""Text of a .docx draft, paragraph by paragraph, in document order.

Reads ``word/document.xml`` with lxml directly rather than through
python-docx: python-docx parses every part of the package (styles alone can
be 350 kB) and does not render Word's automatic numbering, which we need.

The one reader of .docx bodies in the project: :func:`read_docx` gives the
paragraph texts the parser works on, :func:`read_docx_mapped` the same texts
with, for each character, the ``w:t`` element and offset it came from (the
fill-in-place export writes values back there).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass

from lxml import etree

from .mapped_text import MappedText, Source, join_mapped, strip_mapped
from .numbering import Numbering, W
from .types import ParseError, ParseOptions

_P = W + "p"
_T = W + "t"
_TAB = W + "tab"
_BR = W + "br"
_CR = W + "cr"
_NBH = W + "noBreakHyphen"
_TBL = W + "tbl"
_TR = W + "tr"
_TC = W + "tc"
_SDT = W + "sdt"
_SDT_CONTENT = W + "sdtContent"
_PPR = W + "pPr"
_TCPR = W + "tcPr"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

# Subtrees whose text is not part of the visible running text: deletions,
# field instructions, properties, drawings and text boxes (whose text would
# otherwise appear twice, once per AlternateContent branch).
_SKIP = frozenset(
    W + name
    for name in (
        "del",
        "moveFrom",
        "delText",
        "instrText",
        "delInstrText",
        "rPr",
        "pPr",
        "drawing",
        "pict",
        "object",
        "txbxContent",
        "footnoteReference",
        "endnoteReference",
        "commentReference",
        "fldData",
    )
) | {_MC_FALLBACK}

# Block-level wrappers whose children are ordinary paragraphs and tables.
_TRANSPARENT = frozenset(W + n for n in ("customXml", "ins", "moveTo", "smartTag"))

_STRICT_NS = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
_TRANSITIONAL_NS = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"

_W_NAMESPACES = (_TRANSITIONAL_NS.decode(), _STRICT_NS.decode())

_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOCUMENT = "/officeDocument"

# What zipfile, zlib and the XML layer raise on a damaged or hostile package.
ZIP_READ_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
    RuntimeError,
    KeyError,
)

CORRUPT_DOCX = "Word 文档已损坏或不完整，无法读取。请在 Word/WPS 中打开后另存为 .docx 再上传。"


def _parser() -> etree.XMLParser:
    # No entity expansion or network access: uploads are untrusted.
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)


def is_zip(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


def _read_member(zf: zipfile.ZipFile, name: str, limit: int) -> bytes | None:
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    if info.file_size > limit:
        raise ParseError("too_large", "文档解压后内容过大，超出系统处理上限。")
    return zf.read(info)


def _main_part(zf: zipfile.ZipFile, names: set[str]) -> str | None:
    rels = "_rels/.rels"
    if rels in names:
        try:
            root = etree.fromstring(zf.read(rels), _parser())
            for rel in root.iter(_REL_NS + "Relationship"):
                if rel.get("Type", "").endswith(_OFFICE_DOCUMENT):
                    target = rel.get("Target", "").lstrip("/")
                    if target in names:
                        return target
        except etree.XMLSyntaxError:
            pass
    return "word/document.xml" if "word/document.xml" in names else None


@dataclass(frozen=True)
class MappedDocument:
    """The body of a .docx read with sources: what :func:`read_docx_mapped` returns.

    ``paragraphs`` are exactly the texts of :func:`read_docx` (before normalisation);
    ``document`` the main part's original bytes; ``t_texts`` the text of every ``w:t``
    in document order (the indices of :data:`Source`); ``prefixes`` the namespace
    prefixes bound to WordprocessingML in the part.
    """

    main_part: str
    document: bytes
    paragraphs: tuple[MappedText, ...]
    t_texts: tuple[str, ...]
    prefixes: tuple[str, ...]


def _open_package(data: bytes, options: ParseOptions) -> tuple[str, bytes, bytes | None, bytes | None]:
    """(main part name, its bytes, numbering.xml, styles.xml) of a .docx, or ParseError."""
    limit = options.max_unpacked_bytes
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            main = _main_part(zf, names)
            if main is None:
                if "content.xml" in names:
                    raise ParseError(
                        "unsupported",
                        "这是 OpenDocument（.odt）文件，请在 WPS 或 Word 中另存为 .docx 后重新上传。",
                    )
                raise ParseError("not_docx", "文件不是有效的 Word（.docx）文档，请检查后重新上传。")
            document = _read_member(zf, main, limit)
            numbering = _read_member(zf, "word/numbering.xml", limit)
            styles = _read_member(zf, "word/styles.xml", limit) if numbering else None
    except ParseError:
        raise
    except ZIP_READ_ERRORS:
        raise ParseError("not_docx", CORRUPT_DOCX) from None
    return main, document, numbering, styles


def read_docx(data: bytes, options: ParseOptions | None = None) -> list[str]:
    """Extract the paragraphs of a .docx file.

    Body paragraphs and tables come in document order; text inside content
    controls (``w:sdt``) and tracked insertions (``w:ins``) is kept, tracked
    deletions are skipped; vertically merged table cells are read once; each
    table row becomes one paragraph with its cells separated by a tab.
    Paragraphs numbered by Word get their rendered label (``一、``) prefixed.

    Args:
        data: the file content (a ZIP package).
        options: limits; defaults apply when None.

    Returns:
        The paragraph texts, empty ones included.

    Raises:
        ParseError: ``not_docx`` when the bytes are not a readable Word
            package, ``too_large`` when a part expands beyond the limit.
    """
    _main, document, numbering, styles = _open_package(data, options or ParseOptions())
    try:
        return _DocumentReader(document, numbering, styles).paragraphs()
    except etree.LxmlError:
        raise ParseError("not_docx", CORRUPT_DOCX) from None


def read_docx_mapped(data: bytes, options: ParseOptions | None = None) -> MappedDocument:
    """Read a .docx as :func:`read_docx` does, remembering where every character came from.

    Returns:
        A :class:`MappedDocument` whose ``paragraphs`` equal :func:`read_docx`'s texts.

    Raises:
        ParseError: as :func:`read_docx`.
    """
    main, document, numbering, styles = _open_package(data, options or ParseOptions())
    try:
        reader = _DocumentReader(document, numbering, styles, track_sources=True)
        paragraphs = tuple(reader.paragraphs())
    except etree.LxmlError:
        raise ParseError("not_docx", CORRUPT_DOCX) from None
    prefixes = tuple(prefix or "" for prefix, uri in reader._root.nsmap.items() if uri in _W_NAMESPACES)
    return MappedDocument(
        main_part=main,
        document=document,
        paragraphs=paragraphs,
        t_texts=tuple(t.text or "" for t in reader.t_elements),
        prefixes=prefixes,
    )


class _DocumentReader:
    """Walks the body once. With ``track_sources`` every paragraph is a :class:`MappedText`."""

    def __init__(self, document: bytes, numbering: bytes | None, styles: bytes | None, *, track_sources=False):
        parser = _parser()
        if _STRICT_NS in document[:4096]:
            document = document.replace(_STRICT_NS, _TRANSITIONAL_NS)
            numbering = numbering.replace(_STRICT_NS, _TRANSITIONAL_NS) if numbering else None
            styles = styles.replace(_STRICT_NS, _TRANSITIONAL_NS) if styles else None
        self._root = etree.fromstring(document, parser)
        self._numbering = Numbering(numbering, parser) if numbering else None
        self._styles_xml = styles
        self._style_num: dict[str, tuple[str | None, int | None]] | None = None
        self._parser = parser
        self._track = track_sources
        if track_sources:
            self.t_elements = list(self._root.iter(_T))
            self._t_index = {t: i for i, t in enumerate(self.t_elements)}

    def paragraphs(self) -> list[str]:
        body = self._root.find(W + "body")
        if body is None:
            raise ParseError("not_docx", CORRUPT_DOCX)
        out: list[str] = []
        self._blocks(body, out)
        return out

    def _blocks(self, parent, out: list[str]) -> None:
        for child in parent:
            tag = child.tag
            if tag == _P:
                out.append(self._paragraph(child))
            elif tag == _TBL:
                self._table(child, out)
            elif tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    self._blocks(content, out)
            elif tag in _TRANSPARENT:
                self._blocks(child, out)

    def _table(self, tbl, out: list[str]) -> None:
        for row in tbl.iter(_TR):
            if row.getparent() is not tbl and row.getparent().tag != _SDT_CONTENT:
                continue  # rows of nested tables are read through their cell
            cells = []
            for cell in row:
                if cell.tag == _SDT:
                    content = cell.find(_SDT_CONTENT)
                    cell = content.find(_TC) if content is not None else None
                if cell is None or cell.tag != _TC:
                    continue
                props = cell.find(_TCPR)
                if props is not None:
                    vmerge = props.find(W + "vMerge")
                    # A continuation of a vertical merge repeats the cell above.
                    if vmerge is not None and vmerge.get(W + "val", "continue") != "restart":
                        continue
                inner: list[str] = []
                self._blocks(cell, inner)
                text = join_mapped(" ", [strip_mapped(p) for p in inner if p.strip()])
                if text:
                    cells.append(text)
            if cells:
                out.append(join_mapped("\t", cells))

    def _paragraph(self, p) -> str:
        parts: list[str] = []
        sources: list[Source] | None = [] if self._track else None
        self._runs(p, parts, sources)
        text = "".join(parts)
        if self._numbering:
            # Word advances the counter even on an empty paragraph, but an
            # empty numbered line carries no heading worth reporting.
            label = self._label(p)
            if label and text.strip():
                text = label + text
                if sources is not None:
                    sources[:0] = [None] * len(label)
        return text if sources is None else MappedText(text, sources)

    def _runs(self, el, parts: list[str], sources: list[Source] | None) -> None:
        for child in el:
            tag = child.tag
            if tag == _T:
                if child.text:
                    parts.append(child.text)
                    if sources is not None:
                        index = self._t_index[child]
                        sources.extend((index, i) for i in range(len(child.text)))
                continue
            if tag == _TAB:
                piece = "\t"
            elif tag == _BR:
                piece = "\n" if child.get(W + "type") not in ("page", "column") else ""
            elif tag == _CR:
                piece = "\n"
            elif tag == _NBH:
                piece = "-"
            elif tag in _SKIP or not isinstance(tag, str):
                continue
            else:
                if len(child):
                    self._runs(child, parts, sources)
                continue
            if piece:
                parts.append(piece)
                if sources is not None:
                    sources.append(None)

    def _label(self, p) -> str:
        ppr = p.find(_PPR)
        num_id = ilvl = None
        style_id = None
        if ppr is not None:
            numpr = ppr.find(W + "numPr")
            if numpr is not None:
                nid = numpr.find(W + "numId")
                lvl = numpr.find(W + "ilvl")
                num_id = nid.get(W + "val") if nid is not None else None
                ilvl = _to_int(lvl.get(W + "val")) if lvl is not None else None
            pstyle = ppr.find(W + "pStyle")
            if pstyle is not None:
                style_id = pstyle.get(W + "val")
        if num_id is None and style_id is not None:
            s_num, s_lvl = self._style_numbering(style_id)
            num_id = s_num
            if ilvl is None:
                ilvl = s_lvl
        if num_id is None:
            return ""
        return self._numbering.label(num_id, ilvl or 0)

    def _style_numbering(self, style_id: str) -> tuple[str | None, int | None]:
        if self._style_num is None:
            self._style_num = self._load_styles()
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            entry = self._style_num.get(style_id)
            if entry is None:
                return None, None
            num_id, ilvl, based_on = entry
            if num_id is not None:
                return num_id, ilvl
            style_id = based_on
        return None, None

    def _load_styles(self) -> dict:
        table: dict = {}
        if not self._styles_xml:
            return table
        root = etree.fromstring(self._styles_xml, self._parser)
        for style in root.iter(W + "style"):
            sid = style.get(W + "styleId")
            based = style.find(W + "basedOn")
            num_id = ilvl = None
            ppr = style.find(_PPR)
            if ppr is not None:
                numpr = ppr.find(W + "numPr")
                if numpr is not None:
                    nid = numpr.find(W + "numId")
                    lvl = numpr.find(W + "ilvl")
                    num_id = nid.get(W + "val") if nid is not None else None
                    ilvl = _to_int(lvl.get(W + "val")) if lvl is not None else None
            table[sid] = (num_id, ilvl, based.get(W + "val") if based is not None else None)
        return table


def _to_int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
