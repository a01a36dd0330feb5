from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from apps.core.views import run_service
from apps.proofreading.models import Suggestion
from apps.proofreading.selectors import (
    report_open_counts,
    report_profile,
    report_suggestion_rows,
    section_may_fill,
    section_suggestion_rows,
    suggestion_get_for_user,
)
from apps.proofreading.services import suggestion_accept, suggestion_reject, suggestions_accept_all
from apps.reports.selectors import report_get_for_user, section_get_for_user


def _back(request, report, section=None):
    """Back to the section page when the action came from there, else to the report's list."""
    if section is not None and request.POST.get("back") == "section":
        return redirect(f"{section.get_absolute_url()}#proofreading")
    url = reverse("proofreading:report_list", args=[report.pk])
    kind = request.POST.get("kind", "")
    return redirect(f"{url}?kind={kind}" if kind in Suggestion.Kind.values else url)


@login_required
@require_GET
def report_list(request, report_pk):
    """Every open 校对建议 of a report, optionally of one kind, with accept-all per kind and for the report."""
    report = report_get_for_user(user=request.user, pk=report_pk)
    kind = request.GET.get("kind", "")
    if kind not in Suggestion.Kind.values:
        kind = ""
    counts = report_open_counts(report=report)
    context = {
        "report": report,
        "proof_rows": report_suggestion_rows(report=report, kind=kind),
        "kinds": [(value, label, counts[value]) for value, label in Suggestion.Kind.choices if value in counts],
        "kind": kind,
        "profile": report_profile(report=report),
    }
    return render(request, "proofreading/report_list.html", context)


@login_required
@require_GET
def section_panel(request, report_pk, pk):
    """The 校对建议 panel of a section (what the section page includes)."""
    section = section_get_for_user(user=request.user, report_pk=report_pk, pk=pk)
    context = {
        "proof_rows": section_suggestion_rows(section=section),
        "section": section,
        "report": section.report,
        "fill_enabled": section_may_fill(section=section, user=request.user),
    }
    return render(request, "proofreading/includes/section_panel.html", context)


@login_required
@require_POST
def suggestion_accept_view(request, report_pk, pk):
    suggestion = suggestion_get_for_user(user=request.user, report_pk=report_pk, pk=pk)
    ok, _ = run_service(request, suggestion_accept, suggestion=suggestion, user=request.user)
    if ok:
        messages.success(request, f"已接受：{suggestion.original}→{suggestion.replacement}。")
    return _back(request, suggestion.report, suggestion.section)


@login_required
@require_POST
def suggestion_reject_view(request, report_pk, pk):
    suggestion = suggestion_get_for_user(user=request.user, report_pk=report_pk, pk=pk)
    ok, _ = run_service(request, suggestion_reject, suggestion=suggestion, user=request.user)
    if ok:
        messages.success(request, f"已忽略：{suggestion.original}。")
    return _back(request, suggestion.report, suggestion.section)


@login_required
@require_POST
def accept_all_view(request, report_pk):
    """Accept every open suggestion of the report, or of one section (``section``), or of one ``kind``."""
    report = report_get_for_user(user=request.user, pk=report_pk)
    section = None
    if request.POST.get("only_section"):
        section = section_get_for_user(user=request.user, report_pk=report.pk, pk=request.POST["only_section"])
    kind = request.POST.get("kind", "")
    if kind not in Suggestion.Kind.values:
        kind = ""
    ok, result = run_service(
        request, suggestions_accept_all, report=report, user=request.user, section=section, kind=kind
    )
    if ok:
        text = f"已接受 {result.accepted} 条建议。"
        if result.skipped:
            text += f"{result.skipped} 条只是提示、相互重叠或正文已变，未处理。"
        if result.refused_sections:
            names = "、".join(s.display_name for s in result.refused_sections[:5])
            text += f"您不能修改的章节（{names}）未处理。"
        messages.success(request, text)
    return _back(request, report, section)
