"""Notifications: rows for the inbox written in the caller's transaction, e-mail sent once it commits."""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone

from apps.core.errors import PermissionDeniedError
from apps.core.tasks import enqueue
from apps.notifications.models import Notification

logger = logging.getLogger(__name__)

SEND_EMAILS_TASK = "apps.notifications.tasks.notification_emails_send"


def notify(
    *,
    recipients: Iterable,
    kind: str,
    actor,
    organization_id: int,
    title: str,
    body: str = "",
    url: str = "",
    report=None,
    section=None,
) -> list[Notification]:
    """Write one notification per recipient (never to the actor, never twice) and send e-mail on commit.

    Call it inside the service's transaction: if that rolls back, nobody is told anything.
    """
    seen, rows = set(), []
    for user in recipients:
        if user is None or user.pk in seen or (actor is not None and user.pk == actor.pk) or not user.is_active:
            continue
        seen.add(user.pk)
        rows.append(
            Notification(
                recipient=user,
                organization_id=organization_id,
                actor=actor,
                kind=kind,
                report=report,
                section=section,
                title=title[:300],
                body=body,
                url=url[:500],
                email_status=Notification.EmailStatus.PENDING if user.email else Notification.EmailStatus.NONE,
            )
        )
    if not rows:
        return []
    Notification.objects.bulk_create(rows)
    ids = [n.pk for n in rows if n.email_status == Notification.EmailStatus.PENDING]
    if ids:
        transaction.on_commit(lambda: _enqueue_emails(ids))
    return rows


def _enqueue_emails(ids: list[int]) -> None:
    if settings.NOTIFICATION_EMAIL_ASYNC:
        try:
            enqueue(SEND_EMAILS_TASK, ids)
        except Exception:  # a broker outage must not turn a committed approval into an error page
            logger.exception("could not enqueue e-mail for notifications %s; they stay pending", ids)
        return
    notification_emails_send(notification_ids=ids)


def _message(notification: Notification) -> EmailMultiAlternatives:
    context = {
        "notification": notification,
        "recipient": notification.recipient,
        "link": f"{settings.SITE_URL.rstrip('/')}{notification.url}" if notification.url else settings.SITE_URL,
        "site_name": settings.SITE_NAME,
    }
    subject = " ".join(render_to_string("notifications/email/subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("notifications/email/body.txt", context),
        to=[notification.recipient.email],
    )
    message.attach_alternative(render_to_string("notifications/email/body.html", context), "text/html")
    return message


# The server refused this message for good (unknown recipient, refused sender, 5xx to the data): retrying
# cannot help. Any other SMTPException or OSError (connection refused, timeout, disconnect) is transient.
STUCK_ERROR = "结果未知：发送过程中断，邮件可能已经发出，系统不再自动重发。"
_PERMANENT = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPNotSupportedError)


def _is_permanent(exc: Exception) -> bool:
    if isinstance(exc, _PERMANENT):
        return True
    return isinstance(exc, smtplib.SMTPResponseException) and exc.smtp_code >= 500


def _claim(pk: int, now) -> bool:
    """pending → sending, attempts + 1, in one UPDATE that commits before the message leaves.

    Only one process can win the claim, and no row lock is held while talking to the mail server.
    """
    claimed = Notification.objects.filter(pk=pk, email_status=Notification.EmailStatus.PENDING).update(
        email_status=Notification.EmailStatus.SENDING,
        email_attempts=F("email_attempts") + 1,
        email_claimed_at=now,
        updated_at=now,
    )
    return claimed == 1


def _finish(pk: int, status: str, *, error: str = "", sent: bool = False) -> None:
    now = timezone.now()
    Notification.objects.filter(pk=pk, email_status=Notification.EmailStatus.SENDING).update(
        email_status=status, email_error=error[:500], emailed_at=now if sent else None, updated_at=now
    )


def notification_emails_send(*, notification_ids: list[int]) -> int:
    """Send the e-mail of the given notifications that are still pending; returns how many were sent.

    Each row is claimed (pending → sending, attempts + 1) and the claim committed before its message goes out;
    then it is marked sent, failed (refused for good, or out of attempts) or pending again (a transient error,
    retried by ``notification_emails_retry_run``). A transient error stops the batch: the server is unwell and
    the rest waits for the next run. Anything else that interrupts the send leaves the row ``sending``, which
    is never sent again automatically (see ``notification_emails_retry_run``).

    Call it outside any transaction (after the commit, or from a task): each claim must commit on its own.
    """
    sent = 0
    connection = get_connection(fail_silently=False)
    max_attempts = settings.NOTIFICATION_EMAIL_MAX_ATTEMPTS
    try:
        for pk in notification_ids:
            if not _claim(pk, timezone.now()):
                continue
            notification = Notification.objects.select_related("recipient").get(pk=pk)
            try:
                message = _message(notification)
            except Exception as exc:  # a template error: retrying renders the same error
                logger.exception("e-mail of notification %s could not be built", pk)
                _finish(pk, Notification.EmailStatus.FAILED, error=f"{type(exc).__name__}: {exc}")
                continue
            try:
                connection.send_messages([message])
            except (smtplib.SMTPException, OSError) as exc:
                error = str(exc) or type(exc).__name__
                if _is_permanent(exc) or notification.email_attempts >= max_attempts:
                    logger.warning(
                        "e-mail of notification %s failed for good (attempt %d/%d): %s",
                        pk,
                        notification.email_attempts,
                        max_attempts,
                        error,
                    )
                    _finish(pk, Notification.EmailStatus.FAILED, error=error)
                    continue
                logger.warning(
                    "e-mail of notification %s failed (attempt %d/%d), will retry: %s",
                    pk,
                    notification.email_attempts,
                    max_attempts,
                    error,
                )
                _finish(pk, Notification.EmailStatus.PENDING, error=error)
                break
            _finish(pk, Notification.EmailStatus.SENT, sent=True)
            sent += 1
    finally:
        connection.close()
    return sent


def notification_emails_retry_run(*, batch: int = 100) -> dict[str, int]:
    """The periodic pass (celery beat, NOTIFICATION_EMAIL_RETRY_INTERVAL): settle stuck rows, send what is due.

    - A row ``sending`` for longer than NOTIFICATION_EMAIL_STUCK_AFTER: the process died between the claim and
      the result, so the message may have left. It is never re-sent automatically: it becomes ``failed`` with
      "结果未知" and an error line in the log (an operator may check the mail server's log and resend by hand).
    - Rows ``pending`` untouched for NOTIFICATION_EMAIL_RETRY_AFTER seconds (their task was never enqueued, or
      an attempt failed for a transient reason) are sent again, up to NOTIFICATION_EMAIL_MAX_ATTEMPTS attempts
      in all; younger rows are left to the task already on its way.

    Returns the counts: {"stuck": …, "due": …, "sent": …}.
    """
    now = timezone.now()
    stuck_before = now - dt.timedelta(seconds=settings.NOTIFICATION_EMAIL_STUCK_AFTER)
    stuck = list(
        Notification.objects.filter(
            email_status=Notification.EmailStatus.SENDING, email_claimed_at__lt=stuck_before
        ).values_list("pk", flat=True)[:batch]
    )
    for pk in stuck:
        logger.error(
            "e-mail of notification %s stuck in sending since before %s: outcome unknown, marked failed, not resent",
            pk,
            stuck_before.isoformat(),
        )
        _finish(pk, Notification.EmailStatus.FAILED, error=STUCK_ERROR)
    due_before = now - dt.timedelta(seconds=settings.NOTIFICATION_EMAIL_RETRY_AFTER)
    pending = Notification.objects.filter(email_status=Notification.EmailStatus.PENDING, updated_at__lt=due_before)
    exhausted = pending.filter(email_attempts__gte=settings.NOTIFICATION_EMAIL_MAX_ATTEMPTS).update(
        email_status=Notification.EmailStatus.FAILED, updated_at=now
    )
    due = list(pending.order_by("pk").values_list("pk", flat=True)[:batch])
    sent = notification_emails_send(notification_ids=due) if due else 0
    if stuck or due or exhausted:
        logger.info(
            "notification e-mail retry: %d stuck marked failed, %d exhausted, %d due, %d sent",
            len(stuck),
            exhausted,
            len(due),
            sent,
        )
    return {"stuck": len(stuck), "due": len(due), "sent": sent}


@transaction.atomic
def notification_mark_read(*, notification: Notification, user) -> Notification:
    """Mark one of the user's notifications read (a no-op when it already is)."""
    if notification.recipient_id != user.pk:
        raise PermissionDeniedError()
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at", "updated_at"])
    return notification


@transaction.atomic
def notification_mark_all_read(*, user) -> int:
    """Mark every unread notification of the user read; returns how many changed."""
    now = timezone.now()
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=now, updated_at=now)
