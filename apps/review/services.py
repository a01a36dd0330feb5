"""The section workflow. Each transition: guard → mutate → save → record → notify on commit, in one transaction.

States and transitions (Section.status):
    草稿/已退回 ──submit──► 待审核 ──approve──► 已通过 ──reopen (reason)──► 草稿
                              ├────return (comment)──► 已退回 ◄──return── 已通过
                              └────withdraw (drafter, before any review)──► the state it was submitted from
A submitted section is locked (Section.is_editable) until it is returned or withdrawn.
Batch submit/approve are in services_batch.py.
Assignments are in services_assignment.py, comments in services_comment.py.
"""

from __future__ import annotations

import logging

from django.db import transaction

from apps.core.errors import ConflictError, PermissionDeniedError, ServiceError, StateError
from apps.reports.models import PlaceholderChange, Section, SectionStatus, SectionTextChange
from apps.reports.services_report_status import report_back_to_drafting
from apps.review import notify
from apps.review.models import Comment, PlaceholderLeftOpen, SectionTransition
from apps.review.permissions import guard_can_work_on, guard_reviewer
from apps.review.rules import APPROVABLE, REOPENABLE, RETURNABLE, SUBMITTABLE, WITHDRAWABLE

logger = logging.getLogger(__name__)

MAX_COMMENT = 2000


def locked(section: Section) -> Section:
    """The section, locked for update in the caller's transaction."""
    return Section.objects.select_for_update(of=("self",)).select_related("report", "submitted_by").get(pk=section.pk)


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


def _unexplained_empty_placeholders(section: Section):
    return section.placeholders.filter(value="", left_open__isnull=True).order_by("order")


@transaction.atomic
def section_submit(*, section: Section, user, left_open_reason: str = "") -> Section:
    """草稿/已退回 → 待审核, by a drafter the section is assigned to (or any drafter if unassigned) or an admin.

    Refused (code ``empty_placeholders``) while a placeholder is empty, unless ``left_open_reason``
    is given: then every empty placeholder is marked as intentionally left open with that reason.
    """
    reason = _clean_comment(left_open_reason)
    section, left_open = submit_locked(section=locked(section), user=user, reason=reason)
    notify.notify_submitted(section=section, actor=user, left_open_reason=reason if left_open else "")
    return section


def submit_locked(*, section: Section, user, reason: str = "") -> tuple[Section, int]:
    """The submit transition of a section already locked by the caller, without notifying anyone
    (section_submit and the batch notify). Returns the section and how many placeholders were left open."""
    guard_can_work_on(user=user, section=section)
    if section.status not in SUBMITTABLE:
        raise StateError(f"本节当前为“{section.get_status_display()}”，不能提交审核。")
    empty = list(_unexplained_empty_placeholders(section))
    if empty and not reason:
        labels = "、".join(p.short_label for p in empty[:5])
        more = " 等" if len(empty) > 5 else ""
        raise StateError(
            f"本节还有 {len(empty)} 个待填项未填写（{labels}{more}）。请填写，或注明有意留空的原因后再提交。",
            code="empty_placeholders",
        )
    PlaceholderLeftOpen.objects.bulk_create(
        PlaceholderLeftOpen(placeholder=p, section=section, reason=reason, marked_by=user) for p in empty
    )
    from_status = section.status
    section.status = SectionStatus.SUBMITTED
    section.submitted_by = user
    section.save(update_fields=["status", "submitted_by", "updated_at"])
    comment = f"有意留空 {len(empty)} 项：{reason}" if empty else ""
    _record(
        section=section, user=user, action=SectionTransition.Action.SUBMIT, from_status=from_status, comment=comment
    )
    return section, len(empty)


def _last_approval(section: Section) -> SectionTransition | None:
    return (
        SectionTransition.objects.filter(section=section, action=SectionTransition.Action.APPROVE)
        .order_by("-created_at", "-id")
        .first()
    )


def _edited_by_since_last_approval(*, section: Section, user) -> bool:
    """Did the user change a value or the text of the section since it was last approved (or ever)?"""
    last = _last_approval(section)
    for model in (PlaceholderChange, SectionTextChange):
        changes = model.objects.filter(section=section, user=user)
        if last is not None:
            changes = changes.filter(created_at__gt=last.created_at)
        if changes.exists():
            return True
    return False


@transaction.atomic
def section_approve(*, section: Section, user, comment: str = "", seen_version: int | None = None) -> Section:
    """待审核 → 已通过, by a reviewer who neither submitted the section nor edited it since its last approval.

    ``seen_version`` is the Section.version shown to the reviewer; when the section changed since,
    the approval is refused with ConflictError (code ``stale_version``, ``current`` = the section).
    """
    comment = _clean_comment(comment)
    section = approve_locked(section=locked(section), user=user, comment=comment, seen_version=seen_version)
    notify.notify_approved(section=section, actor=user, comment=comment)
    return section


def approve_locked(*, section: Section, user, comment: str = "", seen_version: int | None = None) -> Section:
    """The approve transition of a section already locked by the caller, without notifying anyone."""
    guard_reviewer(user=user, section=section)
    if section.status not in APPROVABLE:
        raise StateError(f"本节当前为“{section.get_status_display()}”，只有待审核的章节可以通过。")
    if section.submitted_by_id == user.pk:
        raise PermissionDeniedError("不能审核通过自己提交的章节。")
    if _edited_by_since_last_approval(section=section, user=user):
        raise PermissionDeniedError("您修改过本节的内容，不能由自己审核通过，请其他审核人审核。")
    if seen_version is not None and seen_version != section.version:
        raise ConflictError(
            "您打开本节之后，内容又有修改。请先查看修改之处，再决定是否通过。", code="stale_version", current=section
        )
    from_status = section.status
    section.status = SectionStatus.APPROVED
    section.save(update_fields=["status", "updated_at"])
    _record(
        section=section, user=user, action=SectionTransition.Action.APPROVE, from_status=from_status, comment=comment
    )
    return section


@transaction.atomic
def section_return(*, section: Section, user, comment: str) -> Section:
    """待审核/已通过 → 已退回, by a reviewer; the comment (修改意见) is required."""
    comment = _clean_comment(comment)
    if not comment:
        raise ServiceError("退回时必须填写修改意见。", code="comment_required")
    section = locked(section)
    guard_reviewer(user=user, section=section)
    if section.status not in RETURNABLE:
        raise StateError(f"本节当前为“{section.get_status_display()}”，不能退回。")
    from_status = section.status
    section.status = SectionStatus.RETURNED
    section.save(update_fields=["status", "updated_at"])
    _record(
        section=section, user=user, action=SectionTransition.Action.RETURN, from_status=from_status, comment=comment
    )
    report_back_to_drafting(report=section.report, user=user, reason=f"“{section}”退回修改：{comment}")
    notify.notify_returned(section=section, actor=user, comment=comment)
    return section


@transaction.atomic
def section_reopen(*, section: Section, user, comment: str = "") -> Section:
    """已通过 → 草稿, by a reviewer, with a reason (required: code ``reason_required``); editable again."""
    comment = _clean_comment(comment)
    section = locked(section)
    guard_reviewer(user=user, section=section)
    if section.status not in REOPENABLE:
        raise StateError("只有已通过的章节需要重新打开。")
    if not comment:
        raise ServiceError("重新打开时必须填写原因。", code="reason_required")
    from_status = section.status
    section.status = SectionStatus.DRAFT
    section.save(update_fields=["status", "updated_at"])
    _record(
        section=section, user=user, action=SectionTransition.Action.REOPEN, from_status=from_status, comment=comment
    )
    report_back_to_drafting(report=section.report, user=user, reason=f"“{section}”重新打开：{comment}")
    return section


@transaction.atomic
def section_withdraw(*, section: Section, user) -> Section:
    """待审核 → the state it was submitted from (草稿 or 已退回), by someone who may work on the section,
    while no reviewer has acted on it: not approved or returned (the state guard) and no comment from
    another person since the submission. The marks 有意留空 made at submission are kept (they are moot once filled).
    """
    section = locked(section)
    guard_can_work_on(user=user, section=section)
    if section.status not in WITHDRAWABLE:
        raise StateError(
            f"本节当前为“{section.get_status_display()}”，只有待审核的章节可以撤回。", code="not_submitted"
        )
    submitted = (
        SectionTransition.objects.filter(section=section, action=SectionTransition.Action.SUBMIT)
        .order_by("-created_at", "-id")
        .first()
    )
    since = submitted.created_at if submitted else section.updated_at
    if Comment.objects.filter(section=section, created_at__gte=since).exclude(author=user).exists():
        raise StateError(
            "审核人已经开始审核本节（已有批注），不能撤回；请与审核人联系，或等待审核结果。", code="in_review"
        )
    from_status = section.status
    section.status = submitted.from_status if submitted else SectionStatus.DRAFT
    section.save(update_fields=["status", "updated_at"])
    _record(section=section, user=user, action=SectionTransition.Action.WITHDRAW, from_status=from_status)
    return section
