from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.encoding import escape_uri_path
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.core.views import run_service
from apps.reports.selectors import report_get_for_user
from apps.sheets.forms import PredecessorForm, SheetUploadForm
from apps.sheets.models import SheetImport
from apps.sheets.selectors import predecessor_figures, predecessor_of, sheet_import_get_for_user, sheet_rows
from apps.sheets.services import (
    predecessor_clear,
    predecessor_set,
    sheet_guard_can_import,
    sheet_import_cancel,
    sheet_import_confirm,
    sheet_import_preview,
)
from apps.sheets.workbook import build_sheet

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_GET
def sheet_export(request, report_pk):
    """导出指标表.xlsx: every blank of the report, one row each (reads only)."""
    report = report_get_for_user(user=request.user, pk=report_pk)
    data = build_sheet(sheet_rows(report=report), title=report.title)
    response = HttpResponse(data, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{escape_uri_path('导出指标表.xlsx')}"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def sheet_import(request, report_pk):
    report = report_get_for_user(user=request.user, pk=report_pk)
    if request.method == "POST":  # before the upload is read: a reviewer gets 403, not a form error
        sheet_guard_can_import(user=request.user, report=report)
    form = SheetUploadForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        ok, sheet = run_service(
            request, sheet_import_preview, report=report, user=request.user, data=upload.read(), filename=upload.name
        )
        if ok:
            return redirect("sheets:import_preview", report_pk=report.pk, pk=sheet.pk)
    imports = SheetImport.objects.filter(report=report).select_related("uploaded_by")[:10]
    return render(request, "sheets/sheet_import.html", {"report": report, "form": form, "imports": imports})


@login_required
@require_GET
def import_preview(request, report_pk, pk):
    sheet = sheet_import_get_for_user(user=request.user, report_pk=report_pk, pk=pk)
    return render(request, "sheets/import_preview.html", {"report": sheet.report, "sheet": sheet})


@login_required
@require_POST
def import_confirm(request, report_pk, pk):
    sheet = sheet_import_get_for_user(user=request.user, report_pk=report_pk, pk=pk)
    if request.POST.get("action") == "cancel":
        ok, _ = run_service(request, sheet_import_cancel, sheet_import=sheet, user=request.user)
        if ok:
            messages.info(request, "已取消本次导入，报告未作任何修改。")
        return redirect("sheets:sheet_import", report_pk=sheet.report_id)
    accepted = {int(v) for v in request.POST.getlist("accept") if v.isdigit()}
    ok, sheet = run_service(request, sheet_import_confirm, sheet_import=sheet, user=request.user, accepted=accepted)
    if ok:
        messages.success(request, f"已导入 {sheet.outcome['changed']} 项数据。")
        return redirect("sheets:import_preview", report_pk=report_pk, pk=pk)
    return redirect("sheets:import_preview", report_pk=report_pk, pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def predecessor(request, report_pk):
    report = report_get_for_user(user=request.user, pk=report_pk)
    if request.method == "POST":
        sheet_guard_can_import(user=request.user, report=report)
    form = PredecessorForm(*((request.POST, request.FILES) if request.method == "POST" else ()), report=report)
    if request.method == "POST" and request.POST.get("action") == "clear":
        ok, _ = run_service(request, predecessor_clear, report=report, user=request.user)
        if ok:
            messages.info(request, "已取消上年报告。")
        return redirect("sheets:predecessor", report_pk=report.pk)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        ok, _ = run_service(
            request,
            predecessor_set,
            report=report,
            user=request.user,
            source_report=form.cleaned_data.get("source_report"),
            data=upload.read() if upload else None,
            filename=upload.name if upload else "",
        )
        if ok:
            messages.success(request, "上年报告已保存，各项指标旁将显示上年数据。")
            return redirect("sheets:predecessor", report_pk=report.pk)
    current = predecessor_of(report=report)
    context = {"report": report, "form": form, "current": current, "figures": predecessor_figures(predecessor=current)}
    return render(request, "sheets/predecessor.html", context)
