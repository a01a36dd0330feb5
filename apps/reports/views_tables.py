"""The report's tables of blanks: every placeholder, and the indicator table."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from apps.reports import hooks
from apps.reports.selectors import (
    indicator_rows,
    placeholder_context,
    placeholder_rows,
    report_get_for_user,
    report_progress,
)


@login_required
def indicator_table(request, pk):
    report = report_get_for_user(user=request.user, pk=pk)
    only_empty = request.GET.get("empty") == "1"
    rows, page = indicator_rows(report=report, only_empty=only_empty, page=request.GET.get("page", 1))
    last_year = hooks.last_year(report)  # last year's figure under each indicator's name
    for row in rows:
        figure = last_year.get(row["indicator"].pk)
        row["last_year"] = figure.text if figure is not None else ""
    return render(
        request,
        "reports/indicator_table.html",
        {
            "report": report,
            "rows": rows,
            "page": page,
            "only_empty": only_empty,
            "progress": report_progress(report=report),
        },
    )


@login_required
def placeholder_list(request, pk):
    report = report_get_for_user(user=request.user, pk=pk)
    only_empty = request.GET.get("empty", "1") == "1"
    page = placeholder_rows(report=report, only_empty=only_empty, page=request.GET.get("page", 1))
    rows = []
    for ph in page:
        ph.section.report = report
        rows.append((ph, *placeholder_context(placeholder=ph)))
    return render(
        request,
        "reports/placeholder_list.html",
        {
            "report": report,
            "rows": rows,
            "page": page,
            "only_empty": only_empty,
            "progress": report_progress(report=report),
        },
    )
