"""The section workflow. Each transition: guard → mutate → save → record, in one transaction."""

from __future__ import annotations

import logging

from django.db import transaction

from apps.accounts.selectors import membership_for_user
from apps.core.errors import PermissionDeniedError, ServiceError, StateError
from apps.reports.models import Report, Section, SectionStatus
from apps.review.models import SectionTransition

logger = logging.getLogger(__name__)

MAX_COMMENT = 2000


def _locked(section: Section) -> Section:
    return Section.objects.select_for_update().select_related("report").get(pk=section.pk)


def _membership(*, user, section: Section):
    membership = membership_for_user(user=user)
    if membership is None or membership.organization_id != section.report.organization_id:
        raise PermissionDeniedError()
    return membership


def _guard_reviewer(*, user, section: Section) -> None:
    if not _membership(user=user, section=section).can_review:
        raise PermissionDeniedError("只有审核人可以审核章节。")


def _record(*, section: Section, user, action: str, from_status: str, comment: str = "") -> SectionTransition:
    transition = SectionTransition.objects.create(
        section=section,
        user=user,
        action=action,
        from_status=from_status,
        to_status=section.status,
        comment=comment,
        section_version=section.version,
    )
    logger.info("section %s: %s → %s by %s", section.pk, from_status, section.status, user)
    return transition


def _clean_comment(comment: str | None) -> str:
    comment = (comment or "").strip()
    if len(comment) > MAX_COMMENT:
        raise ServiceError(f"意见最多 {MAX_COMMENT} 个字。")
    return comment


@transaction.atomic
def section_submit(*, section: Section, user) -> Section:
    section = _locked(section)
    _membership(user=user, section=section)
    if section.status not in (SectionStatus.DRAFT, SectionStatus.RETURNED):
        raise StateError(f"本节当前为“{section.get_status_display()}”，不能提交审核。")
    from_status = section.status
    section.status = SectionStatus.SUBMITTED
    section.submitted_by = user
    section.save(update_fields=["status", "submitted_by", "updated_at"])
    _record(section=section, user=user, action=SectionTransition.Action.SUBMIT, from_status=from_status)
    return section


@transaction.atomic
def section_approve(*, section: Section, user, comment: str = "") -> Section:
    section = _locked(section)
    _guard_reviewer(user=user, section=section)
    if section.status != SectionStatus.SUBMITTED:
        raise StateError(f"本节当前为“{section.get_status_display()}”，只有待审核的章节可以通过。")
    if section.submitted_by_id == user.pk:
        raise PermissionDeniedError("不能审核通过自己提交的章节。")
    from_status = section.status
    section.status = SectionStatus.APPROVED
    section.save(update_fields=["status", "updated_at"])
    _record(
        section=section,
        user=user,
        action=SectionTransition.Action.APPROVE,
        from_status=from_status,
        comment=_clean_comment(comment),
    )
    return section


@transaction.atomic
def section_return(*, section: Section, user, comment: str) -> Section:
    comment = _clean_comment(comment)
    if not comment:
        raise ServiceError("退回时必须填写修改意见。", code="comment_required")
    section = _locked(section)
    _guard_reviewer(user=user, section=section)
    if section.status not in (SectionStatus.SUBMITTED, SectionStatus.APPROVED):
        raise StateError(f"本节当前为“{section.get_status_display()}”，不能退回。")
    from_status = section.status
    section.status = SectionStatus.RETURNED
    section.save(update_fields=["status", "updated_at"])
    _record(
        section=section, user=user, action=SectionTransition.Action.RETURN, from_status=from_status, comment=comment
    )
    _report_back_to_drafting(section.report)
    return section


@transaction.atomic
def section_reopen(*, section: Section, user, comment: str = "") -> Section:
    section = _locked(section)
    _guard_reviewer(user=user, section=section)
    if section.status != SectionStatus.APPROVED:
        raise StateError("只有已通过的章节需要重新打开。")
    from_status = section.status
    section.status = SectionStatus.DRAFT
    section.save(update_fields=["status", "updated_at"])
    _record(
        section=section,
        user=user,
        action=SectionTransition.Action.REOPEN,
        from_status=from_status,
        comment=_clean_comment(comment),
    )
    _report_back_to_drafting(section.report)
    return section


def _report_back_to_drafting(report: Report) -> None:
    if report.status != Report.Status.DRAFTING:
        Report.objects.filter(pk=report.pk).update(status=Report.Status.DRAFTING)
