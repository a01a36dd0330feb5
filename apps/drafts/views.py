import logging

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.views.decorators.http import require_http_methods

from apps.accounts.selectors import membership_for_user
from apps.drafts.forms import DraftUploadForm
from apps.drafts.models import DraftUpload
from apps.drafts.services import draft_upload_create

logger = logging.getLogger(__name__)

# Room for the multipart boundaries and the other form fields around the file.
FORM_OVERHEAD = 64 * 1024


def _membership_or_404(request):
    membership = membership_for_user(user=request.user)
    if membership is None:
        raise Http404
    return membership


@login_required
@require_http_methods(["GET", "POST"])
def upload_create(request):
    membership = _membership_or_404(request)
    if request.method == "POST":
        # Refuse an oversized body before Django reads it into a temporary file.
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
        if declared > settings.UPLOAD_MAX_BYTES + FORM_OVERHEAD:
            logger.warning("upload refused: body of %d bytes over the limit", declared)
            error = f"文件过大，上限为 {filesizeformat(settings.UPLOAD_MAX_BYTES)}。请压缩图片或拆分文件后重试。"
            return render(request, "drafts/upload_form.html", {"form": DraftUploadForm(), "error": error}, status=413)
        form = DraftUploadForm(request.POST, request.FILES)
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
    uploads = DraftUpload.objects.filter(organization=membership.organization).select_related("report")[:10]
    return render(request, "drafts/upload_form.html", {"form": form, "uploads": uploads})


def _upload_for(request, pk) -> DraftUpload:
    membership = _membership_or_404(request)
    return get_object_or_404(DraftUpload.objects.select_related("report"), pk=pk, organization=membership.organization)


@login_required
def upload_detail(request, pk):
    return render(request, "drafts/upload_detail.html", {"upload": _upload_for(request, pk)})


@login_required
def upload_status(request, pk):
    """The progress fragment polled by the detail page (htmx)."""
    return render(request, "drafts/includes/upload_status.html", {"upload": _upload_for(request, pk)})
