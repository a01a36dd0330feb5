"""Cut a section's text into text pieces and placeholders, paragraph by paragraph.

Used by the fill screen (inputs in place) and the export (values in place), so that
both show the placeholders at exactly the offsets the parser found.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Piece:
    text: str = ""
    placeholder: Any = None  # a Placeholder (model instance or anything with .offset and .raw)


def split_text(text: str, placeholders: Iterable[Any]) -> list[list[Piece]]:
    """Return the paragraphs of ``text`` (split at newlines) as lists of pieces.

    Placeholders are sorted by offset; a placeholder covers ``len(raw)`` characters
    (0 for an implicit blank, which is inserted at its offset).
    """
    paragraphs: list[list[Piece]] = [[]]
    pos = 0

    def add_text(chunk: str) -> None:
        lines = chunk.split("\n")
        for index, line in enumerate(lines):
            if index:
                paragraphs.append([])
            if line:
                paragraphs[-1].append(Piece(text=line))

    for placeholder in sorted(placeholders, key=lambda p: (p.offset, p.order if hasattr(p, "order") else 0)):
        start = max(placeholder.offset, pos)
        add_text(text[pos:start])
        paragraphs[-1].append(Piece(placeholder=placeholder))
        pos = start + len(placeholder.raw)
    add_text(text[pos:])
    return paragraphs


def fill_text(text: str, placeholders: Sequence[Any], value_of) -> str:
    """``text`` with each placeholder replaced by ``value_of(placeholder)``."""
    out = []
    for paragraph in split_text(text, placeholders):
        out.append(
            "".join(piece.text if piece.placeholder is None else value_of(piece.placeholder) for piece in paragraph)
        )
    return "\n".join(out)
