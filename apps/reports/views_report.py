"""The report pages: the home page's list of reports and a report's own page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from apps.reports import hooks
from apps.reports.selectors import (
    report_get_for_user,
    report_list_for_user,
    report_progress,
    report_suspicious_placeholders,
    section_list_with_counts,
)


@login_required
def report_list(request):
    context = {"reports": report_list_for_user(user=request.user)}
    # A drafter's home page starts with what is assigned to them and their departments.
    context.update(hooks.collect_dicts(hooks.HOME_CONTEXT, user=request.user))
    return render(request, "reports/report_list.html", context)


@login_required
def report_detail(request, pk):
    report = report_get_for_user(user=request.user, pk=pk)
    progress = report_progress(report=report)
    return render(
        request,
        "reports/report_detail.html",
        {
            "report": report,
            "sections": hooks.decorate_sections(section_list_with_counts(report=report)),
            "progress": progress,
            "suspicious": report_suspicious_placeholders(report=report),
            # review: readiness, and the empty blanks once every section is through review
            **hooks.collect_dicts(hooks.REPORT_CONTEXT, report=report, progress=progress),
        },
    )
