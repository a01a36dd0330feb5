from celery import shared_task
from django.db import DatabaseError

from apps.notifications.services import notification_emails_send as send


@shared_task(
    acks_late=True, reject_on_worker_lost=True, autoretry_for=(DatabaseError,), retry_backoff=True, max_retries=5
)
def notification_emails_send(notification_ids: list[int]) -> int:
    """Send the e-mail of pending notifications (idempotent: sent rows are skipped)."""
    return send(notification_ids=list(notification_ids))
