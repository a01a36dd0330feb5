from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.encoding import escape_uri_path

from apps.core.views import run_service
from apps.exporting.services import report_export_docx
from apps.reports.selectors import report_get_for_user

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
def report_export(request, pk):
    """?draft=1 for a draft (always allowed); otherwise the final version."""
    report = report_get_for_user(user=request.user, pk=pk)
    draft = request.GET.get("draft") == "1"
    ok, result = run_service(request, report_export_docx, report=report, user=request.user, draft=draft)
    if not ok:
        return redirect(report)
    data, filename = result
    response = HttpResponse(data, content_type=DOCX_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{escape_uri_path(filename)}"
    return response
