"""The consistency findings (数据核对) of a report or a section, read from the values as they are now."""

from __future__ import annotations

from dataclasses import dataclass

from apps.consistency.rules import FieldItem, blanks_of_field, check, is_plan_heading
from apps.reports.models import Placeholder, Report


@dataclass(frozen=True)
class Finding:
    """A warning with the placeholders it names (each with its ``section``), for the templates."""

    code: str
    message: str
    placeholders: tuple[Placeholder, ...]

    @property
    def section_ids(self) -> set[int]:
        return {p.section_id for p in self.placeholders}


def report_findings(*, report: Report) -> list[Finding]:
    """Every finding of the report. One query for the placeholders, one for the sections."""
    sections = list(report.sections.order_by("order"))
    placeholders = list(
        Placeholder.objects.filter(report=report)
        .select_related("indicator", "section")
        .order_by("section__order", "order")
    )
    by_section: dict[int, list[Placeholder]] = {}
    for ph in placeholders:
        by_section.setdefault(ph.section_id, []).append(ph)
    by_pk = {ph.pk: ph for ph in placeholders}
    blanks = []
    chain: list[str] = []
    for index, section in enumerate(sections):
        chain = [*chain[: max(section.level - 1, 0)], section.heading] if section.level else []
        fields = {"title": report.title, "heading": section.heading, "body": section.body}
        for f_index, (field, text) in enumerate(fields.items()):
            items = [_item(ph) for ph in by_section.get(section.pk, ()) if ph.field == field]
            if items:
                base = (index * 3 + f_index) * 100_000
                blanks.extend(blanks_of_field(text, items, sentence_base=base, plan=is_plan_heading(chain)))
    return [Finding(f.code, f.message, tuple(by_pk[k] for k in f.keys if k in by_pk)) for f in check(blanks)]


def section_findings(*, section) -> list[Finding]:
    """The report's findings that name a placeholder of this section."""
    return [f for f in report_findings(report=section.report) if section.pk in f.section_ids]


def _item(ph: Placeholder) -> FieldItem:
    return FieldItem(
        key=ph.pk,
        offset=ph.offset,
        raw=ph.raw,
        value=ph.value,
        kind=ph.kind,
        role=ph.role,
        unit=ph.unit or ("%" if ph.kind == "percent" else ""),
        indicator=ph.indicator_id,
        label=ph.short_label,
        name=ph.indicator.name if ph.indicator_id else "",
    )
