from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from apps.consistency.selectors import section_findings
from apps.reports.selectors import section_get_for_user


@login_required
@require_GET
def section_panel(request, report_pk, pk):
    """The 数据核对 panel of a section, fetched again by the page after a value is saved."""
    section = section_get_for_user(user=request.user, report_pk=report_pk, pk=pk)
    context = {"consistency_findings": section_findings(section=section), "section": section, "report": section.report}
    return render(request, "consistency/includes/section_panel.html", context)
