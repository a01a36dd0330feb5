"""What the batch screens list: the sections a drafter may submit, and a reviewer may approve, in one action."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from apps.accounts.selectors import membership_for_user
from apps.reports.models import Section, SectionStatus
from apps.review.permissions import membership_can_work_on


@dataclass
class BatchCandidates:
    """``ready``: sections the action applies to; ``waiting``: (section, why not) for the others in that state."""

    ready: list
    waiting: list


def _sections(report):
    return (
        Section.objects.filter(report=report)
        .select_related("assignment", "submitted_by")
        .annotate(
            placeholder_count=Count("placeholders", distinct=True),
            unexplained_empty=Count(
                "placeholders",
                filter=Q(placeholders__value="", placeholders__left_open__isnull=True),
                distinct=True,
            ),
            open_comment_count=Count(
                "comments", filter=Q(comments__parent__isnull=True, comments__resolved_at__isnull=True), distinct=True
            ),
        )
        .order_by("order")
    )


def batch_submit_candidates(*, report, user) -> BatchCandidates:
    """The user's 草稿/已退回 sections: ready when every placeholder is filled or marked 有意留空."""
    membership = membership_for_user(user=user)
    ready, waiting = [], []
    if membership is None:
        return BatchCandidates(ready, waiting)
    department_ids = set(membership.departments.values_list("pk", flat=True))
    for section in _sections(report).filter(status__in=[SectionStatus.DRAFT, SectionStatus.RETURNED]):
        assignment = getattr(section, "assignment", None)
        if not membership_can_work_on(
            membership=membership, section=section, department_ids=department_ids, assignment=assignment
        ):
            continue
        if section.unexplained_empty:
            waiting.append((section, f"还有 {section.unexplained_empty} 个待填项未填写"))
        else:
            ready.append(section)
    return BatchCandidates(ready, waiting)


def batch_approve_candidates(*, report, user) -> BatchCandidates:
    """The 待审核 sections: ready unless a comment is open or the reviewer submitted it."""
    ready, waiting = [], []
    for section in _sections(report).filter(status=SectionStatus.SUBMITTED):
        if section.open_comment_count:
            waiting.append((section, f"有 {section.open_comment_count} 条未解决的批注，请逐节审核"))
        elif section.submitted_by_id == user.pk:
            waiting.append((section, "由您本人提交，需其他审核人审核"))
        else:
            ready.append(section)
    return BatchCandidates(ready, waiting)
