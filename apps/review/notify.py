"""Who hears about what happens to a section, and what they are told. Called inside the services' transactions."""

from __future__ import annotations

from django.urls import reverse

from apps.accounts.models import Role
from apps.accounts.selectors import department_members, users_with_role
from apps.notifications.models import Notification
from apps.notifications.services import notify


def _where(section) -> str:
    return f"《{section.report.title}》{section.display_name}"


def section_workers(section) -> list:
    """The people who fill the section: its assignee, the members of its department, and its last submitter."""
    from apps.review.models import Assignment

    people = []
    try:
        assignment = section.assignment
    except Assignment.DoesNotExist:
        assignment = None
    if assignment is not None:
        if assignment.assignee is not None:
            people.append(assignment.assignee)
        if assignment.department_id is not None:
            people.extend(department_members(department_ids=[assignment.department_id]))
    if section.submitted_by is not None:
        people.append(section.submitted_by)
    return people


def _send(*, section, actor, kind, recipients, title, body="", url=None):
    notify(
        recipients=recipients,
        kind=kind,
        actor=actor,
        organization_id=section.report.organization_id,
        title=title,
        body=body,
        url=url or section.get_absolute_url(),
        report=section.report,
        section=section,
    )


def notify_submitted(*, section, actor, left_open_reason: str = "") -> None:
    reviewers = users_with_role(organization_id=section.report.organization_id, roles=[Role.REVIEWER])
    if not reviewers:  # an office without reviewers: its admins review
        reviewers = users_with_role(organization_id=section.report.organization_id, roles=[Role.ADMIN])
    body = f"{actor} 提交了 {_where(section)}，请审核。"
    if left_open_reason:
        body += f"\n有意留空的待填项，原因：{left_open_reason}"
    _send(
        section=section,
        actor=actor,
        kind=Notification.Kind.SUBMITTED,
        recipients=reviewers,
        title=f"待审核：{_where(section)}",
        body=body,
    )


def notify_returned(*, section, actor, comment: str) -> None:
    _send(
        section=section,
        actor=actor,
        kind=Notification.Kind.RETURNED,
        recipients=section_workers(section),
        title=f"已退回：{_where(section)}",
        body=f"{actor} 退回了 {_where(section)}，修改意见：\n{comment}",
    )


def notify_approved(*, section, actor, comment: str) -> None:
    body = f"{actor} 审核通过了 {_where(section)}。"
    if comment:
        body += f"\n审核意见：{comment}"
    _send(
        section=section,
        actor=actor,
        kind=Notification.Kind.APPROVED,
        recipients=section_workers(section),
        title=f"已通过：{_where(section)}",
        body=body,
    )


def notify_assigned(*, sections, actor, recipients, target: str, due_date=None) -> None:
    first = sections[0]
    headings = "、".join(s.display_name for s in sections[:5])
    more = f" 等 {len(sections)} 个章节" if len(sections) > 1 else ""
    body = f"{actor} 将《{first.report.title}》的 {headings}{more} 分配给 {target}。"
    if due_date:
        body += f"\n完成期限：{due_date.year}年{due_date.month}月{due_date.day}日。"
    _send(
        section=first,
        actor=actor,
        kind=Notification.Kind.ASSIGNED,
        recipients=recipients,
        title=f"新分配：《{first.report.title}》{first.display_name}{more}",
        body=body,
        url=reverse("review:my_assignments"),
    )


def notify_comment(*, comment, actor, recipients) -> None:
    section = comment.section
    about = f"（{comment.placeholder.label or comment.placeholder.raw or '待填项'}）" if comment.placeholder_id else ""
    verb = "回复了批注" if comment.parent_id else "添加了批注"
    _send(
        section=section,
        actor=actor,
        kind=Notification.Kind.COMMENT,
        recipients=recipients,
        title=f"批注：{_where(section)}{about}",
        body=f"{actor} 在 {_where(section)}{about} {verb}：\n{comment.body}",
        url=f"{section.get_absolute_url()}#comment-{comment.parent_id or comment.pk}",
    )


def _headings(sections, limit: int = 8) -> str:
    names = "、".join(s.display_heading or "导语" for s in sections[:limit])
    return names + (f" 等 {len(sections)} 个章节" if len(sections) > limit else "")


def notify_submitted_batch(*, sections, actor) -> None:
    """One notification per reviewer for a batch of submitted sections (not one per section)."""
    if len(sections) == 1:
        notify_submitted(section=sections[0], actor=actor)
        return
    report = sections[0].report
    reviewers = users_with_role(organization_id=report.organization_id, roles=[Role.REVIEWER])
    if not reviewers:
        reviewers = users_with_role(organization_id=report.organization_id, roles=[Role.ADMIN])
    notify(
        recipients=reviewers,
        kind=Notification.Kind.SUBMITTED,
        actor=actor,
        organization_id=report.organization_id,
        title=f"待审核：《{report.title}》{len(sections)} 个章节",
        body=f"{actor} 一次提交了《{report.title}》的 {len(sections)} 个章节，请审核：{_headings(sections)}。",
        url=reverse("review:batch_approve", args=[report.pk]),
        report=report,
    )


def notify_approved_batch(*, sections, actor) -> None:
    """One notification per person who works on any of the approved sections, naming their sections."""
    if len(sections) == 1:
        notify_approved(section=sections[0], actor=actor, comment="")
        return
    report = sections[0].report
    people: dict[int, tuple] = {}
    for section in sections:
        for person in section_workers(section):
            theirs = people.setdefault(person.pk, (person, []))[1]
            if section not in theirs:
                theirs.append(section)
    for person, theirs in people.values():
        where = f"《{report.title}》{len(theirs)} 个章节" if len(theirs) > 1 else _where(theirs[0])
        notify(
            recipients=[person],
            kind=Notification.Kind.APPROVED,
            actor=actor,
            organization_id=report.organization_id,
            title=f"已通过：{where}",
            body=f"{actor} 审核通过了《{report.title}》的 {_headings(theirs)}。",
            url=report.get_absolute_url() if len(theirs) > 1 else theirs[0].get_absolute_url(),
            report=report,
            section=theirs[0] if len(theirs) == 1 else None,
        )


def notify_revised(*, report, sections, actor) -> None:
    """A revised draft changed the text of sections that were submitted or approved (now back in 草稿): the
    reviewers who approved them hear about it (the organisation's reviewers, or its admins, when nobody did)."""
    from apps.review.models import SectionTransition

    approvers = {
        t.user_id: t.user
        for t in SectionTransition.objects.filter(
            section__in=sections, action=SectionTransition.Action.APPROVE, user__isnull=False
        ).select_related("user")
    }
    recipients = list(approvers.values())
    if not recipients:
        recipients = users_with_role(organization_id=report.organization_id, roles=[Role.REVIEWER]) or (
            users_with_role(organization_id=report.organization_id, roles=[Role.ADMIN])
        )
    notify(
        recipients=recipients,
        kind=Notification.Kind.REVISED,
        actor=actor,
        organization_id=report.organization_id,
        title=f"新版草稿改动了已审核的章节：《{report.title}》",
        body=(
            f"{actor} 上传了《{report.title}》的新版草稿，{_headings(sections)} 的文字有变化，"
            "已退回“草稿”，重新提交后请再次审核。"
        ),
        url=sections[0].get_absolute_url() if len(sections) == 1 else report.get_absolute_url(),
        report=report,
        section=sections[0] if len(sections) == 1 else None,
    )
