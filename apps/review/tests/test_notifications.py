"""Who is told what, when a section moves; e-mail leaves only once the transaction commits."""

import pytest
from django.core import mail

from apps.core.errors import StateError
from apps.notifications.models import Notification
from apps.review.services import section_approve, section_return, section_submit
from apps.review.services_assignment import assignment_set
from apps.review.tests.conftest import fill


@pytest.fixture(autouse=True)
def _email_in_process(settings):
    settings.NOTIFICATION_EMAIL_ASYNC = False


def _with_email(user, address):
    user.email = address
    user.save()
    return user


def test_submitting_tells_the_reviewers_by_inbox_and_email(
    section, drafter, reviewer, reviewer2, django_capture_on_commit_callbacks
):
    _with_email(reviewer, "li@example.gov.cn")
    fill(section, drafter)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        section_submit(section=section, user=drafter)
    assert not mail.outbox  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    notes = Notification.objects.filter(kind=Notification.Kind.SUBMITTED)
    assert {n.recipient for n in notes} == {reviewer, reviewer2}
    assert notes.get(recipient=reviewer).email_status == "sent"
    assert notes.get(recipient=reviewer2).email_status == "none"  # no address: inbox only
    (message,) = mail.outbox
    assert message.to == ["li@example.gov.cn"]
    assert "待审核" in message.subject and "（一）经济运行稳中趋好" in message.subject
    assert section.get_absolute_url() in message.body
    html = message.alternatives[0][0]
    assert "<a href=" in html and "drafter" in html


def test_returning_and_approving_tell_the_submitter_and_the_assignees(
    section, drafter, reviewer, admin_user, finance, finance_drafter, django_capture_on_commit_callbacks
):
    assignment_set(section=section, user=admin_user, department=finance)
    fill(section, finance_drafter)
    section_submit(section=section, user=finance_drafter)
    section_return(section=section, user=reviewer, comment="增速请核实")
    returned = Notification.objects.filter(kind=Notification.Kind.RETURNED)
    assert [n.recipient for n in returned] == [finance_drafter]
    assert "增速请核实" in returned[0].body
    section_submit(section=section, user=finance_drafter)
    section_approve(section=section, user=reviewer, comment="同意")
    approved = Notification.objects.get(kind=Notification.Kind.APPROVED)
    assert approved.recipient == finance_drafter and "同意" in approved.body


def test_a_refused_transition_tells_nobody(section, drafter, reviewer):
    with pytest.raises(StateError):
        section_submit(section=section, user=drafter)  # empty placeholders
    assert not Notification.objects.exists()


def test_an_office_without_reviewers_tells_its_admins(section, drafter, admin_user, django_capture_on_commit_callbacks):
    fill(section, drafter)
    section_submit(section=section, user=drafter)
    assert [n.recipient for n in Notification.objects.all()] == [admin_user]
