"""Ingestion: store an upload, screen it, run its parse, record the outcome, sweep what got stuck."""

from __future__ import annotations

import hashlib
import logging
import time
import uuid
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone

from apps.core.errors import ServiceError, StateError
from apps.core.tasks import enqueue
from apps.drafts.models import DraftUpload
from apps.parsing import ParseError, ParseOptions, parse_draft
from apps.reports.services import report_create_from_parse, report_replace_from_parse
from apps.reports.services_lifecycle import guard_can_edit_report
from apps.reports.services_revision import report_revise_from_parse

logger = logging.getLogger(__name__)

PARSE_TASK = "apps.drafts.tasks.draft_parse"

__all__ = ["draft_parse_run", "draft_revision_create", "draft_sweep_run", "draft_upload_create", "parse_options"]

# Parse starts per upload (first delivery, redeliveries after a lost worker, sweeper retries).
MAX_ATTEMPTS = 3
# Re-enqueues of an upload still pending (its message presumably lost) before it is given up.
MAX_REQUEUES = 10
# Worth retrying: the connection or the database itself, not the data (DataError, IntegrityError).
TRANSIENT_DB_ERRORS = (OperationalError, InterfaceError)


def parse_options() -> ParseOptions:
    """The parser's options and screening caps, from the settings (every entry point uses these)."""
    return ParseOptions(
        max_bytes=settings.UPLOAD_MAX_BYTES,
        max_unpacked_bytes=settings.UPLOAD_MAX_UNPACKED_BYTES,
        max_text_chars=settings.UPLOAD_MAX_TEXT_CHARS,
        soffice_path=settings.SOFFICE_PATH,
    )


def _enqueue(upload_id: int) -> None:
    """Publish the parse; a broker outage is logged, not raised: the sweeper re-enqueues pending uploads."""
    try:
        enqueue(PARSE_TASK, upload_id)
    except Exception:
        logger.exception(
            "upload %s: could not enqueue its parse (broker unreachable?); the sweeper will retry", upload_id
        )


def draft_upload_create(*, organization, user, uploaded_file, title: str = "", enqueue: bool = True) -> DraftUpload:
    """Store the file under a generated name and, unless ``enqueue`` is False, enqueue its parse on commit.

    The caller screens the file first (the upload form runs apps.parsing.screening); the parse screens it again.
    """
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
            enqueued_at=timezone.now() if enqueue else None,
        )
        if enqueue:
            transaction.on_commit(lambda: _enqueue(upload.pk))
    logger.info(
        "upload %s stored: %s (%d bytes, sha256 %s)", upload.pk, upload.original_name, upload.size, upload.sha256
    )
    return upload


def draft_revision_create(*, report, user, uploaded_file) -> DraftUpload:
    """上传新版草稿: store the file as a revision of ``report`` and enqueue its parse on commit (the same
    screening and task as a new upload; the merge itself is reports.services_revision.report_revise_from_parse).

    PermissionDeniedError unless the user may edit the report; StateError for a deleted or finalized report.
    """
    guard_can_edit_report(user=user, report=report)
    if report.is_deleted:
        raise StateError("报告已删除，不能上传新版草稿。", code="deleted")
    if report.status == report.Status.FINALIZED:
        raise StateError("报告已定稿，不能再上传新版草稿。", code="finalized")
    with transaction.atomic():
        upload = draft_upload_create(
            organization=report.organization, user=user, uploaded_file=uploaded_file, title=report.title
        )
        upload.report, upload.is_revision = report, True
        upload.save(update_fields=["report", "is_revision", "updated_at"])
    return upload


def _progress(upload: DraftUpload, code: DraftUpload.Progress, percent: int) -> None:
    DraftUpload.objects.filter(pk=upload.pk).update(progress_code=code, progress_percent=percent)


def _fail(upload: DraftUpload, code: str, message: str) -> None:
    """End the upload ``failed`` unless it has finished meanwhile (a concurrent delivery's result wins)."""
    changed = DraftUpload.objects.filter(
        pk=upload.pk, status__in=[DraftUpload.Status.PENDING, DraftUpload.Status.PARSING]
    ).update(
        status=DraftUpload.Status.FAILED,
        progress_code=DraftUpload.Progress.FAILED,
        progress_percent=100,
        error_code=code,
        error_message=message,
        updated_at=timezone.now(),
    )
    upload.refresh_from_db()
    if changed:
        logger.warning("upload %s failed: %s: %s", upload.pk, code, message)
    else:
        logger.info("upload %s: %s dropped, the upload already ended %s", upload.pk, code, upload.status)


def _stuck_after() -> timedelta:
    return timedelta(seconds=settings.PARSE_STUCK_AFTER)


def _test_delay() -> None:
    """Test hook: sleep between the parse and the save, so that a test can kill the worker there or
    let the soft time limit fire there (settings.DRAFT_PARSE_TEST_DELAY).

    Honoured only with settings.DEBUG or settings.TESTING, never in production.
    """
    seconds = settings.DRAFT_PARSE_TEST_DELAY
    if seconds <= 0 or not (settings.DEBUG or settings.TESTING):
        return
    logger.warning("test hook: sleeping %.1f s between parse and save (DRAFT_PARSE_TEST_DELAY)", seconds)
    time.sleep(seconds)


def _start(upload_id: int, token: str, node: str) -> tuple[DraftUpload | None, bool]:
    """Guard and claim the upload for this delivery. Returns (upload, go)."""
    with transaction.atomic():
        upload = DraftUpload.objects.select_for_update().filter(pk=upload_id).first()
        if upload is None:
            logger.warning("upload %s vanished before its parse", upload_id)
            return None, False
        if upload.is_finished:
            logger.info("upload %s already %s: nothing to do", upload_id, upload.status)
            return upload, False
        now = timezone.now()
        if (
            upload.status == DraftUpload.Status.PARSING
            and upload.parse_token != token
            and upload.parse_started_at
            and upload.parse_started_at > now - _stuck_after()
        ):
            logger.info(
                "upload %s is being parsed by delivery %s since %s: delivery %s leaves it",
                upload_id,
                upload.parse_token,
                upload.parse_started_at.isoformat(),
                token,
            )
            return upload, False
        if upload.attempts >= MAX_ATTEMPTS:
            _fail(upload, "too_many_attempts", "多次尝试解析均未完成（处理进程中断或超时），请检查文件后重新上传。")
            return upload, False
        if upload.status == DraftUpload.Status.PARSING:
            logger.warning(
                "upload %s: delivery %s resumes an interrupted parse (attempt %d)",
                upload_id,
                token,
                upload.attempts + 1,
            )
        upload.attempts += 1
        upload.status = DraftUpload.Status.PARSING
        upload.parse_token, upload.parse_started_at, upload.parse_node = token, now, node
        upload.progress_code, upload.progress_percent = DraftUpload.Progress.READING, 10
        upload.save(
            update_fields=[
                "attempts",
                "status",
                "parse_token",
                "parse_started_at",
                "parse_node",
                "progress_code",
                "progress_percent",
                "updated_at",
            ]
        )
        return upload, True


def draft_parse_run(*, upload_id: int, token: str | None = None, node: str = "") -> DraftUpload | None:
    """Screen and parse an upload, then create (or replace) its report. Safe to run twice, even at once.

    ``token`` names the delivery (the Celery task id: a redelivered message keeps it); a run
    without one gets a fresh token. ``node`` names the worker (its Celery node name), so that the
    worker's next incarnation knows the parse died with it (:func:`draft_sweep_run`). A finished
    upload is left as it is; an upload parsed under another delivery's fresh lease is left to it;
    past ``MAX_ATTEMPTS`` starts the upload ends ``failed``.

    Every failure after the parse starts ends the upload ``failed`` with a Chinese message, in
    whichever step it happens: a refused file or a deterministic parse failure (ParseError), the
    soft time limit, a deterministic database error (a value that does not fit a column) or any
    other crash. Only transient database errors (connection lost, database locked) propagate, so
    that the task retries them. The report's rows are written in one transaction that re-checks
    the status, so concurrent deliveries leave exactly one set of sections.
    """
    token = token or uuid.uuid4().hex
    upload, go = _start(upload_id, token, node)
    if not go:
        return upload
    step = DraftUpload.Progress.READING  # named in the log line when something fails
    try:
        with upload.file.open("rb") as handle:
            data = handle.read(settings.UPLOAD_MAX_BYTES + 1)
        step = DraftUpload.Progress.PARSING
        _progress(upload, step, 40)
        result = parse_draft(data, filename=upload.original_name, options=parse_options())
        step = DraftUpload.Progress.SAVING
        _progress(upload, step, 80)
        _test_delay()
        return _save(upload_id, token, result)
    except ParseError as exc:
        _fail(upload, exc.code, exc.message)
    except ServiceError as exc:  # a revised draft refused (report deleted or finalized meanwhile): nothing merged
        _fail(upload, exc.code, exc.message)
    except SoftTimeLimitExceeded:
        limit = settings.CELERY_TASK_SOFT_TIME_LIMIT
        logger.error("upload %s: the soft time limit (%s s) fired while %s", upload_id, limit, step)
        _fail(upload, "timeout", "解析超时：文档过于复杂或过大。请拆分或简化后重新上传。")
    except TRANSIENT_DB_ERRORS:
        logger.warning("upload %s: transient database error while %s; the task retries", upload_id, step)
        raise
    except OSError:
        logger.exception("upload %s: stored file unreadable", upload_id)
        _fail(upload, "file_missing", "找不到已上传的文件，请重新上传。")
    except Exception:
        logger.exception("upload %s: crashed while %s", upload_id, step)
        _fail(upload, "internal", "解析文档时发生内部错误，已记录日志。请联系管理员，或另存为 .docx 后重试。")
    return upload


def _save(upload_id: int, token: str, result) -> DraftUpload:
    with transaction.atomic():
        upload = DraftUpload.objects.select_for_update().get(pk=upload_id)
        if upload.is_finished:  # a concurrent delivery finished first
            logger.info("upload %s: delivery %s finished second, its result is dropped", upload_id, token)
            return upload
        if upload.is_revision:
            upload.revision = report_revise_from_parse(
                report=upload.report,
                result=result,
                user=upload.uploaded_by,
                source_name=upload.original_name,
                source_uploaded_at=upload.created_at,
            )
        elif upload.report_id:
            report_replace_from_parse(report=upload.report, result=result)
        else:
            upload.report = report_create_from_parse(
                organization=upload.organization,
                user=upload.uploaded_by,
                result=result,
                title=upload.title,
                source_name=upload.original_name,
                source_uploaded_at=upload.created_at,
            )
        upload.status = DraftUpload.Status.PARSED
        upload.progress_code, upload.progress_percent = DraftUpload.Progress.DONE, 100
        upload.error_code = upload.error_message = ""
        upload.save()
    logger.info("upload %s parsed into report %s by delivery %s", upload_id, upload.report_id, token)
    return upload


def draft_sweep_run(*, restarted: str = "") -> dict[str, int]:
    """Find uploads that no worker will finish and retry or fail them. Returns counts for the log.

    - ``parsing`` for longer than settings.PARSE_STUCK_AFTER (its worker died or hit the hard
      time limit): back to ``pending`` and re-enqueued, or ``failed`` once MAX_ATTEMPTS is reached.
    - ``parsing`` under an earlier incarnation of a worker that has just started again
      (``restarted`` is the new incarnation's ``"<node name>#<id>"``, see config/celery.py):
      the same, at once, whatever its age. Celery node names are unique among running workers,
      so the earlier incarnation is dead and its parse with it.
    - ``pending`` and last enqueued more than settings.PARSE_PENDING_AFTER ago (its message was
      lost, e.g. the broker restarted empty or was down at upload time): re-enqueued, or
      ``failed`` after MAX_REQUEUES re-enqueues.
    A duplicate message this may create is harmless: the parse is idempotent.
    """
    now = timezone.now()
    counts = {"requeued": 0, "failed": 0, "skipped": 0}
    parsing = DraftUpload.objects.filter(status=DraftUpload.Status.PARSING)
    stuck = set(parsing.filter(parse_started_at__lt=now - _stuck_after()).values_list("pk", flat=True))
    orphaned = set()
    if restarted:
        node = restarted.partition("#")[0]
        orphaned = set(
            parsing.filter(parse_node__startswith=f"{node}#").exclude(parse_node=restarted).values_list("pk", flat=True)
        )
    lost = DraftUpload.objects.filter(status=DraftUpload.Status.PENDING, created_at__lt=now - _pending_after()).exclude(
        enqueued_at__gte=now - _pending_after()
    )
    for upload_id in sorted(stuck | orphaned) + list(lost.values_list("pk", flat=True)):
        counts[_sweep_one(upload_id, now, restarted=restarted)] += 1
    if counts["requeued"] or counts["failed"]:
        logger.warning("sweeper: %(requeued)d upload(s) re-enqueued, %(failed)d failed", counts)
    return counts


def _orphaned_by(upload: DraftUpload, restarted: str) -> bool:
    """Claimed by an earlier incarnation of the worker that has just restarted as ``restarted``."""
    if not restarted or not upload.parse_node or upload.parse_node == restarted:
        return False
    return upload.parse_node.partition("#")[0] == restarted.partition("#")[0]


def _pending_after() -> timedelta:
    return timedelta(seconds=settings.PARSE_PENDING_AFTER)


def _sweep_one(upload_id: int, now, *, restarted: str = "") -> str:
    with transaction.atomic():
        upload = DraftUpload.objects.select_for_update().filter(pk=upload_id).first()
        if upload is None or upload.is_finished:
            return "skipped"  # finished (or deleted) since the query
        if upload.status == DraftUpload.Status.PARSING:
            fresh = upload.parse_started_at and upload.parse_started_at >= now - _stuck_after()
            if fresh and not _orphaned_by(upload, restarted):
                return "skipped"  # claimed again since the query
            if upload.attempts >= MAX_ATTEMPTS:
                _fail(upload, "stuck", "解析多次中断（处理进程退出或超时），请检查文件后重新上传。")
                return "failed"
            logger.warning(
                "sweeper: upload %s stuck in parsing since %s (worker %s), re-enqueued",
                upload_id,
                upload.parse_started_at,
                upload.parse_node or "unknown",
            )
        else:
            if upload.enqueued_at and upload.enqueued_at >= now - _pending_after():
                return "skipped"
            if upload.requeues >= MAX_REQUEUES:
                _fail(upload, "lost", "排队等待时间过长，解析未能开始。请重新上传，或联系管理员检查后台处理进程。")
                return "failed"
            logger.warning(
                "sweeper: upload %s pending since %s without a parse, re-enqueued",
                upload_id,
                upload.enqueued_at or upload.created_at,
            )
        upload.status = DraftUpload.Status.PENDING
        upload.parse_token = ""
        upload.progress_code, upload.progress_percent = DraftUpload.Progress.QUEUED, 0
        upload.enqueued_at = now
        upload.requeues += 1
        upload.save(
            update_fields=[
                "status",
                "parse_token",
                "progress_code",
                "progress_percent",
                "enqueued_at",
                "requeues",
                "updated_at",
            ]
        )
        transaction.on_commit(lambda: _enqueue(upload_id))
    return "requeued"
