"""Upload size enforcement before a request body is read.

Two layers, both driven by settings.UPLOAD_MAX_BYTES:

- ``UploadLimitMiddleware`` answers 413 to a POST whose declared Content-Length is over the
  limit, before anything (the CSRF middleware included) touches ``request.POST``, so the body
  is never read.
- ``SizeLimitUploadHandler`` (first in settings.FILE_UPLOAD_HANDLERS) counts the bytes that
  actually arrive for each file and stops the multipart parser as soon as a file passes the
  limit, whatever Content-Length or the part headers claimed. The request is then marked
  (``request.upload_too_large``) and the upload view answers 413 without storing anything.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat

logger = logging.getLogger(__name__)

# Room for the multipart boundaries and the other form fields around the file.
FORM_OVERHEAD = 64 * 1024


def too_large_message() -> str:
    return f"文件过大，上限为 {filesizeformat(settings.UPLOAD_MAX_BYTES)}。请压缩图片或拆分文件后重试。"


def render_too_large(request):
    """The 413 page: the upload form's layout with the message, no form state."""
    from apps.drafts.forms import DraftUploadForm

    return render(
        request, "drafts/upload_form.html", {"form": DraftUploadForm(), "error": too_large_message()}, status=413
    )


class UploadLimitMiddleware:
    """Refuse a request body declared larger than the upload limit, before it is read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("POST", "PUT", "PATCH"):
            try:
                declared = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                declared = 0
            if declared > settings.UPLOAD_MAX_BYTES + FORM_OVERHEAD:
                logger.warning(
                    "request body refused before reading: %s %s declares %d bytes (limit %d)",
                    request.method,
                    request.path,
                    declared,
                    settings.UPLOAD_MAX_BYTES,
                )
                request.upload_too_large = True
                return render_too_large(request)
        return self.get_response(request)


class SizeLimitUploadHandler(FileUploadHandler):
    """Stop reading an uploaded file as soon as it passes settings.UPLOAD_MAX_BYTES."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.UPLOAD_MAX_BYTES:
            logger.warning(
                "upload stopped after %d bytes of %r: over the limit of %d bytes",
                self.received,
                self.file_name,
                settings.UPLOAD_MAX_BYTES,
            )
            if self.request is not None:
                self.request.upload_too_large = True
            # connection_reset: do not read (and discard) the rest of the body either.
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handlers build the file
