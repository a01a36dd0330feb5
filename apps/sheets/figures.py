"""Last year's figures read from a finished report (numbers written in, no placeholders). Pure Python: no Django.

The parser finds indicators around placeholders, so a finished text is first turned into a draft: every number
followed by a unit, a ``%`` or ``位``/``名`` (and every ``第N``) becomes ``XX``. The parse of that draft names
the indicator, role and unit of each ``XX``; the number it replaced is the figure. Placeholders and replaced
numbers are paired in document order, each checked by the characters before it, so text the parser drops
(a web page's header, page numbers) shifts nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from apps.consistency.rules import is_plan_heading
from apps.parsing import ParseResult, parse_draft
from apps.parsing.units import PERCENT_UNITS, UNIT_RE

# A number as written in a report, followed by what makes it a figure.
_NUMBER = re.compile(r"(?<![\d.A-Za-z])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\d.])")
_NOT_FIGURE_AFTER = re.compile(r"\s*(?:年|月|日|号|时|岁|\+|：|:|-|—|/|\.)")
_CONTEXT = 6
_SENTENCE = re.compile(r"[。；;！？!?\n]")
# A five-year review (从2015年的…增长到…, 年均增长…) or a target: not the year's own figure.
_NOT_ONE_YEAR = re.compile(r"年均|累计|五年|三年|十三五|十四五|从\d{4}年|由\d{4}年|目标|力争|预期")
_SPACE = re.compile(r"\s|&nbsp;?|\?{2,}")

ROLES = ("value", "growth", "rank", "share")


@dataclass
class Figure:
    """What a report says of one indicator (``scope`` + ``name`` in ``period``): its columns as written."""

    name: str
    scope: str = ""
    period: str = "actual"
    unit: str = ""
    value: str = ""
    growth: str = ""
    rank: str = ""
    share: str = ""

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in ("name", "scope", "period", "unit", "value", "growth", "rank", "share")}

    @classmethod
    def from_dict(cls, data: dict) -> Figure:
        return cls(**{k: str(data.get(k) or "") for k in cls.__dataclass_fields__})


@dataclass
class Draftified:
    text: str
    numbers: list[tuple[int, str]] = field(default_factory=list)  # (position of the XX in ``text``, number)


def draftify(text: str) -> Draftified:
    """``text`` with every figure replaced by ``XX``, and what each ``XX`` replaced."""
    out: list[str] = []
    numbers: list[tuple[int, str]] = []
    pos = length = 0
    for m in _NUMBER.finditer(text):
        after = text[m.end() : m.end() + 8]
        before = text[max(0, m.start() - 1) : m.start()]
        stripped = after.lstrip()
        is_figure = (
            before == "第"
            or stripped[:1] in PERCENT_UNITS
            or (UNIT_RE.match(stripped) is not None and not _NOT_FIGURE_AFTER.match(after))
        )
        if not is_figure:
            continue
        kept = text[pos : m.start()]
        out.append(kept)
        length += len(kept)
        numbers.append((length, (m.group(1) + (m.group(2) or "")).replace(",", "")))
        out.append("XX")
        length += 2
        pos = m.end()
    out.append(text[pos:])
    return Draftified("".join(out), numbers)


def _context(text: str, end: int) -> str:
    return _SPACE.sub("", text[max(0, end - 3 * _CONTEXT) : end])[-_CONTEXT:]


def aligned_numbers(result: ParseResult, draft: Draftified) -> dict[tuple[int, int], str]:
    """``(section index, placeholder index)`` → the number each ``XX`` of the parsed draft replaced."""
    contexts = [_context(draft.text, at) for at, _ in draft.numbers]
    fields: list[tuple[str, list[tuple[tuple[int, int], object]]]] = []
    for s_index, section in enumerate(result.sections):
        indexed = list(enumerate(section.placeholders))
        if s_index == 0:
            fields.append((result.title, [((0, i), p) for i, p in indexed if p.field == "title"]))
        for field_name, text in (("heading", section.heading), ("body", section.body)):
            fields.append((text, [((s_index, i), p) for i, p in indexed if p.field == field_name]))
    out, k = {}, 0
    for text, placeholders in fields:
        for where, ph in sorted(placeholders, key=lambda item: item[1].offset):
            if ph.raw != "XX":
                continue
            want = _context(text, ph.offset)
            found = next((j for j in range(k, min(k + 8, len(contexts))) if contexts[j] == want), None)
            if found is not None:
                out[where] = draft.numbers[found][1]
                k = found + 1
    return out


def figures_from_parse(result: ParseResult, draft: Draftified) -> list[Figure]:
    """The figures of a parsed draftified text (see :func:`draftify`), one per indicator, in order.

    Figures under a heading about plans or targets (``2024年工作安排``) are next year's, not this year's, and are
    left out."""
    numbers = aligned_numbers(result, draft)
    figures: dict[int, Figure] = {}
    multi_year: set[tuple[int, str]] = set()  # (indicator, role) taken from a 年均 / 从…到… clause so far
    chain: list[str] = []
    for s_index, section in enumerate(result.sections):
        chain = [*chain[: max(section.level - 1, 0)], section.heading] if section.level else []
        if is_plan_heading(chain):
            continue
        for p_index, ph in enumerate(section.placeholders):
            number = numbers.get((s_index, p_index))
            if number is None or ph.indicator is None or ph.role not in ROLES:
                continue
            ind = result.indicators[ph.indicator]
            fig = figures.setdefault(ph.indicator, Figure(name=ind.name, scope=ind.scope, period=ind.period))
            text = section.heading if ph.field == "heading" else section.body
            sentence = _SENTENCE.split(text[max(0, ph.offset - 200) : ph.offset])[-1]
            other_years = bool(_NOT_ONE_YEAR.search(sentence))
            key = (ph.indicator, ph.role)
            if getattr(fig, ph.role) and (key not in multi_year or other_years):
                continue  # the first mention of the year's own figure is the one the report leads with
            if other_years:
                multi_year.add(key)
            else:
                multi_year.discard(key)
            setattr(fig, ph.role, number)
            if ph.role == "value":
                fig.unit = ph.unit or ind.unit or ""
    return [figures[i] for i in sorted(figures)]


def figures_from_text(data: bytes, *, filename: str = "report.txt") -> list[Figure]:
    """The figures of a finished report (.txt or .docx bytes). Raises ``ParseError`` like the parser."""
    first = parse_draft(data, filename=filename)
    # Read the text the parser kept (decoded, .docx paragraphs, clutter removed), then draftify that.
    from apps.parsing import assemble_text

    text = assemble_text(first, {})
    draft = draftify(text)
    return figures_from_parse(parse_draft(draft.text.encode("utf-8"), filename="draft.txt"), draft)


def describe(fig: Figure) -> str:
    """``上年：312.6亿元，增长7.8%，第3位`` (only the columns the report gave)."""
    parts = []
    if fig.value:
        parts.append(f"{fig.value}{fig.unit}")
    if fig.growth:
        parts.append(f"下降{fig.growth.lstrip('-')}%" if fig.growth.startswith("-") else f"增长{fig.growth}%")
    if fig.rank:
        parts.append(f"第{fig.rank}位")
    if fig.share:
        parts.append(f"占比{fig.share}%")
    return "上年：" + "，".join(parts) if parts else ""


@dataclass(frozen=True)
class LastYear:
    """Last year's figure of an indicator as the ``last_year`` hook gives it (apps/reports/hooks.py)."""

    value: str
    unit: str
    growth: str
    rank: str
    share: str
    text: str
    estimate: bool = False  # given as 预计 last year (revised since)
