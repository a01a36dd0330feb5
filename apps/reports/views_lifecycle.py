"""Thin views of the report itself: 报告信息 (title, year, history, undo), delete, the 回收站, restore."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.accounts.selectors import admin_membership_or_403, membership_for_user
from apps.core.errors import PermissionDeniedError
from apps.core.views import run_service
from apps.reports.forms import ReportDetailsForm
from apps.reports.models import ReportChange
from apps.reports.selectors import report_changes, report_get_for_user, report_trash_for_user
from apps.reports.services_lifecycle import (
    guard_can_delete_report,
    guard_can_edit_report,
    report_change_undo,
    report_delete,
    report_restore,
    report_update_details,
)


def _may(guard, **kwargs) -> bool:
    try:
        guard(**kwargs)
    except PermissionDeniedError:
        return False
    return True


@login_required
@require_http_methods(["GET", "POST"])
def report_settings(request, pk):
    """报告信息: the title and year (their owners and admins change them), where it came from, its history."""
    report = report_get_for_user(user=request.user, pk=pk)
    can_edit = _may(guard_can_edit_report, user=request.user, report=report)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied("只有报告的创建人和本单位管理员可以修改报告标题和年度。")
        form = ReportDetailsForm(request.POST)
        if form.is_valid():
            ok, changes = run_service(
                request,
                report_update_details,
                report=report,
                user=request.user,
                title=form.cleaned_data["title"],
                year=form.cleaned_data["year"],
                confirm_drop=form.cleaned_data["confirm_drop"],
            )
            if ok:
                messages.success(request, "已保存，可在下方修改记录中撤销。" if changes else "没有需要保存的修改。")
                return redirect("reports:report_settings", pk=report.pk)
    else:
        form = ReportDetailsForm(initial={"title": report.title, "year": report.year})
    membership = membership_for_user(user=request.user)
    return render(
        request,
        "reports/report_settings.html",
        {
            "report": report,
            "form": form,
            "can_edit": can_edit,
            "can_delete": membership.is_admin,
            "changes": report_changes(report=report),
            "retention_days": settings.REPORT_RETENTION_DAYS,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def report_change_undo_view(request, pk, change_pk):
    report = report_get_for_user(user=request.user, pk=pk)
    try:
        guard_can_edit_report(user=request.user, report=report)
    except PermissionDeniedError as exc:
        raise PermissionDenied(exc.message) from exc
    try:
        change = ReportChange.objects.get(pk=change_pk, report=report)
    except (ReportChange.DoesNotExist, ValueError):
        raise Http404 from None
    change.report = report
    ok, _ = run_service(request, report_change_undo, change=change, user=request.user)
    if ok:
        messages.success(request, f"已撤销{change.get_action_display()}：{change.summary}")
    return redirect("reports:report_settings", pk=report.pk)


@login_required
@require_POST
def report_delete_view(request, pk):
    report = report_get_for_user(user=request.user, pk=pk)
    guard_can_delete_report(user=request.user, report=report)  # PermissionDeniedError → 403 (middleware)
    if not request.POST.get("confirm"):
        messages.error(request, "请先勾选“确认删除”，再点“删除报告”。")
        return redirect("reports:report_settings", pk=report.pk)
    ok, _ = run_service(request, report_delete, report=report, user=request.user)
    if not ok:
        return redirect("reports:report_settings", pk=report.pk)
    messages.success(request, f"报告《{report.title}》已移入回收站，管理员可在回收站中恢复。")
    return redirect("reports:report_list")


@login_required
@require_GET
def report_trash(request):
    admin_membership_or_403(user=request.user, message="只有本单位管理员可以查看回收站。")
    return render(
        request,
        "reports/report_trash.html",
        {"reports": report_trash_for_user(user=request.user), "retention_days": settings.REPORT_RETENTION_DAYS},
    )


@login_required
@require_POST
def report_restore_view(request, pk):
    report = report_get_for_user(user=request.user, pk=pk, deleted=None)
    ok, _ = run_service(request, report_restore, report=report, user=request.user)
    if ok:
        messages.success(request, f"报告《{report.title}》已恢复。")
        return redirect(report)
    return redirect("reports:report_trash")


@login_required
@require_GET
def report_revision(request, pk, change_pk):
    """What a revised draft carried, dropped (with the old value) and added: read from its ReportChange row."""
    report = report_get_for_user(user=request.user, pk=pk)
    try:
        change = ReportChange.objects.select_related("user").get(
            pk=change_pk, report=report, action=ReportChange.Action.REVISE
        )
    except (ReportChange.DoesNotExist, ValueError):
        raise Http404 from None
    return render(
        request, "reports/report_revision.html", {"report": report, "change": change, "summary": change.after}
    )
