"""Notifications: rows for the inbox written in the caller's transaction, e-mail sent once it commits."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from apps.core.errors import PermissionDeniedError
from apps.notifications.models import Notification

logger = logging.getLogger(__name__)


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
        from apps.notifications.tasks import notification_emails_send as task

        try:
            task.delay(ids)
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


def notification_emails_send(*, notification_ids: list[int]) -> int:
    """Send the e-mail of the given notifications that are still pending; returns how many were sent.

    Each row is claimed (pending → sent) in its own transaction before its message goes out, so a
    re-run never sends it twice; a message the server refuses marks the row failed with the error.
    """
    sent = 0
    connection = get_connection(fail_silently=False)
    for pk in notification_ids:
        with transaction.atomic():
            notification = (
                Notification.objects.select_for_update(of=("self",))
                .select_related("recipient")
                .filter(pk=pk, email_status=Notification.EmailStatus.PENDING)
                .first()
            )
            if notification is None:
                continue
            try:
                connection.send_messages([_message(notification)])
            except Exception as exc:  # SMTP, DNS, refused recipient: recorded on the row, not retried
                logger.warning("e-mail of notification %s failed: %s", pk, exc)
                notification.email_status = Notification.EmailStatus.FAILED
                notification.email_error = str(exc)[:500]
            else:
                notification.email_status = Notification.EmailStatus.SENT
                notification.emailed_at = timezone.now()
                sent += 1
            notification.save(update_fields=["email_status", "email_error", "emailed_at", "updated_at"])
    connection.close()
    return sent


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
