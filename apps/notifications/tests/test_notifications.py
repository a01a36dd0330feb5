"""In-app notifications and their e-mail: written with the change, sent once after the commit."""

import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse

from apps.notifications.models import Notification
from apps.notifications.services import notification_emails_send, notification_mark_read, notify
from apps.notifications.tasks import notification_emails_send as task


def _notify(org, actor, *recipients, **kw):
    return notify(
        recipients=recipients,
        kind=Notification.Kind.COMMENT,
        actor=actor,
        organization_id=org.pk,
        title="批注：《报告》（一）",
        body="请核实",
        url="/reports/1/sections/2/",
        **kw,
    )


@pytest.fixture
def addressed(drafter):
    drafter.email = "zhang@example.gov.cn"
    drafter.save()
    return drafter


def test_nobody_is_told_twice_and_the_actor_is_not_told(org, drafter, reviewer):
    rows = _notify(org, reviewer, drafter, drafter, reviewer, None)
    assert [n.recipient for n in rows] == [drafter]


def test_inactive_users_are_not_told(org, drafter, reviewer):
    drafter.is_active = False
    drafter.save()
    assert _notify(org, reviewer, drafter) == []


def test_email_goes_through_celery_on_commit_by_default(
    org, addressed, reviewer, settings, django_capture_on_commit_callbacks
):
    settings.NOTIFICATION_EMAIL_ASYNC = True
    with mock.patch("apps.notifications.tasks.notification_emails_send.delay") as delay:
        with django_capture_on_commit_callbacks(execute=True):
            (row,) = _notify(org, reviewer, addressed)
            delay.assert_not_called()
    delay.assert_called_once_with([row.pk])


def test_a_broker_outage_leaves_the_email_pending_instead_of_failing_the_request(
    org, addressed, reviewer, settings, django_capture_on_commit_callbacks
):
    settings.NOTIFICATION_EMAIL_ASYNC = True
    with mock.patch("apps.notifications.tasks.notification_emails_send.delay", side_effect=OSError("refused")):
        with django_capture_on_commit_callbacks(execute=True):
            (row,) = _notify(org, reviewer, addressed)
    row.refresh_from_db()
    assert row.email_status == Notification.EmailStatus.PENDING


def test_the_task_sends_each_pending_email_once(org, addressed, reviewer):
    (row,) = _notify(org, reviewer, addressed)
    assert task(notification_ids=[row.pk]) == 1
    assert task(notification_ids=[row.pk]) == 0  # a re-delivered task sends nothing twice
    assert len(mail.outbox) == 1
    row.refresh_from_db()
    assert row.email_status == Notification.EmailStatus.SENT and row.emailed_at is not None
    message = mail.outbox[0]
    assert message.subject.startswith("[年度报告起草与审核] 批注")
    assert "http://127.0.0.1:8000/reports/1/sections/2/" in message.body
    assert 'href="http://127.0.0.1:8000/reports/1/sections/2/"' in message.alternatives[0][0]


def test_a_refused_message_is_recorded_as_failed(org, addressed, reviewer):
    """A 5xx answer is final (retrying cannot help); transient errors are in test_email_delivery.py."""
    (row,) = _notify(org, reviewer, addressed)
    refused = smtplib.SMTPDataError(550, b"message rejected")
    with mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages", side_effect=refused):
        assert notification_emails_send(notification_ids=[row.pk]) == 0
    row.refresh_from_db()
    assert row.email_status == Notification.EmailStatus.FAILED and "550" in row.email_error


def test_only_the_recipient_marks_it_read(org, drafter, reviewer):
    from apps.core.errors import PermissionDeniedError

    (row,) = _notify(org, reviewer, drafter)
    with pytest.raises(PermissionDeniedError):
        notification_mark_read(notification=row, user=reviewer)
    notification_mark_read(notification=row, user=drafter)
    assert row.is_read


def test_the_inbox_shows_the_unread_count_and_opening_marks_read(login, org, drafter, reviewer):
    (row,) = _notify(org, reviewer, drafter)
    client = login(drafter)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert 'id="unread-count">1<' in page and "请核实" in page
    response = client.post(reverse("notifications:open", args=[row.pk]))
    assert response.status_code == 302 and response.url == "/reports/1/sections/2/"
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert 'id="unread-count"' not in page


def test_mark_all_read(login, org, drafter, reviewer):
    _notify(org, reviewer, drafter)
    _notify(org, reviewer, drafter)
    client = login(drafter)
    client.post(reverse("notifications:mark_all_read"))
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_someone_elses_notification_is_a_404(login, org, drafter, drafter2, reviewer):
    (row,) = _notify(org, reviewer, drafter)
    response = login(drafter2).post(reverse("notifications:open", args=[row.pk]))
    assert response.status_code == 404
    row.refresh_from_db()
    assert not row.is_read


def test_the_inbox_uses_a_constant_number_of_queries(login, org, drafter, reviewer, django_assert_max_num_queries):
    for _ in range(20):
        _notify(org, reviewer, drafter)
    client = login(drafter)
    with django_assert_max_num_queries(8):
        client.get(reverse("notifications:inbox"))
