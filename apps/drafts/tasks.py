"""Thin Celery tasks: load → guard → service, all in apps.drafts.services."""

import os

from celery import shared_task
from django.conf import settings

from apps.drafts.services import TRANSIENT_DB_ERRORS, draft_parse_run, draft_sweep_run
from config.celery import INCARNATION_ENV  # set when the worker starts, inherited by its pool processes


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TRANSIENT_DB_ERRORS,
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
    draft_parse_run(upload_id=upload_id, token=self.request.id, node=os.environ.get(INCARNATION_ENV, ""))


@shared_task(acks_late=True, ignore_result=True)
def draft_sweep(restarted: str = "") -> dict[str, int]:
    """Retry or fail uploads stuck in ``parsing`` or ``pending`` (celery beat, and once at worker start,
    when ``restarted`` names the new incarnation so that parses of its dead predecessor go at once)."""
    return draft_sweep_run(restarted=restarted)
