"""Reads for the exports, scoped by the caller's report or organisation."""

from __future__ import annotations

from apps.drafts.models import DraftUpload
from apps.exporting.models import ExportProfile, ExportRendering
from apps.reports.selectors import report_get_for_user

# Suffixes of the uploads whose file is the Word package itself (a .doc was
# converted by LibreOffice and cannot be filled in place).
IN_PLACE_SUFFIXES = (".docx",)


def export_profile_get(*, organization) -> ExportProfile:
    """The organisation's export profile; an unsaved GB/T 9704 default when it has none yet."""
    try:
        return ExportProfile.objects.get(organization=organization)
    except ExportProfile.DoesNotExist:
        return ExportProfile(organization=organization)


def report_source_upload(*, report) -> DraftUpload | None:
    """The latest parsed .docx upload the report was built from, or None."""
    uploads = DraftUpload.objects.filter(report=report, status=DraftUpload.Status.PARSED).order_by("-created_at", "-pk")
    for upload in uploads.only("pk", "file", "original_name", "created_at")[:1]:
        if upload.original_name.lower().endswith(IN_PLACE_SUFFIXES):
            return upload
    return None


def export_rendering_get_for_user(*, user, pk) -> ExportRendering:
    """A PDF rendering of a report of the user's organisation, or Http404."""
    from django.http import Http404

    try:
        rendering = ExportRendering.objects.get(pk=pk)
    except (ExportRendering.DoesNotExist, ValueError):
        raise Http404 from None
    rendering.report = report_get_for_user(user=user, pk=rendering.report_id)
    return rendering
