"""The consistency findings (数据核对) of a report or a section, read from the values as they are now."""

from __future__ import annotations

from dataclasses import dataclass

from apps.consistency.rules import FieldItem, blanks_of_field, check, is_plan_heading
from apps.reports import hooks
from apps.reports.models import Placeholder, Report

# What the checks read of every section: its heading and where it sits
# (report_id too: the related manager reads it, and a deferred field would cost a query per section).
_SECTION_FIELDS = ("id", "report_id", "order", "level", "heading")


@dataclass(frozen=True)
class Finding:
    """A warning with the placeholders it names (each with its ``section``), for the templates."""

    code: str
    message: str
    placeholders: tuple[Placeholder, ...]

    @property
    def section_ids(self) -> set[int]:
        return {p.section_id for p in self.placeholders}


def report_findings(*, report: Report, section=None) -> list[Finding]:
    """Every finding of the report (or only those naming a placeholder of ``section``).

    Only filled placeholders are read: an empty one keeps its raw text in the section's text, which is
    all the checks need of it. For one section, the other sections contribute only the values of the
    indicators this section names (the one check that spans sections compares those).
    """
    filled = Placeholder.objects.filter(report=report).exclude(value="")
    if section is not None:
        own = filled.filter(section=section)
        indicators = own.exclude(indicator=None).values("indicator_id")
        filled = own | filled.filter(indicator_id__in=indicators)
    placeholders = list(filled.select_related("indicator", "section").order_by("section__order", "order"))
    if not placeholders:
        return []
    section_ids = {ph.section_id for ph in placeholders}
    # Every heading (for the chain above each text), but the bodies of the sections with values only.
    sections = list(report.sections.order_by("order").only(*_SECTION_FIELDS))
    bodies = dict(report.sections.filter(pk__in=section_ids).values_list("pk", "body"))
    by_section: dict[int, list[Placeholder]] = {}
    for ph in placeholders:
        by_section.setdefault(ph.section_id, []).append(ph)
    by_pk = {ph.pk: ph for ph in placeholders}
    last_year = hooks.last_year(report)  # indicator id → last year's figure (the predecessor's)
    blanks = []
    chain: list[str] = []
    for index, sec in enumerate(sections):
        chain = [*chain[: max(sec.level - 1, 0)], sec.heading] if sec.level else []
        if sec.pk not in section_ids:
            continue
        fields = {"title": report.title, "heading": sec.heading, "body": bodies[sec.pk]}
        for f_index, (field, text) in enumerate(fields.items()):
            items = [_item(ph, last_year) for ph in by_section.get(sec.pk, ()) if ph.field == field]
            if items:
                base = (index * 3 + f_index) * 100_000
                blanks.extend(blanks_of_field(text, items, sentence_base=base, plan=is_plan_heading(chain)))
    findings = [Finding(f.code, f.message, tuple(by_pk[k] for k in f.keys if k in by_pk)) for f in check(blanks)]
    if section is not None:
        findings = [f for f in findings if section.pk in f.section_ids]
    return findings


def section_findings(*, section) -> list[Finding]:
    """The report's findings that name a placeholder of this section."""
    return report_findings(report=section.report, section=section)


def _item(ph: Placeholder, last_year: dict) -> FieldItem:
    figure = last_year.get(ph.indicator_id) if ph.role == "value" else None
    same_unit = figure is not None and (not figure.unit or not ph.unit or figure.unit == ph.unit)
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
        last_value=figure.value if same_unit else "",
        last_estimate=bool(same_unit and figure.estimate),
    )
