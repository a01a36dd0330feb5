"""Thin Celery tasks: load → guard → service, all in apps.drafts.services."""

from celery import shared_task
from django.conf import settings
from django.db import DatabaseError

from apps.drafts.services import draft_parse_run, draft_sweep_run


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=True,
    max_retries=5,
    soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT,
    time_limit=settings.CELERY_TASK_TIME_LIMIT,
)
def draft_parse(self, upload_id: int) -> None:
    """Parse an uploaded draft. The task id names the delivery: a redelivered message resumes its own parse.

    The message is acknowledged only after the parse (acks_late) and requeued when the worker
    process dies (reject_on_worker_lost); redeliveries are bounded by ``DraftUpload.attempts``.
    """
    draft_parse_run(upload_id=upload_id, token=self.request.id)


@shared_task(acks_late=True, ignore_result=True)
def draft_sweep() -> dict[str, int]:
    """Retry or fail uploads stuck in ``parsing`` or ``pending`` (celery beat, and once at worker start)."""
    return draft_sweep_run()
