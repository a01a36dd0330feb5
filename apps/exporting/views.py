from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.encoding import escape_uri_path
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.accounts.selectors import admin_membership_or_403
from apps.core.views import run_service
from apps.exporting.fonts import installed_families, profile_font_status
from apps.exporting.forms import ExportProfileForm, ReportSignatureForm
from apps.exporting.models import ExportRendering
from apps.exporting.selectors import export_profile_get, export_rendering_get_for_user
from apps.exporting.services import (
    export_profile_update,
    report_export_docx,
    report_export_in_place_docx,
    report_signature_update,
)
from apps.exporting.services_pdf import export_rendering_request, soffice_available
from apps.reports.selectors import report_get_for_user
from apps.reports.services_report_status import report_finalize

PROFILE_FONT_FIELDS = (
    "title_font",
    "body_font",
    "level1_font",
    "level2_font",
    "level3_font",
    "level4_font",
    "latin_font",
    "page_number_font",
)
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _docx_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=DOCX_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{escape_uri_path(filename)}"
    return response


def _export(request, pk, service, **options):
    report = report_get_for_user(user=request.user, pk=pk)
    draft = request.GET.get("draft") == "1"
    ok, result = run_service(request, service, report=report, user=request.user, draft=draft, **options)
    if not ok:
        return redirect(report)
    return _docx_response(*result)


@login_required
@require_GET
def report_export(request, pk):
    """?draft=1 for a draft (always allowed), &chart=1 with the 附主要指标对比图 appendix; otherwise the
    final version, once finalized. Reads only."""
    return _export(request, pk, report_export_docx, appendix=request.GET.get("chart") == "1")


@login_required
@require_GET
def report_export_in_place(request, pk):
    """The uploaded .docx with the values written in; ?draft=1 leaves empty placeholders as written."""
    return _export(request, pk, report_export_in_place_docx)


_FINAL_EXPORTS = {"standard": "exporting:report_export", "in_place": "exporting:report_export_in_place"}


@login_required
@require_POST
def report_finalize_view(request, pk):
    """定稿并导出: finalize the report (a POST, never a link a browser might prefetch), then download it."""
    report = report_get_for_user(user=request.user, pk=pk)
    ok, _ = run_service(request, report_finalize, report=report, user=request.user)
    if not ok:
        return redirect(report)
    messages.success(request, "报告已定稿。")
    return redirect(_FINAL_EXPORTS.get(request.POST.get("layout"), _FINAL_EXPORTS["standard"]), pk=report.pk)


@login_required
@require_http_methods(["GET", "POST"])
def report_signature(request, pk):
    report = report_get_for_user(user=request.user, pk=pk)
    form = ReportSignatureForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        ok, _ = run_service(
            request,
            report_signature_update,
            report=report,
            user=request.user,
            signer=form.cleaned_data["signer"],
            sign_date=form.cleaned_data["sign_date"],
        )
        if ok:
            messages.success(request, "落款和成文日期已保存。")
            return redirect(report)
    return render(request, "exporting/report_signature_form.html", {"report": report, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def export_profile_edit(request):
    membership = admin_membership_or_403(user=request.user, message="只有本单位管理员可以修改导出版式。")
    profile = export_profile_get(organization=membership.organization)
    form = ExportProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        ok, _ = run_service(
            request,
            export_profile_update,
            organization=membership.organization,
            user=request.user,
            values=form.cleaned_data,
        )
        if ok:
            messages.success(request, "导出版式已保存，之后的导出都将使用新设置。")
            return redirect("exporting:export_profile")
    families = installed_families()
    fonts = None
    if families is not None:
        roles = [(form[name].label, getattr(profile, name)) for name in PROFILE_FONT_FIELDS]
        fonts = profile_font_status(roles, families)
    context = {"form": form, "profile": profile, "fonts": fonts, "soffice": soffice_available()}
    return render(request, "exporting/exportprofile_form.html", context)


@login_required
@require_POST
def report_pdf_request(request, pk):
    """导出 PDF: reuse or enqueue the rendering of this export, then show its progress page."""
    report = report_get_for_user(user=request.user, pk=pk)
    layout = request.POST.get("layout", ExportRendering.Layout.STANDARD)
    draft = request.POST.get("draft") == "1"
    ok, rendering = run_service(
        request, export_rendering_request, report=report, user=request.user, layout=layout, draft=draft
    )
    if not ok:
        return redirect(report)
    return redirect("exporting:rendering_detail", pk=rendering.pk)


@login_required
@require_GET
def rendering_detail(request, pk):
    rendering = export_rendering_get_for_user(user=request.user, pk=pk)
    context = {"rendering": rendering, "report": rendering.report, "soffice": soffice_available()}
    return render(request, "exporting/rendering_detail.html", context)


@login_required
@require_GET
def rendering_status(request, pk):
    """The progress fragment polled by the rendering page (htmx)."""
    rendering = export_rendering_get_for_user(user=request.user, pk=pk)
    return render(request, "exporting/includes/rendering_status.html", {"rendering": rendering})


@login_required
@require_GET
def rendering_download(request, pk):
    rendering = export_rendering_get_for_user(user=request.user, pk=pk)
    if rendering.status != ExportRendering.Status.DONE or not rendering.pdf:
        raise Http404("PDF 尚未生成。")
    try:
        handle = rendering.pdf.open("rb")
    except (OSError, ValueError):
        raise Http404("PDF 已不存在，请重新导出。") from None
    suffix = "草稿" if rendering.draft else "定稿"
    name = f"{rendering.report.title}（{suffix}）.pdf"
    return FileResponse(handle, as_attachment=True, filename=name, content_type="application/pdf")


@login_required
@require_GET
def rendering_page(request, pk, page):
    """The PNG preview of one of the first pages."""
    rendering = export_rendering_get_for_user(user=request.user, pk=pk)
    if rendering.status != ExportRendering.Status.DONE or not 1 <= page <= rendering.preview_pages:
        raise Http404
    try:
        handle = default_storage.open(rendering.preview_name(page), "rb")
    except (OSError, ValueError):
        raise Http404 from None
    return FileResponse(handle, content_type="image/png")
