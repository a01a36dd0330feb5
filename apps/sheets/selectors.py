"""Reads of the sheets app: the rows of the indicator sheet, last year's figures, the imports of a report."""

from __future__ import annotations

from dataclasses import replace

from apps.reports.models import Placeholder, Report
from apps.reports.selectors import report_get_for_user
from apps.sheets.figures import Figure, describe
from apps.sheets.matching import Target, convert, match_figures
from apps.sheets.models import Predecessor, SheetImport
from apps.sheets.workbook import SheetRow

FIGURE_ROLES = ("value", "growth", "rank", "share")


def placeholder_key(placeholder) -> str:
    """The stable key of a blank in the exported sheet: report and placeholder id."""
    return f"{placeholder.report_id}:{placeholder.pk}"


def predecessor_of(*, report: Report) -> Predecessor | None:
    return Predecessor.objects.filter(report=report).select_related("source_report").first()


def report_figures(*, report: Report) -> list[Figure]:
    """The figures a report in the system gives (its filled indicator blanks), as a finished report's would be."""
    figures: dict[int, Figure] = {}
    placeholders = (
        Placeholder.objects.filter(report=report, role__in=FIGURE_ROLES)
        .exclude(value="")
        .exclude(indicator=None)
        .select_related("indicator")
        .order_by("section__order", "order")
    )
    for ph in placeholders:
        ind = ph.indicator
        fig = figures.setdefault(ind.pk, Figure(name=ind.name, scope=ind.scope, period=ind.period))
        if not getattr(fig, ph.role):
            setattr(fig, ph.role, ph.value)
            if ph.role == "value":
                fig.unit = ph.unit or ind.unit
    return list(figures.values())


def predecessor_figures(*, predecessor: Predecessor | None) -> list[Figure]:
    if predecessor is None:
        return []
    if predecessor.source_report_id:
        if predecessor.source_report.deleted_at is not None:
            return []  # in the 回收站: like every selector, leave it out
        return report_figures(report=predecessor.source_report)
    return [Figure.from_dict(d) for d in predecessor.figures]


def last_year_by_indicator(*, report: Report) -> dict[int, Figure]:
    """indicator id → last year's figure of it, its value in this year's unit (万元 → 亿元 converted).
    Empty when the report has no predecessor."""
    figures = predecessor_figures(predecessor=predecessor_of(report=report))
    if not figures:
        return {}
    targets = [
        Target(key=ind.pk, name=ind.name, scope=ind.scope, period=ind.period, unit=ind.unit)
        for ind in report.indicators.all()
    ]
    units = {t.key: t.unit for t in targets}
    return {
        key: replace(fig, value=convert(fig.value, factor), unit=units[key] if factor != 1 else fig.unit)
        for key, (fig, factor) in match_figures(figures, targets).items()
    }


def last_year_notes(*, report: Report) -> dict[int, str]:
    """indicator id → ``上年：312.6亿元，增长7.8%，第3位``."""
    return {pk: describe(fig) for pk, fig in last_year_by_indicator(report=report).items()}


def sheet_rows(*, report: Report) -> list[SheetRow]:
    """Every blank of the report as a row of the indicator sheet, in document order."""
    notes = last_year_by_indicator(report=report)
    rows = []
    placeholders = (
        Placeholder.objects.filter(report=report)
        .select_related("section", "indicator")
        .order_by("section__order", "order")
    )
    for ph in placeholders:
        ind = ph.indicator
        last = ""
        if ind is not None and ind.pk in notes:
            fig = notes[ind.pk]
            last = {
                "value": fig.value and f"{fig.value}{fig.unit}",
                "growth": fig.growth and f"{fig.growth}%",
                "rank": fig.rank and f"第{fig.rank}位",
                "share": fig.share and f"{fig.share}%",
            }.get(ph.role, "")
        rows.append(
            SheetRow(
                key=placeholder_key(ph),
                section=ph.section.display_name[:60],
                scope=(ind.scope or "全县") if ind else "",
                name=ind.name if ind else "",
                role=ph.role,
                unit=ph.unit or ("%" if ph.kind == "percent" else ""),
                kind=ph.kind,
                value=ph.value,
                last_year=last,
                note=ph.full_label,
            )
        )
    return rows


def report_targets(*, report: Report) -> list[Target]:
    """The report's indicators with their blanks by role, for matching a bureau sheet."""
    targets: dict[int, Target] = {}
    placeholders = (
        Placeholder.objects.filter(report=report)
        .exclude(indicator=None)
        .select_related("indicator")
        .order_by("indicator__order", "section__order", "order")
    )
    for ph in placeholders:
        ind = ph.indicator
        target = targets.setdefault(
            ind.pk, Target(key=ind.pk, name=ind.name, scope=ind.scope, period=ind.period, unit=ind.unit)
        )
        if ph.role in ("value", "growth", "rank") and ph.role not in target.cells:
            target.cells[ph.role] = ph
            if ph.role == "value" and ph.unit:
                target.unit = ph.unit
    return list(targets.values())


def sheet_import_get_for_user(*, user, report_pk, pk) -> SheetImport:
    report = report_get_for_user(user=user, pk=report_pk)
    from django.shortcuts import get_object_or_404

    return get_object_or_404(SheetImport.objects.select_related("report"), report=report, pk=pk)


def year_on_year_pairs(*, report: Report, limit: int = 10) -> list:
    """Key indicators with a value this year and last year, in report order (actual figures first)."""
    from apps.sheets.charts import Pair

    last = last_year_by_indicator(report=report)
    pairs, seen = [], set()
    for target in report_targets(report=report):
        fig = last.get(target.key)
        value = target.cells.get("value")
        if fig is None or value is None or not value.value or not fig.value or target.name in seen:
            continue
        try:
            this_year, last_year = float(value.value), float(fig.value)
        except ValueError:
            continue
        growth = target.cells.get("growth")
        seen.add(target.name)
        pairs.append(
            Pair(
                f"{target.scope}{target.name}",
                target.unit,
                this_year,
                last_year,
                growth.value if growth is not None else "",
            )
        )
    return pairs[:limit]


def year_on_year_svg(*, report: Report) -> str:
    from apps.sheets.charts import bars_svg

    return bars_svg(year_on_year_pairs(report=report))
