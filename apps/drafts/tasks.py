from celery import shared_task
from django.db import DatabaseError

from apps.drafts.services import draft_parse_run


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=True,
    max_retries=5,
)
def draft_parse(upload_id: int) -> None:
    """Parse an uploaded draft (load → guard → service, all in the service)."""
    draft_parse_run(upload_id=upload_id)
