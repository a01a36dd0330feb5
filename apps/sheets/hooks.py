"""What the sheets app adds to the reports pages (apps/reports/hooks.py; registered in ready())."""

from __future__ import annotations

from apps.reports import hooks
from apps.sheets.figures import LastYear, describe
from apps.sheets.selectors import last_year_by_indicator, predecessor_of, year_on_year_svg


def _last_year(*, report) -> dict:
    return {
        pk: LastYear(
            fig.value, fig.unit, fig.growth, fig.rank, fig.share, describe(fig), estimate=fig.period != "actual"
        )
        for pk, fig in last_year_by_indicator(report=report).items()
    }


def _report_context(*, report, progress) -> dict:
    predecessor = predecessor_of(report=report)
    return {"predecessor": predecessor, "year_chart": year_on_year_svg(report=report) if predecessor else ""}


def register_all() -> None:
    hooks.register(hooks.LAST_YEAR, _last_year)
    hooks.register(hooks.REPORT_CONTEXT, _report_context)
