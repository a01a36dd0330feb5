"""Ingestion: store an upload, run its parse, record the outcome."""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.db import transaction

from apps.drafts.models import DraftUpload
from apps.parsing import ParseError, ParseOptions, parse_draft
from apps.reports.services import report_create_from_parse, report_replace_from_parse

logger = logging.getLogger(__name__)

ALLOWED_SUFFIXES = (".docx", ".txt", ".doc", ".wps")
MAX_ATTEMPTS = 3


def parse_options() -> ParseOptions:
    return ParseOptions(max_bytes=settings.UPLOAD_MAX_BYTES, soffice_path=settings.SOFFICE_PATH)


def draft_upload_create(*, organization, user, uploaded_file, title: str = "", enqueue: bool = True) -> DraftUpload:
    """Store the file and, unless ``enqueue`` is False, enqueue its parse once the row is committed."""
    from apps.drafts.tasks import draft_parse  # the task module imports this one

    digest = hashlib.sha256()
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
    uploaded_file.seek(0)
    with transaction.atomic():
        upload = DraftUpload.objects.create(
            organization=organization,
            uploaded_by=user,
            file=uploaded_file,
            original_name=uploaded_file.name[:255],
            size=uploaded_file.size,
            sha256=digest.hexdigest(),
            title=title[:300],
        )
        if enqueue:
            transaction.on_commit(lambda: draft_parse.delay(upload.pk))
    logger.info(
        "upload %s stored: %s (%d bytes, sha256 %s)", upload.pk, upload.original_name, upload.size, upload.sha256
    )
    return upload


def _progress(upload: DraftUpload, code: str, percent: int) -> None:
    DraftUpload.objects.filter(pk=upload.pk).update(progress_code=code, progress_percent=percent)


def _fail(upload: DraftUpload, code: str, message: str) -> None:
    upload.status = DraftUpload.Status.FAILED
    upload.progress_code, upload.progress_percent = "failed", 100
    upload.error_code, upload.error_message = code, message
    upload.save(
        update_fields=["status", "progress_code", "progress_percent", "error_code", "error_message", "updated_at"]
    )
    logger.warning("upload %s failed: %s: %s", upload.pk, code, message)


def draft_parse_run(*, upload_id: int) -> DraftUpload | None:
    """Parse an upload and create (or replace) its report. Safe to run twice.

    Deterministic failures (ParseError) end the upload ``failed`` with the parser's
    Chinese message. Database errors propagate so that the task can retry.
    """
    with transaction.atomic():
        upload = DraftUpload.objects.select_for_update().filter(pk=upload_id).first()
        if upload is None:
            logger.warning("upload %s vanished before its parse", upload_id)
            return None
        if upload.is_finished:
            logger.info("upload %s already %s: nothing to do", upload_id, upload.status)
            return upload
        if upload.attempts >= MAX_ATTEMPTS:
            _fail(upload, "too_many_attempts", "多次尝试解析均未完成，请检查文件后重新上传。")
            return upload
        upload.attempts += 1
        upload.status = DraftUpload.Status.PARSING
        upload.progress_code, upload.progress_percent = "reading", 10
        upload.save(update_fields=["attempts", "status", "progress_code", "progress_percent", "updated_at"])

    try:
        with upload.file.open("rb") as handle:
            data = handle.read(settings.UPLOAD_MAX_BYTES + 1)
    except OSError:
        logger.exception("upload %s: stored file unreadable", upload_id)
        _fail(upload, "file_missing", "找不到已上传的文件，请重新上传。")
        return upload

    _progress(upload, "parsing", 40)
    try:
        result = parse_draft(data, filename=upload.original_name, options=parse_options())
    except ParseError as exc:
        _fail(upload, exc.code, exc.message)
        return upload
    except Exception:
        logger.exception("upload %s: parser crashed", upload_id)
        _fail(upload, "internal", "解析文档时发生内部错误，已记录日志。请联系管理员，或另存为 .docx 后重试。")
        return upload

    _progress(upload, "saving", 80)
    with transaction.atomic():
        upload = DraftUpload.objects.select_for_update().get(pk=upload_id)
        if upload.is_finished:  # a concurrent delivery finished first
            return upload
        if upload.report_id:
            report_replace_from_parse(report=upload.report, result=result)
        else:
            upload.report = report_create_from_parse(
                organization=upload.organization, user=upload.uploaded_by, result=result, title=upload.title
            )
        upload.status = DraftUpload.Status.PARSED
        upload.progress_code, upload.progress_percent = "done", 100
        upload.error_code = upload.error_message = ""
        upload.save()
    logger.info("upload %s parsed into report %s", upload_id, upload.report_id)
    return upload
