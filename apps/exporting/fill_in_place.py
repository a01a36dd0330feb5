"""Write a report's values into the very .docx it was uploaded as, and change nothing else.

The parser turned the uploaded document into a title and sections whose
texts are the document's paragraphs after clean-up: website boilerplate and
converter page numbers removed, lines broken by page numbers re-joined,
paragraphs run together split at spaces, Word's automatic numbers rendered
into the text. Placeholders are offsets into those texts. To write a value
back we must find, for each placeholder, the characters of the original
``w:t`` elements it came from.

How: the body is read with the parser's own reader, keeping each
character's source (:mod:`apps.exporting.docx_source`), and normalised as
the parser does. The section texts are cut into the lines the parser made
(title; marker + heading + end [+ inline body]; body lines). The clean-up
only ever deletes characters, so each line is a subsequence of the body
text: it is aligned by searching, from where the previous line ended, for
its longest prefix, then for the longest prefix of the rest a little
further on, and so on (a line re-joined across a page number is found in two
pieces). A line that cannot be found leaves the search position alone, so one
edited or missing line never shifts the others.

Then a written placeholder (``XX``) gets its value in place of its first
character, in that character's ``w:t`` (so in its run's formatting), and
its other characters are removed from their runs, which keep their own
formatting; an implicit blank gets its value right after the character before
it (or before the character after it). Only those ``w:t`` elements change: the
rest of ``document.xml`` and every other part are copied byte for byte.

Pure Python over bytes; no Django.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from apps.exporting.docx_source import (
    Source,
    SourceError,
    body_stream,
    open_source,
    write_package,
    write_t_contents,
)
from apps.parsing.types import ParseOptions

FIELD_TITLE = "title"
FIELD_HEADING = "heading"
FIELD_BODY = "body"

# How far past the end of the previous line a line may start: boilerplate
# lines, page numbers, empty paragraphs and an unmatched title lie between.
_FIRST_GAP = 4000
# How far apart the pieces of one line may be (a page number, a line break).
_INNER_GAP = 300
# Below this share of aligned characters a line counts as not found.
_MIN_COVERAGE = 0.8


@dataclass(frozen=True)
class Fill:
    """One placeholder and the value to write.

    ``field`` is ``"title"`` (``offset`` into :attr:`fill_in_place`'s
    ``title``), ``"heading"`` or ``"body"`` (into its section's text);
    ``raw`` is what the draft wrote (``XX``) or ``""`` for an implicit blank;
    ``value`` the text to write, or None to leave the placeholder as written
    (a draft); ``label`` names it in errors.
    """

    field: str
    offset: int
    raw: str
    value: str | None
    label: str = ""


@dataclass(frozen=True)
class FillSection:
    """A section as the parser returned it (see :class:`apps.parsing.types.Section`)."""

    level: int
    marker: str
    heading: str
    heading_end: str
    inline_body: bool
    body: str
    fills: tuple[Fill, ...] = ()


class FillInPlaceError(Exception):
    """The values cannot be written into this document.

    ``code``: ``not_docx``, ``too_large``, ``unsupported`` (the package) or
    ``unplaced`` (placeholders not found; they are in ``unplaced``).
    ``message`` is a sentence in Chinese for users.
    """

    def __init__(self, code: str, message: str, unplaced: tuple[Fill, ...] = ()):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.unplaced = unplaced


@dataclass
class _Line:
    """A line of the parser's output: its text and which field each span comes from."""

    text: str
    spans: list[tuple[object, int, int, int]]  # (field key, field offset, line offset, length)


def fill_in_place(
    data: bytes,
    *,
    title: str,
    sections: Sequence[FillSection],
    options: ParseOptions | None = None,
) -> bytes:
    """Write the values of ``sections`` into the .docx ``data``.

    Args:
        data: the uploaded .docx, as the parser read it.
        title: the title the parser found (for ``"title"`` fills); ``""``
            when unknown, in which case title fills cannot be placed.
        sections: the parser's sections in order, with their fills.
        options: size limits, as for the parser.

    Returns:
        The bytes of the filled .docx. Members other than the main part are
        copied unchanged, and in the main part only the ``w:t`` elements
        holding placeholders change.

    Raises:
        FillInPlaceError: the package cannot be read or written back, or a
            placeholder with a value cannot be found in it (``unplaced``).
    """
    try:
        source = open_source(data, options)
    except SourceError as exc:
        raise FillInPlaceError(exc.code, exc.message) from None
    stream, sources = body_stream(source.paragraphs)

    lines = _lines(title, sections)
    positions: dict[int, list[int | None]] = {}
    cursor = 0
    for number, line in enumerate(lines):
        aligned, end = _align(line.text, stream, cursor)
        found = sum(pos is not None for pos in aligned)
        if found and found >= _MIN_COVERAGE * len(line.text):
            positions[number] = aligned
            cursor = end

    edits: dict[int, list[tuple[int, int, str]]] = {}
    unplaced: list[Fill] = []
    for key, fill in _keyed_fills(sections):
        if fill.value is None:
            continue
        where = _line_position(lines, key, fill)
        located = None
        if where is not None and where[0] in positions:
            located = _locate(fill, positions[where[0]], where[1], sources)
        if located is None:
            unplaced.append(fill)
            continue
        for t_index, start, end, text in located:
            edits.setdefault(t_index, []).append((start, end, text))
    if unplaced:
        names = "、".join(f.label or f.raw or "空缺" for f in unplaced[:5])
        more = f"等 {len(unplaced)} 处" if len(unplaced) > 5 else ""
        raise FillInPlaceError(
            "unplaced", f"在原文档中找不到以下待填项的位置：{names}{more}。请改用标准版式导出。", tuple(unplaced)
        )

    contents = {index: _apply(source.t_texts[index], changes) for index, changes in edits.items()}
    try:
        return write_package(source, write_t_contents(source, contents))
    except SourceError as exc:
        raise FillInPlaceError(exc.code, exc.message) from None


def _keyed_fills(sections: Sequence[FillSection]):
    for index, section in enumerate(sections):
        for fill in section.fills:
            yield (FIELD_TITLE if fill.field == FIELD_TITLE else (index, fill.field)), fill


def _lines(title: str, sections: Sequence[FillSection]) -> list[_Line]:
    """The lines the parser made, in document order, with their field spans."""
    lines: list[_Line] = []
    if title:
        lines.append(_Line(title, [(FIELD_TITLE, 0, 0, len(title))]))
    for index, section in enumerate(sections):
        body_lines = section.body.split("\n") if section.body else []
        starts, offset = [], 0
        for text in body_lines:
            starts.append(offset)
            offset += len(text) + 1
        first = 0
        if section.level:
            text = section.marker + section.heading + section.heading_end
            spans = [((index, FIELD_HEADING), 0, len(section.marker), len(section.heading))]
            if section.inline_body and body_lines:
                spans.append(((index, FIELD_BODY), 0, len(text), len(body_lines[0])))
                text += body_lines[0]
                first = 1
            lines.append(_Line(text, spans))
        for j in range(first, len(body_lines)):
            if body_lines[j]:
                lines.append(_Line(body_lines[j], [((index, FIELD_BODY), starts[j], 0, len(body_lines[j]))]))
    return lines


def _line_position(lines: list[_Line], key, fill: Fill) -> tuple[int, int] | None:
    """(line number, offset in the line) of a fill's first character or insertion point."""
    end = fill.offset + len(fill.raw)
    for number, line in enumerate(lines):
        for span_key, field_start, line_start, length in line.spans:
            if span_key == key and field_start <= fill.offset and end <= field_start + length:
                return number, line_start + fill.offset - field_start
    return None


def _align(text: str, stream: str, cursor: int) -> tuple[list[int | None], int]:
    """Positions in ``stream`` of the characters of ``text``, searched from ``cursor``.

    Greedy: the longest prefix of what is left of ``text`` that occurs soon
    enough, then the same for the rest. Characters that cannot be matched get
    None (the caller decides whether the line counts as found).

    Returns:
        The positions and the stream position after the last match.
    """
    positions: list[int | None] = [None] * len(text)
    i, pos, gap = 0, cursor, _FIRST_GAP
    while i < len(text):
        length, at = _longest_prefix(text, i, stream, pos, gap)
        # A lone character far from the last match is as likely chance as truth.
        if length == 0 or (length == 1 and at != pos and len(text) - i > 1):
            i += 1
            continue
        for k in range(length):
            positions[i + k] = at + k
        i += length
        pos = at + length
        gap = _INNER_GAP
    return positions, pos


def _longest_prefix(text: str, i: int, stream: str, pos: int, gap: int) -> tuple[int, int]:
    """Longest ``text[i:i+n]`` starting in ``stream[pos:pos+gap]``: (n, where) or (0, -1)."""

    def find(n: int) -> int:
        return stream.find(text[i : i + n], pos, pos + gap + n)

    rest = len(text) - i
    at = find(rest)
    if at >= 0:
        return rest, at
    low, high = 0, rest  # find(low) succeeds (or low == 0), find(high) fails
    while high - low > 1:
        mid = (low + high) // 2
        if find(mid) >= 0:
            low = mid
        else:
            high = mid
    return (low, find(low)) if low else (0, -1)


def _locate(
    fill: Fill, positions: list[int | None], start: int, sources: list[Source]
) -> list[tuple[int, int, int, str]] | None:
    """The edits ``(t index, start, end, text)`` that write ``fill``, or None if it cannot be placed."""
    if fill.raw:
        chars = positions[start : start + len(fill.raw)]
        if len(chars) != len(fill.raw) or any(p is None or sources[p] is None for p in chars):
            return None
        edits = []
        for k, p in enumerate(chars):
            t_index, char = sources[p]
            edits.append((t_index, char, char + 1, fill.value if k == 0 else ""))
        return edits
    # An implicit blank: after the character before it, else before the one after it.
    before = positions[start - 1] if start > 0 else None
    if before is not None and sources[before] is not None:
        t_index, char = sources[before]
        return [(t_index, char + 1, char + 1, fill.value)]
    after = positions[start] if start < len(positions) else None
    if after is not None and sources[after] is not None:
        t_index, char = sources[after]
        return [(t_index, char, char, fill.value)]
    return None


def _apply(text: str, changes: list[tuple[int, int, str]]) -> list[tuple[str, bool]]:
    """``text`` with the changes applied, as ``(piece, is_value)`` pieces."""
    pieces: list[tuple[str, bool]] = []
    pos = 0
    # Insertions (start == end) before a replacement at the same place.
    for start, end, value in sorted(changes, key=lambda c: (c[0], c[1])):
        if start < pos:
            raise FillInPlaceError("unsupported", "待填项位置重叠，无法回填。")
        if start > pos:
            pieces.append((text[pos:start], False))
        if value:
            pieces.append((value, True))
        pos = end
    if pos < len(text):
        pieces.append((text[pos:], False))
    return pieces


__all__ = ["FIELD_BODY", "FIELD_HEADING", "FIELD_TITLE", "Fill", "FillInPlaceError", "FillSection", "fill_in_place"]
