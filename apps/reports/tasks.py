"""Thin Celery tasks of the reports app: load → guard → service."""

from celery import shared_task

from apps.reports.services_lifecycle import reports_purge_run


@shared_task(acks_late=True, ignore_result=True)
def reports_purge() -> int:
    """Remove the reports deleted more than settings.REPORT_RETENTION_DAYS ago (celery beat, REPORT_PURGE_INTERVAL)."""
    return reports_purge_run()
