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
