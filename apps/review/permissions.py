"""Who may do what to a section. Used by the services (which enforce) and the pages (which only hide)."""

from __future__ import annotations

from apps.accounts.models import Membership
from apps.accounts.selectors import membership_for_user
from apps.core.errors import PermissionDeniedError


def section_membership(*, user, section) -> Membership:
    """The user's membership in the section's organisation, or PermissionDeniedError."""
    membership = membership_for_user(user=user)
    if membership is None or membership.organization_id != section.report.organization_id:
        raise PermissionDeniedError()
    return membership


def _assignment(section):
    from apps.review.models import Assignment

    try:
        return section.assignment
    except Assignment.DoesNotExist:
        return None


_UNSET = object()


def membership_can_work_on(*, membership: Membership, section, department_ids=None, assignment=_UNSET) -> bool:
    """True when the member may fill and submit the section.

    Admins always may; reviewers never do; a drafter may when the section is unassigned
    (it belongs to the general office) or assigned to them or to one of their departments.
    ``department_ids`` and ``assignment`` (None: unassigned) save queries when the caller has them.
    """
    if membership.is_admin:
        return True
    if not membership.can_fill:
        return False
    if assignment is _UNSET:
        assignment = _assignment(section)
    if assignment is None:
        return True
    if assignment.assignee_id is not None and assignment.assignee_id == membership.user_id:
        return True
    if assignment.department_id is None:
        return False
    if department_ids is None:
        department_ids = set(membership.departments.values_list("pk", flat=True))
    return assignment.department_id in department_ids


def guard_can_work_on(*, user, section) -> Membership:
    """PermissionDeniedError unless the user may fill and submit the section (see membership_can_work_on)."""
    membership = section_membership(user=user, section=section)
    if not membership_can_work_on(membership=membership, section=section):
        if not membership.can_fill:
            raise PermissionDeniedError("审核人不能填写或提交章节。")
        raise PermissionDeniedError("本节已分配给其他责任单位或人员，您不能填写或提交。")
    return membership


def guard_reviewer(*, user, section) -> Membership:
    membership = section_membership(user=user, section=section)
    if not membership.can_review:
        raise PermissionDeniedError("只有审核人可以审核章节。")
    return membership
