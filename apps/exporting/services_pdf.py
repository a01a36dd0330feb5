"""PDF exports and page previews: requested on the page, made by LibreOffice in the Celery worker.

:func:`export_rendering_request` (web) reuses the rendering of the same
content or creates one and enqueues ``apps.exporting.tasks.export_render``;
:func:`export_rendering_run` (worker) builds the .docx users download,
converts it with ``soffice`` (:mod:`apps.exporting.render`) and keeps the PDF
and the PNGs of its first pages. Progress and failures are written on the
:class:`~apps.exporting.models.ExportRendering` row, which the page polls.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.core.errors import ServiceError, StateError
from apps.core.tasks import enqueue
from apps.exporting.models import ExportRendering
from apps.exporting.render import RenderError, convert_to_pdf, pdf_page_count, pdf_page_png
from apps.exporting.selectors import export_profile_get, report_source_upload
from apps.exporting.services import (
    _guard_export,
    report_export_data,
    report_export_docx,
    report_export_in_place_docx,
    report_fill_sections,
)
from apps.reports.models import Report

logger = logging.getLogger(__name__)

TASK = "apps.exporting.tasks.export_render"
# Seconds past EXPORT_PDF_TIMEOUT after which a rendering still "rendering" is taken as abandoned
# (above the task's hard limit, EXPORT_PDF_TIMEOUT + 150, see tasks.py).
ABANDONED_AFTER = 210
NOT_INSTALLED = (
    "服务器未安装 LibreOffice，无法生成 PDF 和页面预览。"
    "请服务器管理员安装后重试：apt-get install libreoffice-writer-nogui（另需中文字体，见部署文档）。"
)
_STEPS = {
    ExportRendering.Progress.BUILDING: 10,
    ExportRendering.Progress.CONVERTING: 30,
    ExportRendering.Progress.PREVIEWING: 80,
}


def soffice_available() -> bool:
    """Whether the LibreOffice binary of ``EXPORT_SOFFICE`` can be found on this machine."""
    return shutil.which(settings.EXPORT_SOFFICE) is not None


def export_content_key(*, report: Report, layout: str, draft: bool) -> str:
    """A hash of everything the export prints: equal keys give the same document.

    Standard layout: the export data (title, sections, values, signature,
    date) and the organisation's profile. In place: the upload and the values
    written into it. Any change of the report changes the key.
    """
    if layout == ExportRendering.Layout.IN_PLACE:
        upload = report_source_upload(report=report)
        source = f"{upload.pk}:{upload.sha256}" if upload else "-"
        content = f"{source}|{report_fill_sections(report=report)!r}"
    else:
        profile = export_profile_get(organization=report.organization).font_profile()
        content = f"{report_export_data(report=report, draft=draft)!r}|{profile!r}"
    text = f"{layout}|{int(draft)}|{report.title}|{content}"
    return hashlib.sha256(text.encode()).hexdigest()


def export_rendering_request(*, report: Report, user, layout: str, draft: bool) -> ExportRendering:
    """The rendering of this export as the report is now: reused when its content is unchanged, else enqueued.

    Same guards as the .docx exports (a final PDF needs a finalized report).
    A failed rendering of the same content is tried again, and so is one left
    ``rendering`` by a worker that died; a pending one is enqueued again (its
    message may have been lost with a broker outage).
    """
    if layout not in ExportRendering.Layout.values:
        raise StateError("未知的导出版式。")
    _guard_export(report=report, user=user, draft=draft)
    if layout == ExportRendering.Layout.IN_PLACE and report_source_upload(report=report) is None:
        raise StateError("这份报告不是由 Word（.docx）文档导入的，无法按原文档回填，请使用标准版式导出。")
    key = export_content_key(report=report, layout=layout, draft=draft)
    lookup = {"report": report, "layout": layout, "draft": draft, "content_key": key}
    with transaction.atomic():
        try:
            with transaction.atomic():
                rendering, created = ExportRendering.objects.select_for_update().get_or_create(
                    **lookup, defaults={"requested_by": user}
                )
        except IntegrityError:  # a concurrent request created it first
            rendering, created = ExportRendering.objects.select_for_update().get(**lookup), False
        stale = rendering.status == ExportRendering.Status.PENDING and not created
        # A rendering whose worker died stays "rendering": past the task's hard limit it is started again.
        abandoned = rendering.status == ExportRendering.Status.RENDERING and rendering.updated_at < (
            timezone.now() - timedelta(seconds=settings.EXPORT_PDF_TIMEOUT + ABANDONED_AFTER)
        )
        retry = abandoned or rendering.status in (ExportRendering.Status.FAILED, ExportRendering.Status.UNAVAILABLE)
        if retry:
            ExportRendering.objects.filter(pk=rendering.pk).update(
                status=ExportRendering.Status.PENDING,
                progress_code=ExportRendering.Progress.QUEUED,
                progress_percent=0,
                error_message="",
                requested_by=user,
                updated_at=timezone.now(),
            )
            rendering.refresh_from_db()
        if created or retry or stale:
            pk = rendering.pk
            transaction.on_commit(lambda: _enqueue(pk))
    logger.info("rendering %s of report %s requested by %s (%s)", rendering.pk, report.pk, user, rendering.status)
    return rendering


def _enqueue(pk: int) -> None:
    try:
        enqueue(TASK, pk)
    except Exception:  # the broker is down: the row stays pending, asking again enqueues again
        logger.exception("rendering %s: could not enqueue", pk)


def _progress(rendering: ExportRendering, code: str) -> None:
    ExportRendering.objects.filter(pk=rendering.pk, status=ExportRendering.Status.RENDERING).update(
        progress_code=code, progress_percent=_STEPS[code], updated_at=timezone.now()
    )


def _finish(rendering: ExportRendering, status: str, message: str = "", **fields) -> None:
    progress = (
        ExportRendering.Progress.DONE if status == ExportRendering.Status.DONE else ExportRendering.Progress.FAILED
    )
    ExportRendering.objects.filter(pk=rendering.pk, status=ExportRendering.Status.RENDERING).update(
        status=status,
        progress_code=progress,
        progress_percent=100,
        error_message=message,
        finished_at=timezone.now(),
        updated_at=timezone.now(),
        **fields,
    )


def export_rendering_run(*, rendering_id: int) -> str:
    """Make the PDF and previews of a pending rendering (the worker). Returns the final status.

    Claims the row (``pending`` → ``rendering``, a guarded update: a second
    delivery of the message does nothing), then: no LibreOffice → ``unavailable``
    with how to install it; a conversion that fails or takes longer than
    ``EXPORT_PDF_TIMEOUT`` → ``failed`` with the reason in Chinese; else
    ``done`` with the PDF, its page count and up to ``EXPORT_PREVIEW_PAGES``
    PNGs at ``EXPORT_PREVIEW_DPI``.
    """
    claimed = ExportRendering.objects.filter(pk=rendering_id, status=ExportRendering.Status.PENDING).update(
        status=ExportRendering.Status.RENDERING,
        progress_code=ExportRendering.Progress.BUILDING,
        progress_percent=_STEPS[ExportRendering.Progress.BUILDING],
        updated_at=timezone.now(),
    )
    if not claimed:
        logger.info("rendering %s: not pending, nothing to do", rendering_id)
        return ExportRendering.objects.filter(pk=rendering_id).values_list("status", flat=True).first() or ""
    rendering = ExportRendering.objects.select_related("report", "report__organization").get(pk=rendering_id)
    if not soffice_available():
        logger.warning("rendering %s: %s not found", rendering.pk, settings.EXPORT_SOFFICE)
        _finish(rendering, ExportRendering.Status.UNAVAILABLE, NOT_INSTALLED)
        return ExportRendering.Status.UNAVAILABLE
    try:
        build = (
            report_export_in_place_docx if rendering.layout == ExportRendering.Layout.IN_PLACE else report_export_docx
        )
        data, _ = build(report=rendering.report, user=rendering.requested_by, draft=rendering.draft)
    except ServiceError as exc:
        _finish(rendering, ExportRendering.Status.FAILED, f"无法生成文档：{exc.message}")
        return ExportRendering.Status.FAILED
    except Exception:
        logger.exception("rendering %s: building the .docx failed", rendering.pk)
        _finish(rendering, ExportRendering.Status.FAILED, "生成 Word 文档时出错，请稍后重试或联系管理员。")
        return ExportRendering.Status.FAILED
    _progress(rendering, ExportRendering.Progress.CONVERTING)
    timeout = settings.EXPORT_PDF_TIMEOUT
    try:
        pdf = convert_to_pdf(data, soffice=settings.EXPORT_SOFFICE, timeout=timeout)
    except RenderError as exc:
        logger.warning("rendering %s: %s", rendering.pk, exc)
        if exc.timed_out:
            message = (
                f"LibreOffice 转换超时（超过 {timeout} 秒），未能生成 PDF。"
                "请稍后重试，或请管理员调大 EXPORT_PDF_TIMEOUT。"
            )
        else:
            message = "LibreOffice 转换失败，未能生成 PDF。请稍后重试或联系管理员。"
        _finish(rendering, ExportRendering.Status.FAILED, message)
        return ExportRendering.Status.FAILED
    _progress(rendering, ExportRendering.Progress.PREVIEWING)
    try:
        pages = pdf_page_count(pdf)
        previews = min(pages, max(0, settings.EXPORT_PREVIEW_PAGES))
        for page in range(1, previews + 1):
            png = pdf_page_png(pdf, page, dpi=settings.EXPORT_PREVIEW_DPI)
            name = rendering.preview_name(page)
            if default_storage.exists(name):
                default_storage.delete(name)
            default_storage.save(name, ContentFile(png))
    except RenderError as exc:
        logger.warning("rendering %s: previews failed: %s", rendering.pk, exc)
        pages, previews = 0, 0
    name = f"{rendering.report.title[:60]}.pdf"
    stored = rendering.pdf.field.generate_filename(rendering, name)
    if default_storage.exists(stored):
        default_storage.delete(stored)
    saved = default_storage.save(stored, ContentFile(pdf))
    _finish(rendering, ExportRendering.Status.DONE, pdf=saved, page_count=pages, preview_pages=previews)
    logger.info("rendering %s done: %d pages, %d bytes", rendering.pk, pages, len(pdf))
    return ExportRendering.Status.DONE
