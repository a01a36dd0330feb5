"""Rebuild report text from a parse, with values filled in, and JSON export."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import asdict

from .types import FIELD_BODY, FIELD_HEADING, FIELD_TITLE, ParseResult, Placeholder


def _fill(text: str, items: list[tuple[Placeholder, str]]) -> tuple[str, list[tuple[int, int]]]:
    """Substitute values into one field; return the text and each item's new span."""
    spans: list[tuple[int, int]] = [(0, 0)] * len(items)
    order = sorted(range(len(items)), key=lambda k: (items[k][0].offset, not items[k][0].implicit))
    out = []
    pos = 0
    here = 0  # length of the output so far (kept as we go: summing ``out`` again is quadratic)
    for k in order:
        ph, value = items[k]
        start = max(ph.offset, pos)
        kept = text[pos:start]
        out.append(kept)
        here += len(kept)
        out.append(value)
        spans[k] = (here, here + len(value))
        here += len(value)
        pos = start + len(ph.raw)
    out.append(text[pos:])
    return "".join(out), spans


def assemble_with_spans(result: ParseResult, values: dict[tuple[int, int], str] | None = None):
    """Like :func:`assemble_text`, also returning where each placeholder landed.

    Returns:
        ``(text, spans)`` with ``spans[(section_index, placeholder_index)] =
        (start, end)`` of the value (or raw text) in ``text``.
    """
    values = values or {}
    lines: list[str] = []
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    offset = 0  # length of the text emitted so far, newlines included

    def by_field(si: int, field: str):
        section = result.sections[si]
        items, keys = [], []
        for pi, ph in enumerate(section.placeholders):
            if ph.field == field:
                items.append((ph, values.get((si, pi), ph.raw)))
                keys.append((si, pi))
        return items, keys

    def emit(line: str, parts: list[tuple[int, list, list[tuple[int, int]]]]):
        nonlocal offset
        base = offset + (1 if lines else 0)
        for shift, keys, field_spans in parts:
            for key, (a, b) in zip(keys, field_spans, strict=True):
                spans[key] = (base + shift + a, base + shift + b)
        lines.append(line)
        offset = base + len(line)

    title = result.title
    title_parts = []
    if result.sections:
        items, keys = by_field(0, FIELD_TITLE)
        title, title_spans = _fill(title, items)
        title_parts = [(0, keys, title_spans)]
    if title:
        emit(title, title_parts)
    for si, section in enumerate(result.sections):
        h_items, h_keys = by_field(si, FIELD_HEADING)
        b_items, b_keys = by_field(si, FIELD_BODY)
        heading, h_spans = _fill(section.heading, h_items)
        body, b_spans = _fill(section.body, b_items)
        body_lines = body.split("\n") if body else []
        # Map body spans to (line index, column).
        starts = []
        acc = 0
        for line in body_lines:
            starts.append(acc)
            acc += len(line) + 1
        per_line: dict[int, tuple[list, list]] = {}
        for key, (a, b) in zip(b_keys, b_spans, strict=True):
            # The last line starting at or before ``a`` (``starts`` is increasing).
            li = bisect_right(starts, a) - 1 if starts else 0
            keys_l, spans_l = per_line.setdefault(li, ([], []))
            keys_l.append(key)
            spans_l.append((a - starts[li], b - starts[li]))
        if section.level == 0:
            first = 0
            if section.heading:
                # A trailing glossary or appendix: its head line ("名词解释") stands alone.
                emit(section.heading, [(0, h_keys, h_spans)])
        else:
            head_line = section.marker + heading + section.heading_end
            parts = [(len(section.marker), h_keys, h_spans)]
            first = 0
            if section.inline_body and body_lines:
                keys_l, spans_l = per_line.get(0, ([], []))
                parts.append((len(head_line), keys_l, spans_l))
                head_line += body_lines[0]
                first = 1
            emit(head_line, parts)
        for li in range(first, len(body_lines)):
            keys_l, spans_l = per_line.get(li, ([], []))
            emit(body_lines[li], [(0, keys_l, spans_l)])
    return "\n".join(lines), spans


def assemble_text(result: ParseResult, values: dict[tuple[int, int], str] | None = None) -> str:
    """Rebuild the report text, optionally with placeholders filled in.

    The title comes first, then each section: its marker, heading and
    heading end, with the body on the same line when it was written inline
    and on the following lines otherwise.

    Args:
        result: a parse result.
        values: ``(section_index, placeholder_index) -> value``; the value
            replaces the placeholder's raw text (or is inserted at an
            implicit blank). Placeholders not in ``values`` keep their raw
            text, so ``assemble_text(result)`` returns the cleaned draft.

    Returns:
        The text, paragraphs separated by ``\\n``.
    """
    return assemble_with_spans(result, values)[0]


def result_to_dict(result: ParseResult) -> dict:
    """A JSON-serialisable dict of the whole parse (for ``manage.py parse_draft``).

    Args:
        result: a parse result.

    Returns:
        Plain dicts, lists, strings, numbers and None only.
    """
    data = asdict(result)
    data["sections"] = [
        {
            **asdict(section),
            "index": i,
            "placeholders": [{**asdict(ph), "index": j} for j, ph in enumerate(section.placeholders)],
        }
        for i, section in enumerate(result.sections)
    ]
    for key in ("indicators", "boilerplate_removed", "warnings"):
        data[key] = list(data[key])
    return data


__all__ = ["FIELD_BODY", "FIELD_HEADING", "assemble_text", "assemble_with_spans", "result_to_dict"]
