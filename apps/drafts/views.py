import logging

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from apps.accounts.selectors import membership_or_404
from apps.core.errors import PermissionDeniedError
from apps.core.views import run_service
from apps.drafts.forms import DraftRevisionForm, DraftUploadForm
from apps.drafts.models import DraftUpload
from apps.drafts.services import draft_revision_create, draft_upload_create
from apps.drafts.uploads import FORM_OVERHEAD, render_too_large
from apps.reports.selectors import report_get_for_user
from apps.reports.services_lifecycle import guard_can_edit_report

logger = logging.getLogger(__name__)


@login_required
@require_http_methods(["GET", "POST"])
def upload_create(request):
    membership = membership_or_404(user=request.user)
    if request.method == "POST":
        # UploadLimitMiddleware already refused a body declared too large; this is a second line
        # should the middleware be missing. Reading request.FILES runs SizeLimitUploadHandler,
        # which stops at the limit whatever was declared and marks the request.
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
        files = request.FILES if declared <= settings.UPLOAD_MAX_BYTES + FORM_OVERHEAD else None
        if files is None or getattr(request, "upload_too_large", False):
            logger.warning("upload refused: over the limit (declared %d bytes)", declared)
            return render_too_large(request)
        form = DraftUploadForm(request.POST, files)
        if form.is_valid():
            upload = draft_upload_create(
                organization=membership.organization,
                user=request.user,
                uploaded_file=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
            )
            return redirect(upload)
    else:
        form = DraftUploadForm()
    # An upload of a report in the 回收站 is left out with the report.
    uploads = (
        DraftUpload.objects.filter(organization=membership.organization)
        .exclude(report__deleted_at__isnull=False)
        .select_related("report")[:10]
    )
    return render(request, "drafts/upload_form.html", {"form": form, "uploads": uploads})


@login_required
@require_http_methods(["GET", "POST"])
def upload_revise(request, report_pk):
    """上传新版草稿 into an existing report: the same size limits and screening as a new upload."""
    report = report_get_for_user(user=request.user, pk=report_pk)
    try:
        guard_can_edit_report(user=request.user, report=report)
    except PermissionDeniedError as exc:
        raise PermissionDenied(exc.message) from exc
    if request.method == "POST":
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
        files = request.FILES if declared <= settings.UPLOAD_MAX_BYTES + FORM_OVERHEAD else None
        if files is None or getattr(request, "upload_too_large", False):
            logger.warning("revised draft refused: over the limit (declared %d bytes)", declared)
            return render_too_large(request)
        form = DraftRevisionForm(request.POST, files)
        if form.is_valid():
            ok, upload = run_service(
                request,
                draft_revision_create,
                report=report,
                user=request.user,
                uploaded_file=form.cleaned_data["file"],
            )
            if ok:
                return redirect(upload)
    else:
        form = DraftRevisionForm()
    return render(request, "drafts/upload_revise.html", {"form": form, "report": report})


def _upload_for(request, pk) -> DraftUpload:
    membership = membership_or_404(user=request.user)
    return get_object_or_404(DraftUpload.objects.select_related("report"), pk=pk, organization=membership.organization)


@login_required
def upload_detail(request, pk):
    return render(request, "drafts/upload_detail.html", {"upload": _upload_for(request, pk)})


@login_required
def upload_status(request, pk):
    """The progress fragment polled by the detail page (htmx)."""
    return render(request, "drafts/includes/upload_status.html", {"upload": _upload_for(request, pk)})


@login_required
@require_GET
def upload_download(request, pk):
    """The original file, to members of its organisation only: always an attachment, never rendered.

    Sent as application/octet-stream under the user's file name, with nosniff and a CSP that
    allows nothing, so that no browser runs or displays an uploaded .html/.svg in our origin.
    """
    upload = _upload_for(request, pk)
    try:
        handle = upload.file.open("rb")
    except (OSError, ValueError):
        logger.warning("upload %s: stored file %s missing on download", upload.pk, upload.file.name)
        raise Http404("文件已不存在。") from None
    response = FileResponse(
        handle, as_attachment=True, filename=upload.original_name, content_type="application/octet-stream"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    logger.info("upload %s downloaded by %s", upload.pk, request.user)
    return response
