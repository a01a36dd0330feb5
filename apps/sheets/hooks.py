"""What the sheets app adds to the reports pages (apps/reports/hooks.py; registered in ready())."""

from __future__ import annotations

from apps.reports import hooks
from apps.sheets.charts import LEGEND, bars_png, table_rows
from apps.sheets.figures import LastYear, describe
from apps.sheets.selectors import last_year_by_indicator, predecessor_of, year_on_year_pairs, year_on_year_svg

APPENDIX_TITLE = "附：主要指标本年与上年对比"
APPENDIX_WIDTH_MM = 150  # within the 156 mm type area


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


def _export_appendix(*, report) -> list[dict]:
    """The chart of the report page as a picture with its table, for 导出草稿 with 附主要指标对比图:
    nothing without a predecessor or without an indicator matched in it."""
    pairs = year_on_year_pairs(report=report)
    if not pairs:
        return []
    return [
        {
            "title": APPENDIX_TITLE,
            "png": bars_png(pairs),
            "width_mm": APPENDIX_WIDTH_MM,
            "rows": table_rows(pairs),
            "caption": LEGEND,
        }
    ]


def register_all() -> None:
    hooks.register(hooks.LAST_YEAR, _last_year)
    hooks.register(hooks.REPORT_CONTEXT, _report_context)
    hooks.register(hooks.EXPORT_APPENDIX, _export_appendix)
