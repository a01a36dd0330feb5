"""Thin Celery tasks: load → guard → service, all in apps.exporting.services_pdf."""

from celery import shared_task
from django.conf import settings

from apps.exporting.services_pdf import export_rendering_run


@shared_task(
    acks_late=True,
    ignore_result=True,
    # The conversion has its own timeout (EXPORT_PDF_TIMEOUT); the task's limits only catch a hung worker.
    soft_time_limit=settings.EXPORT_PDF_TIMEOUT + 120,
    time_limit=settings.EXPORT_PDF_TIMEOUT + 150,
)
def export_render(rendering_id: int) -> str:
    """Make the PDF and page previews of an export (a redelivered message finds the row claimed and stops)."""
    return export_rendering_run(rendering_id=rendering_id)
