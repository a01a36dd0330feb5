"""Text that remembers where each character came from in a .docx (see :func:`.docx_reader.read_docx_mapped`).

``strip_mapped`` and ``join_mapped`` behave as ``str.strip`` and ``str.join`` on plain strings and
carry the sources along on :class:`MappedText`, so that the reader has one code path for both.
"""

from __future__ import annotations

from collections.abc import Iterable

# A character's origin: (index of its w:t among all w:t of the part, index in
# that element's text), or None for text Word renders but the XML does not
# hold as characters (numbering labels, tabs, breaks, table separators).
Source = tuple[int, int] | None


class MappedText(str):
    """A paragraph text as the parser reads it, with one :data:`Source` per character."""

    sources: tuple[Source, ...]

    def __new__(cls, text: str, sources: Iterable[Source]):
        obj = super().__new__(cls, text)
        obj.sources = tuple(sources)
        if len(obj.sources) != len(obj):
            raise ValueError("one source per character")
        return obj


def strip_mapped(text: str) -> str:
    stripped = text.strip()
    if not isinstance(text, MappedText):
        return stripped
    left = len(text) - len(text.lstrip())
    return MappedText(stripped, text.sources[left : left + len(stripped)])


def join_mapped(separator: str, items: list[str]) -> str:
    joined = separator.join(items)
    if not items or not isinstance(items[0], MappedText):
        return joined
    sources: list[Source] = []
    for i, item in enumerate(items):
        if i:
            sources.extend([None] * len(separator))
        sources.extend(item.sources)
    return MappedText(joined, sources)
