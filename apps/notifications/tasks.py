from celery import shared_task
from django.db import DatabaseError

from apps.notifications.services import notification_emails_retry_run
from apps.notifications.services import notification_emails_send as send


@shared_task(
    acks_late=True, reject_on_worker_lost=True, autoretry_for=(DatabaseError,), retry_backoff=True, max_retries=5
)
def notification_emails_send(notification_ids: list[int]) -> int:
    """Send the e-mail of pending notifications (idempotent: only pending rows are claimed, once)."""
    return send(notification_ids=list(notification_ids))


@shared_task(acks_late=True, reject_on_worker_lost=True)
def notification_emails_retry() -> dict:
    """Periodic (celery beat): settle rows stuck in sending, send pending rows that are due."""
    return notification_emails_retry_run()
