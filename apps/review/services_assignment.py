"""Assigning sections to departments and people. Admins only; every change is recorded (AssignmentChange)
and notifies the new assignees on commit."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction

from apps.accounts.models import Department, Membership
from apps.accounts.selectors import department_members
from apps.core.errors import PermissionDeniedError, ServiceError
from apps.reports.models import Report, Section
from apps.review import notify
from apps.review.models import Assignment, AssignmentChange
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
    previous = {
        a.section_id: a
        for a in Assignment.objects.select_for_update(of=("self",))
        .select_related("department", "assignee")
        .filter(section__in=sections)
    }
    rows, changes = [], []
    for target in sections:
        target.report = report
        before = previous.get(target.pk)
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
        unchanged = before is not None and (before.department_id, before.assignee_id, before.due_date) == (
            assignment.department_id,
            assignment.assignee_id,
            assignment.due_date,
        )
        if not unchanged:
            changes.append(
                AssignmentChange(
                    section=target,
                    user=user,
                    action=AssignmentChange.Action.SET,
                    department=department,
                    assignee=assignee,
                    due_date=due_date,
                    target=assignment.target_display[:300],
                    previous=before.target_display[:300] if before is not None else "",
                )
            )
    AssignmentChange.objects.bulk_create(changes)
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
    assignments = list(
        Assignment.objects.select_for_update(of=("self",))
        .select_related("department", "assignee")
        .filter(section__in=sections)
    )
    AssignmentChange.objects.bulk_create(
        AssignmentChange(
            section_id=a.section_id,
            user=user,
            action=AssignmentChange.Action.CLEAR,
            previous=a.target_display[:300],
        )
        for a in assignments
    )
    deleted, _ = Assignment.objects.filter(pk__in=[a.pk for a in assignments]).delete()
    if deleted:
        logger.info("assignments of sections %s cleared by %s", [a.section_id for a in assignments], user)
    return deleted
