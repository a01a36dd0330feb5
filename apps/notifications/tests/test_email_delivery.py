"""E-mail delivery: claimed before it is sent, never sent twice, retried when it could not go, given up on in the end.

Rule for a row left in ``sending`` (the process died between the claim and the result): its message may or may
not have left, so it is never sent again automatically; after NOTIFICATION_EMAIL_STUCK_AFTER it is marked
``failed`` with "结果未知" and an error line in the log.
"""

import datetime as dt
import logging
import smtplib
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from apps.notifications.models import Notification
from apps.notifications.services import notification_emails_send, notify
from apps.notifications.tasks import notification_emails_send as task


class WorkerLost(BaseException):
    """What a SIGKILL or a hard time limit looks like from the inside: nothing catches it."""


@pytest.fixture
def addressed(drafter):
    drafter.email = "zhang@example.gov.cn"
    drafter.save()
    return drafter


def _pending(org, actor, recipient, *, age=dt.timedelta(minutes=5)):
    """A notification whose e-mail was never handed to a worker (broker outage), ``age`` old."""
    (row,) = notify(
        recipients=[recipient],
        kind=Notification.Kind.COMMENT,
        actor=actor,
        organization_id=org.pk,
        title="批注：《报告》（一）",
        body="请核实",
    )
    _age(row, age)
    return row


def _age(row, age):
    then = timezone.now() - age
    Notification.objects.filter(pk=row.pk).update(created_at=then, updated_at=then)


def _retry():
    from apps.notifications.services import notification_emails_retry_run

    return notification_emails_retry_run()


def test_a_message_is_sent_once_across_a_crash_right_after_the_send(org, addressed, reviewer, caplog):
    """GIVEN the SMTP server accepted the message WHEN the worker dies before the row is marked sent
    THEN neither the re-delivered task nor the periodic retry sends it again; later the row is marked failed
    ("结果未知") and logged, never re-sent silently."""
    row = _pending(org, reviewer, addressed, age=dt.timedelta(0))
    real_send = EmailBackend.send_messages
    seen_during_send = []

    def send_then_die(self, messages):
        seen_during_send.append(Notification.objects.get(pk=row.pk).email_status)
        real_send(self, messages)
        raise WorkerLost

    with mock.patch.object(EmailBackend, "send_messages", send_then_die), pytest.raises(WorkerLost):
        task(notification_ids=[row.pk])
    assert len(mail.outbox) == 1

    task(notification_ids=[row.pk])  # the task is re-delivered (acks_late)
    assert len(mail.outbox) == 1
    assert seen_during_send == ["sending"]  # claimed (and committed) before the network call
    _age(row, dt.timedelta(minutes=5))
    _retry()
    assert len(mail.outbox) == 1
    assert Notification.objects.get(pk=row.pk).email_status == "sending"

    Notification.objects.filter(pk=row.pk).update(email_claimed_at=timezone.now() - dt.timedelta(hours=1))
    with caplog.at_level(logging.ERROR, logger="apps.notifications.services"):
        _retry()
    row.refresh_from_db()
    assert row.email_status == Notification.EmailStatus.FAILED and "结果未知" in row.email_error
    assert f"notification {row.pk}" in caplog.text and "unknown" in caplog.text
    _retry()
    assert len(mail.outbox) == 1


def test_pending_rows_older_than_a_minute_are_sent_by_the_periodic_task(org, addressed, reviewer):
    old = _pending(org, reviewer, addressed)
    fresh = _pending(org, reviewer, addressed, age=dt.timedelta(seconds=5))  # its own task is on the way
    _retry()
    assert len(mail.outbox) == 1
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (old.email_status, old.email_attempts) == ("sent", 1)
    assert (fresh.email_status, fresh.email_attempts) == ("pending", 0)


def test_a_transient_failure_is_retried_and_attempts_are_capped(org, addressed, reviewer, settings):
    """GIVEN an SMTP server that keeps failing WHEN the periodic task runs again and again
    THEN each run makes one attempt, the last error is kept, and after the cap the row is failed and left alone."""
    settings.NOTIFICATION_EMAIL_MAX_ATTEMPTS = 3
    row = _pending(org, reviewer, addressed)
    with mock.patch.object(EmailBackend, "send_messages", side_effect=OSError("Connection refused")) as send:
        for expected in (1, 2, 3):
            _retry()
            row.refresh_from_db()
            assert row.email_attempts == expected and "Connection refused" in row.email_error
            _age(row, dt.timedelta(minutes=5))
        assert row.email_status == Notification.EmailStatus.FAILED
        _retry()
        assert send.call_count == 3
    row.refresh_from_db()
    assert row.email_attempts == 3
    _retry()
    assert len(mail.outbox) == 0


def test_a_transient_failure_leaves_the_row_pending_for_the_next_run(org, addressed, reviewer):
    row = _pending(org, reviewer, addressed, age=dt.timedelta(0))
    with mock.patch.object(EmailBackend, "send_messages", side_effect=smtplib.SMTPServerDisconnected("gone")):
        assert notification_emails_send(notification_ids=[row.pk]) == 0
    row.refresh_from_db()
    assert (row.email_status, row.email_attempts, row.email_error) == ("pending", 1, "gone")
    _age(row, dt.timedelta(minutes=5))
    _retry()
    row.refresh_from_db()
    assert (row.email_status, row.email_attempts) == ("sent", 2) and len(mail.outbox) == 1


def test_a_recipient_the_server_refuses_fails_at_once(org, addressed, reviewer):
    row = _pending(org, reviewer, addressed, age=dt.timedelta(0))
    refused = smtplib.SMTPRecipientsRefused({addressed.email: (550, b"no such user")})
    with mock.patch.object(EmailBackend, "send_messages", side_effect=refused):
        notification_emails_send(notification_ids=[row.pk])
    row.refresh_from_db()
    assert (row.email_status, row.email_attempts) == ("failed", 1) and "no such user" in row.email_error


def test_the_retry_runs_on_the_beat_schedule():
    from apps.notifications import tasks

    entry = django_settings.CELERY_BEAT_SCHEDULE["notifications-retry"]
    assert entry["task"] == tasks.notification_emails_retry.name == "apps.notifications.tasks.notification_emails_retry"
    assert entry["schedule"] == django_settings.NOTIFICATION_EMAIL_RETRY_INTERVAL
