"""Text a converter cut into lines of one width, and headings it wrapped.

Some converters (and e-mail clients) write a text as lines of a fixed width,
cut mid-word, with the page number ``N、`` opening the first line of each
page: ``1、工作报告 2020年某县政府工作报告 时间：`` / ``2022-11-22 作者：…``.
The lines are no paragraphs: they are joined back as written (no separator,
the spaces that joined the paragraphs kept) and the page numbers removed;
the paragraphs are then found at their spaces as in seed 004's one line per
page (``cleanup.split_run_together``).

A text is taken as hard-wrapped when, but for the last line, at least 80 %
of its lines are "full" (within 6 characters of the median width, 16 to 100
characters) and most full lines stop mid-sentence. A line shorter than
full ends a paragraph, so a wrapped text that kept its paragraph breaks
keeps them. A ``N、`` is a page number only in its sequence (1, 2, 3 …) and
after a full line (or on the first line): a list item ``1、`` after a
paragraph's short last line is text.
"""

from __future__ import annotations

import re

from .markers import ends_sentence, heading_allowed, match_marker

PAGE_MARK = re.compile(r"(\d{1,4})、")
_MIN_LINES = 8
_MIN_WIDTH = 16
_MAX_WIDTH = 100
# A full line is within this many characters of the median width.
_BAND = 6
_FULL_SHARE = 0.8
_MID_SENTENCE_SHARE = 0.6


# A line-start number is a page number only if the line before it is long
# (a page of text) and breaks mid-sentence; short items of a real list are
# neither.
_PAGE_MIN_PREV = 40


def page_number_lines(lines: list[str]) -> list[int]:
    """The lines opened by a page number ``N、`` (N = 1, 2, 3 … in order), or ``[]``.

    Taken for page numbers only when at least two are found and at least 60 %
    of them follow a line of 40 characters or more that breaks mid-sentence.
    """
    candidates: list[int] = []
    expected = 1
    for i, line in enumerate(lines):
        m = PAGE_MARK.match(line.strip())
        if m and int(m.group(1)) == expected:
            candidates.append(i)
            expected += 1
    if len(candidates) < 2:
        return []
    broken = sum(
        1
        for i in candidates[1:]
        if i > 0 and len(lines[i - 1].strip()) >= _PAGE_MIN_PREV and not ends_sentence(lines[i - 1].strip())
    )
    return candidates if broken >= max(1, 0.6 * (len(candidates) - 1)) else []


def carry_page_end_spaces(lines: list[str]) -> list[str]:
    """A space ending a page goes after the next page's number, where it survives the stripping of lines.

    A converter that joins paragraphs with a space and cuts pages at a fixed
    length may cut right after that space (``…建设宜居宜业城镇 `` / ``24、推进…``):
    stripped, the heading would run into the next paragraph.
    """
    marked = page_number_lines(lines)
    if not marked:
        return lines
    out = list(lines)
    for i in marked:
        if i and out[i - 1].strip() and out[i - 1] != out[i - 1].rstrip():
            out[i - 1] = out[i - 1].rstrip()
            line = out[i].lstrip()
            end = PAGE_MARK.match(line).end()
            out[i] = f"{line[:end]} {line[end:].lstrip()}"
    return out


def unwrap_hard_breaks(lines: list[str]) -> tuple[list[str], int]:
    """Join the lines of a hard-wrapped text; returns the lines and the page numbers removed.

    ``lines`` are the raw lines (not stripped: the spaces at a cut are the
    text's). A text that is not hard-wrapped comes back unchanged, with 0.
    """
    rows = [line for line in lines if line.strip()]
    if len(rows) < _MIN_LINES:
        return lines, 0
    marks: dict[int, int] = {}
    expected = 1
    for i, line in enumerate(rows):
        m = PAGE_MARK.match(line.lstrip())
        if m and int(m.group(1)) == expected:
            marks[i] = len(line) - len(line.lstrip()) + m.end()
            expected += 1
    body = [line[marks.get(i, 0) :] for i, line in enumerate(rows)]
    widths = sorted(len(b) for b in body[:-1])
    usual = widths[len(widths) // 2]
    if not _MIN_WIDTH <= usual <= _MAX_WIDTH:
        return lines, 0
    full = [abs(len(b) - usual) <= _BAND for b in body[:-1]] + [False]
    n_full = sum(full)
    mid = sum(1 for b, f in zip(body, full, strict=True) if f and not ends_sentence(b.strip()))
    if n_full < _FULL_SHARE * (len(body) - 1) or mid < _MID_SENTENCE_SHARE * n_full:
        return lines, 0
    # A page number follows a full line (a page ends where the width says,
    # even after a "。"); after a paragraph's short last line it is text.
    pages = {i for i in marks if i == 0 or full[i - 1]}
    if len(pages) < 2:
        pages = set()
    out: list[str] = []
    current = ""
    for i, line in enumerate(rows):
        current += body[i] if i in pages else line
        if not full[i]:
            out.append(current.strip())
            current = ""
    if current.strip():
        out.append(current.strip())
    return out, len(pages)


def wrapped_heading(left: str) -> bool:
    """Whether ``left`` is a heading cut after ``、`` or ``，`` (it goes on after the space)."""
    found = match_marker(left)
    if found is None:
        return False
    rest = left[found[2].end() :]
    return (
        heading_allowed(rest)
        and len(rest) <= 60
        and rest.endswith(("、", "，", ","))
        and not re.search(r"[。！？!?；;]", rest)
    )
