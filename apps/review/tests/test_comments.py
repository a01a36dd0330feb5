"""Comments on sections and placeholders: added, answered, resolved; each one notifies."""

import pytest

from apps.core.errors import PermissionDeniedError, ServiceError, StateError
from apps.notifications.models import Notification
from apps.review.selectors import section_comments
from apps.review.services import section_submit
from apps.review.services_comment import comment_create, comment_reply, comment_resolve
from apps.review.tests.conftest import fill


@pytest.fixture
def gdp(section):
    return section.placeholders.get(role="value")


def test_a_comment_on_a_placeholder_is_answered_and_resolved(section, gdp, drafter, reviewer):
    """GIVEN a submitted section WHEN the reviewer comments on the GDP value, the drafter answers and
    the reviewer resolves THEN the thread holds both, is resolved, and each step told the other side."""
    fill(section, drafter)
    section_submit(section=section, user=drafter)
    comment = comment_create(section=section, user=reviewer, body="与统计局数字不一致", placeholder=gdp)
    reply = comment_reply(comment=comment, user=drafter, body="已按统计局最新数据修改")
    comment_resolve(comment=reply, user=reviewer)  # resolving a reply resolves its thread
    (thread,) = section_comments(section=section)
    assert thread.placeholder == gdp and thread.is_resolved and thread.resolved_by == reviewer
    assert [r.body for r in thread.thread_replies] == ["已按统计局最新数据修改"]
    kinds = list(Notification.objects.filter(kind="comment").values_list("recipient__username", flat=True))
    assert kinds.count("drafter") == 1 and kinds.count("reviewer") == 1


def test_comment_bodies_are_required(section, reviewer):
    with pytest.raises(ServiceError):
        comment_create(section=section, user=reviewer, body="  ")


def test_a_placeholder_of_another_section_is_refused(section, section2, reviewer):
    other = section2.placeholders.get()
    with pytest.raises(ServiceError):
        comment_create(section=section, user=reviewer, body="?", placeholder=other)


def test_only_the_author_or_a_reviewer_resolves(section, drafter, drafter2, reviewer):
    comment = comment_create(section=section, user=drafter, body="这句是否保留？")
    with pytest.raises(PermissionDeniedError):
        comment_resolve(comment=comment, user=drafter2)
    comment_resolve(comment=comment, user=drafter)
    with pytest.raises(StateError):
        comment_resolve(comment=comment, user=reviewer)


def test_a_resolved_thread_takes_no_replies(section, drafter, reviewer):
    comment = comment_create(section=section, user=reviewer, body="请核实")
    comment_resolve(comment=comment, user=reviewer)
    with pytest.raises(StateError):
        comment_reply(comment=comment, user=drafter, body="好的")


def test_outsiders_cannot_comment(section, outsider, reviewer):
    with pytest.raises(PermissionDeniedError):
        comment_create(section=section, user=outsider, body="x")
    comment = comment_create(section=section, user=reviewer, body="请核实")
    with pytest.raises(PermissionDeniedError):
        comment_reply(comment=comment, user=outsider, body="x")
    with pytest.raises(PermissionDeniedError):
        comment_resolve(comment=comment, user=outsider)
