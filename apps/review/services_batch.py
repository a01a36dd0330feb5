"""Batch transitions: submit, or approve, many sections of a report in one action, with one notification.

Each section goes through the same guarded transition as one by one (services.submit_locked /
approve_locked) inside a savepoint; a section that is refused is skipped with its reason, the others
go through. The whole batch is one transaction, and its notification is written in it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.db import transaction

from apps.accounts.selectors import membership_for_user
from apps.core.errors import ConflictError, PermissionDeniedError, ServiceError
from apps.reports.models import Section
from apps.review import notify
from apps.review.models import Comment
from apps.review.services import approve_locked, submit_locked

logger = logging.getLogger(__name__)

MAX_BATCH = 500


@dataclass
class BatchOutcome:
    done: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # (section, Chinese reason)


def _locked_sections(*, report, section_ids):
    if not section_ids:
        raise ServiceError("请至少选择一个章节。", code="empty_batch")
    if len(section_ids) > MAX_BATCH:
        raise ServiceError(f"一次最多处理 {MAX_BATCH} 个章节。", code="batch_too_large")
    return list(
        Section.objects.select_for_update(of=("self",))
        .select_related("report", "submitted_by")
        .filter(report=report, pk__in=section_ids)
        .order_by("order")
    )


@transaction.atomic
def sections_submit_batch(*, report, user, section_ids: list[int]) -> BatchOutcome:
    """Submit every listed section that is complete (each placeholder filled or marked 有意留空).

    Refused as a whole (PermissionDeniedError) for a user who may not submit at all; a section the user
    may not work on, in the wrong state or with an empty placeholder is skipped with the reason.
    The reviewers get one notification for the batch.
    """
    membership = membership_for_user(user=user)
    if membership is None or membership.organization_id != report.organization_id:
        raise PermissionDeniedError()
    if not (membership.is_admin or membership.can_fill):
        raise PermissionDeniedError("审核人不能填写或提交章节。")
    outcome = BatchOutcome()
    for section in _locked_sections(report=report, section_ids=section_ids):
        try:
            with transaction.atomic():
                submit_locked(section=section, user=user)
        except ServiceError as exc:
            outcome.skipped.append((section, exc.message))
        else:
            outcome.done.append(section)
    if outcome.done:
        notify.notify_submitted_batch(sections=outcome.done, actor=user)
    logger.info(
        "batch submit on report %s by %s: %d submitted, %d skipped",
        report.pk,
        user,
        len(outcome.done),
        len(outcome.skipped),
    )
    return outcome


@transaction.atomic
def sections_approve_batch(*, report, user, seen_versions: dict[int, int]) -> BatchOutcome:
    """Approve every listed 待审核 section that has no open comment, each bound to the version the reviewer
    saw (``seen_versions``: section id → Section.version on the reviewer's screen).

    Refused as a whole for a user who may not review; a section that changed since, has an open comment,
    or that the reviewer may not approve (own submission, own edits) is skipped with the reason.
    The people who filled the sections get one notification each for the batch.
    """
    membership = membership_for_user(user=user)
    if membership is None or membership.organization_id != report.organization_id:
        raise PermissionDeniedError()
    if not membership.can_review:
        raise PermissionDeniedError("只有审核人可以审核章节。")
    outcome = BatchOutcome()
    sections = _locked_sections(report=report, section_ids=list(seen_versions))
    open_comments = set(
        Comment.objects.filter(section__in=sections, parent__isnull=True, resolved_at__isnull=True).values_list(
            "section_id", flat=True
        )
    )
    for section in sections:
        if section.pk in open_comments:
            outcome.skipped.append((section, "有未解决的批注，请逐节审核。"))
            continue
        try:
            with transaction.atomic():
                approve_locked(section=section, user=user, seen_version=seen_versions[section.pk])
        except ConflictError:
            outcome.skipped.append((section, "您打开列表之后内容又有修改，请打开本节查看修改后再审核。"))
        except ServiceError as exc:
            outcome.skipped.append((section, exc.message))
        else:
            outcome.done.append(section)
    if outcome.done:
        notify.notify_approved_batch(sections=outcome.done, actor=user)
    logger.info(
        "batch approve on report %s by %s: %d approved, %d skipped",
        report.pk,
        user,
        len(outcome.done),
        len(outcome.skipped),
    )
    return outcome
