"""Assigning sections to departments and people. Admins only; notifies the new assignees on commit."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction

from apps.accounts.models import Department, Membership
from apps.accounts.selectors import department_members
from apps.core.errors import PermissionDeniedError, ServiceError
from apps.reports.models import Report, Section
from apps.review import notify
from apps.review.models import Assignment
from apps.review.permissions import section_membership

logger = logging.getLogger(__name__)


def _guard_admin(*, user, section: Section) -> None:
    if not section_membership(user=user, section=section).is_admin:
        raise PermissionDeniedError("只有管理员可以分配章节。")


def section_with_descendants(*, section: Section) -> list[Section]:
    """The section and every section under it (a whole ``一、`` part), in order."""
    following = Section.objects.filter(report_id=section.report_id, order__gt=section.order).order_by("order")
    out = [section]
    if section.level == 0:
        return out
    for other in following.only("pk", "level", "order", "marker", "heading", "report_id"):
        if other.level <= section.level:
            break
        out.append(other)
    return out


@transaction.atomic
def assignment_set(
    *,
    section: Section,
    user,
    department: Department | None = None,
    assignee=None,
    due_date: dt.date | None = None,
    include_children: bool = True,
) -> list[Assignment]:
    """Assign the section (and, with ``include_children``, every section under it) to a department
    and/or a person of the same organisation, with an optional due date. Replaces earlier assignments.
    """
    section = Section.objects.select_related("report").get(pk=section.pk)
    _guard_admin(user=user, section=section)
    report: Report = section.report
    if department is None and assignee is None:
        raise ServiceError("请选择责任单位或负责人。", code="target_required")
    if department is not None and department.organization_id != report.organization_id:
        raise PermissionDeniedError("责任单位不属于本机构。")
    if assignee is not None:
        if not Membership.objects.filter(user=assignee, organization_id=report.organization_id).exists():
            raise PermissionDeniedError("负责人不属于本机构。")
        if not assignee.is_active:
            raise ServiceError("该用户已停用，不能分配。", code="assignee_inactive")
    sections = section_with_descendants(section=section) if include_children else [section]
    rows = []
    for target in sections:
        target.report = report
        assignment, _ = Assignment.objects.update_or_create(
            section=target,
            defaults={
                "report": report,
                "department": department,
                "assignee": assignee,
                "due_date": due_date,
                "assigned_by": user,
            },
        )
        rows.append(assignment)
    recipients = [assignee] if assignee is not None else []
    if department is not None:
        recipients += department_members(department_ids=[department.pk])
    notify.notify_assigned(
        sections=sections, actor=user, recipients=recipients, target=rows[0].target_display, due_date=due_date
    )
    logger.info("sections %s assigned to %s by %s", [s.pk for s in sections], rows[0].target_display, user)
    return rows


@transaction.atomic
def assignment_clear(*, section: Section, user, include_children: bool = True) -> int:
    """Remove the assignment of the section (and the sections under it); they go back to the general office."""
    section = Section.objects.select_related("report").get(pk=section.pk)
    _guard_admin(user=user, section=section)
    sections = section_with_descendants(section=section) if include_children else [section]
    deleted, _ = Assignment.objects.filter(section__in=sections).delete()
    return deleted
