"""A draft's text in each upload form a user sends, built in memory.

The shapes copy the seed forms in ``tests/samples`` (``000.*``, ``004.*``)
and ``/work/shared/corpus/README.md``:

* ``utf8`` / ``gbk`` / ``utf16``: the text as saved by an editor (GB18030;
  UTF-16 little-endian with a BOM, as Notepad saves "Unicode"), ``\\n`` breaks;
* ``converter``: seed 004's shape, as left by a bad PDF/Word-to-text
  converter: the paragraphs joined by one space, then cut every 300
  characters (one line per page, mid-word) and each line started with its
  page number ``N、``;
* ``converter-lines``: the same with hard breaks every 35-45 characters and
  the page number ``N、`` only on the first of each page's 22 lines;
* ``plain.docx``: python-docx, one paragraph per line, no formatting;
* ``styled.docx``: the title centred in 方正小标宋简体 22 pt, ``一、``
  headings bold 黑体, the ``（一）`` heading run in 楷体_GB2312, body in
  仿宋_GB2312 with a first-line indent, every written placeholder split over
  two runs (``X`` + highlighted rest);
* ``numbered.docx``: each level-1 ``一、`` heading numbered by Word itself
  (``numFmt`` chineseCounting, ``lvlText`` ``%1、``): the ``一、`` is taken
  out of the text and the paragraph points at the numbering;
* ``numbered2.docx``: the same, and the ``（一）`` headings under them too
  (second level, ``（%2）``), which the seeds do not do.

Which lines are the title and the headings is taken from the gold, as a
person formatting the draft in Word knows them. Used by
``bench/parse_forms.py`` and the form tests.
"""

from __future__ import annotations

import copy
import io
import random
import re

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

TEXT_FORMS = ("utf8", "gbk", "utf16", "converter", "converter-lines")
DOCX_FORMS = ("plain.docx", "styled.docx", "numbered.docx", "numbered2.docx")
FORMS = TEXT_FORMS + DOCX_FORMS

CN_DIGITS = "一二三四五六七八九十"
_SPACE = " \t\u3000\u00a0"
_PLACEHOLDER = re.compile(r"(?<![A-Za-z])[Xx×]+(?:\.[Xx×]+)?(?![A-Za-z])")
_LEVEL1 = re.compile(r"[一二三四五六七八九十]+、")
_LEVEL2 = re.compile(r"[（(][一二三四五六七八九十]+[）)]")


def cn_number(n: int) -> str:
    """1..99 in Chinese counting (Word's ``chineseCounting``)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN_DIGITS[tens - 1] + "十")
    return head + (CN_DIGITS[ones - 1] if ones else "")


def cn_value(s: str) -> int:
    if s == "十":
        return 10
    if "十" in s:
        a, _, b = s.partition("十")
        return (CN_DIGITS.index(a) + 1 if a else 1) * 10 + (CN_DIGITS.index(b) + 1 if b else 0)
    return CN_DIGITS.index(s) + 1


def paragraphs(draft: str) -> list[str]:
    """The draft's non-empty lines, without the indentation around them."""
    return [line.strip(_SPACE) for line in draft.splitlines() if line.strip(_SPACE)]


def converter_text(draft: str, page_chars: int = 300) -> tuple[str, int]:
    """Seed 004's shape: one line per page, each started by its page number.

    Returns the text and the number of page numbers written.
    """
    text = " ".join(paragraphs(draft))
    pages = [text[i : i + page_chars] for i in range(0, len(text), page_chars)]
    return "\n".join(f"{k}、{page}" for k, page in enumerate(pages, 1)), len(pages)


def converter_lines_text(draft: str, seed: str, page_lines: int = 22) -> tuple[str, int]:
    """Hard breaks every 35-45 characters, ``N、`` on the first line of each page."""
    rng = random.Random(f"converter-lines-{seed}")
    text = " ".join(paragraphs(draft))
    lines = []
    i = 0
    while i < len(text):
        width = rng.randint(35, 45)
        lines.append(text[i : i + width])
        i += width
    for k in range(0, len(lines), page_lines):
        lines[k] = f"{k // page_lines + 1}、{lines[k]}"
    return "\n".join(lines), (len(lines) + page_lines - 1) // page_lines


def _heading_lines(lines: list[str], gold: dict) -> dict[int, tuple[int, str, str]]:
    """Line index -> (level, number, marker) for the gold's numbered level-1/2 headings."""
    out: dict[int, tuple[int, str, str]] = {}
    pending = [h for h in gold["headings"] if h[0] in (1, 2) and h[1]]
    k = 0
    for i, line in enumerate(lines):
        if k >= len(pending):
            break
        level, number, text = pending[k]
        m = (_LEVEL1 if level == 1 else _LEVEL2).match(line)
        if m and m.group(0).strip("、（）()") == number and line[m.end() :].startswith(text[:4]):
            out[i] = (level, number, m.group(0))
            k += 1
    return out


def _title_line(lines: list[str], gold: dict) -> int | None:
    for i, line in enumerate(lines[:12]):
        if gold["title"] and line == gold["title"]:
            return i
    return None


def _font(run, name: str, size: float | None = None, bold: bool = False) -> None:
    run.font.name = name
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
    if size:
        run.font.size = Pt(size)
    if bold:
        run.bold = True


def _body_runs(paragraph, text: str, split_placeholders: bool) -> None:
    pos = 0
    matches = list(_PLACEHOLDER.finditer(text)) if split_placeholders else []
    for m in matches:
        if m.start() > pos:
            _font(paragraph.add_run(text[pos : m.start()]), "仿宋_GB2312")
        raw = m.group(0)
        if len(raw) > 1:
            _font(paragraph.add_run(raw[0]), "仿宋_GB2312")
            raw = raw[1:]
        run = paragraph.add_run(raw)
        _font(run, "仿宋_GB2312")
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        pos = m.end()
    if pos < len(text):
        _font(paragraph.add_run(text[pos:]), "仿宋_GB2312")


def _save(document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def plain_docx(draft: str) -> bytes:
    document = docx.Document()
    for line in paragraphs(draft):
        document.add_paragraph(line)
    return _save(document)


def styled_docx(draft: str, gold: dict) -> bytes:
    lines = paragraphs(draft)
    title = _title_line(lines, gold)
    heads = _heading_lines(lines, gold)
    document = docx.Document()
    for i, line in enumerate(lines):
        p = document.add_paragraph()
        if i == title:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _font(p.add_run(line), "方正小标宋简体", 22)
        elif i in heads and heads[i][0] == 1:
            _font(p.add_run(line), "黑体", bold=True)
        elif i in heads:
            head = next(h for h in gold["headings"] if h[0] == 2 and h[1] == heads[i][1] and line.find(h[2]) > 0)
            end = line.find(head[2]) + len(head[2])
            end += line.startswith("。", end)
            _font(p.add_run(line[:end]), "楷体_GB2312")
            _body_runs(p, line[end:], True)
        else:
            p.paragraph_format.first_line_indent = Pt(32)
            _body_runs(p, line, True)
    return _save(document)


def _numbering(document, starts: list[int]) -> list[int]:
    """Add a chineseCounting ``%1、`` list and one ``w:num`` per start value; returns their ids."""
    numbering = document.part.numbering_part.element
    abstract_id = 90
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/>'
            '<w:lvlJc w:val="left"/></w:lvl></w:abstractNum>'
        ),
    )
    ids = []
    for k, start in enumerate(starts):
        num_id = 90 + k
        override = (
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride>' if start != 1 or k else ""
        )
        numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'
            )
        )
        ids.append(num_id)
    return ids


def numbered_docx(draft: str, gold: dict, levels: int = 1) -> bytes:
    """Level-1 headings (and with ``levels=2`` the ``（一）`` under them) numbered by Word."""
    lines = paragraphs(draft)
    heads = _heading_lines(lines, gold)
    # Word counts on within one list; a number that does not follow the
    # previous one (a new part restarting at 一) starts a new list.
    starts: list[int] = []
    numbered: dict[int, tuple[int, int]] = {}  # line -> (list, ilvl)
    previous = None
    second = 0
    for i in sorted(heads):
        level, number, marker = heads[i]
        value = cn_value(number)
        if level == 1:
            if previous is None or value != previous + 1:
                starts.append(value)
            numbered[i] = (len(starts) - 1, 0)
            previous, second = value, 0
        elif levels == 2 and starts and value == second + 1 and marker.startswith("（"):
            # Word restarts the second level after each first-level item: only
            # a （一） that counts on from there can be numbered by Word (and a
            # half-width "(一)" would come out full-width: left as written).
            numbered[i] = (len(starts) - 1, 1)
            second = value
    document = docx.Document()
    ids = _numbering(document, starts) if starts else []
    for i, line in enumerate(lines):
        if i in numbered:
            p = document.add_paragraph(line[len(heads[i][2]) :])
            list_index, ilvl = numbered[i]
            numpr = parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{ids[list_index]}"/></w:numPr>'
            )
            p._p.get_or_add_pPr().append(copy.deepcopy(numpr))
        else:
            document.add_paragraph(line)
    return _save(document)


def build_form(form: str, draft: str, gold: dict, seed: str) -> tuple[bytes, str, dict]:
    """The upload bytes, a file name and the gold for that form.

    Only the converter forms change the gold: they add ``page_markers``, the
    page numbers the parser must remove (scored as for seed 004).
    """
    if form == "utf8":
        return draft.encode("utf-8"), f"{seed}.txt", gold
    if form == "gbk":
        return draft.encode("gb18030"), f"{seed}.txt", gold
    if form == "utf16":
        return draft.encode("utf-16"), f"{seed}.txt", gold
    if form in ("converter", "converter-lines"):
        text, pages = converter_text(draft) if form == "converter" else converter_lines_text(draft, seed)
        return text.encode("utf-8"), f"{seed}.txt", {**gold, "page_markers": pages}
    if form == "plain.docx":
        return plain_docx(draft), f"{seed}.docx", gold
    if form == "styled.docx":
        return styled_docx(draft, gold), f"{seed}.docx", gold
    if form == "numbered.docx":
        return numbered_docx(draft, gold), f"{seed}.docx", gold
    if form == "numbered2.docx":
        return numbered_docx(draft, gold, levels=2), f"{seed}.docx", gold
    raise ValueError(form)
