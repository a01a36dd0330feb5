"""Assigning sections to departments and people."""

import datetime as dt

import pytest

from apps.accounts.models import Department
from apps.accounts.tests.factories import member
from apps.core.errors import PermissionDeniedError, ServiceError
from apps.notifications.models import Notification
from apps.review.models import Assignment, AssignmentChange
from apps.review.selectors import assignments_for_user
from apps.review.services_assignment import assignment_clear, assignment_set


def test_assigning_a_part_assigns_every_section_under_it(part, section, section2, admin_user, finance):
    """GIVEN 一、 with （一） under it WHEN 一、 is assigned to 财政局 THEN both are, and 二、 is not."""
    rows = assignment_set(section=part, user=admin_user, department=finance, due_date=dt.date(2026, 12, 1))
    assert {r.section_id for r in rows} == {part.pk, section.pk}
    assert not Assignment.objects.filter(section=section2).exists()
    assert Assignment.objects.get(section=section).due_date == dt.date(2026, 12, 1)


def test_assigning_only_the_part_itself(part, section, admin_user, finance):
    assignment_set(section=part, user=admin_user, department=finance, include_children=False)
    assert list(Assignment.objects.values_list("section_id", flat=True)) == [part.pk]


def test_reassigning_replaces_the_earlier_assignment(section, admin_user, finance, stats, drafter):
    assignment_set(section=section, user=admin_user, department=finance)
    assignment_set(section=section, user=admin_user, department=stats, assignee=drafter)
    assignment = Assignment.objects.get(section=section)
    assert (assignment.department, assignment.assignee) == (stats, drafter)
    assert assignment.target_display == "统计局 · drafter"


def test_every_assignment_change_is_recorded(part, section, admin_user, finance, stats, drafter):
    """GIVEN 一、 (with （一）) WHEN it is assigned, reassigned, assigned again the same way and cleared
    THEN each section has one row per actual change: who, what, the new and the earlier target."""
    assignment_set(section=part, user=admin_user, department=finance)
    assignment_set(section=section, user=admin_user, department=stats, assignee=drafter, due_date=dt.date(2027, 1, 5))
    assignment_set(section=section, user=admin_user, department=stats, assignee=drafter, due_date=dt.date(2027, 1, 5))
    assignment_clear(section=part, user=admin_user)
    steps = [
        (c.action, c.target, c.previous, c.due_date, c.user)
        for c in AssignmentChange.objects.filter(section=section).order_by("id")
    ]
    assert steps == [
        ("set", "财政局", "", None, admin_user),
        ("set", "统计局 · drafter", "财政局", dt.date(2027, 1, 5), admin_user),
        ("clear", "", "统计局 · drafter", None, admin_user),
    ]
    assert list(AssignmentChange.objects.filter(section=part).order_by("id").values_list("action", flat=True)) == [
        "set",
        "clear",
    ]


def test_a_refused_assignment_records_nothing(section, drafter, finance):
    with pytest.raises(PermissionDeniedError):
        assignment_set(section=section, user=drafter, department=finance)
    with pytest.raises(PermissionDeniedError):
        assignment_clear(section=section, user=drafter)
    assert not AssignmentChange.objects.exists()


def test_assignment_notifies_the_assignee_and_department_members(
    section, admin_user, finance, finance_drafter, drafter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():
        assignment_set(section=section, user=admin_user, department=finance, assignee=drafter)
    notes = Notification.objects.filter(kind=Notification.Kind.ASSIGNED)
    assert {n.recipient for n in notes} == {finance_drafter, drafter}
    assert all("（一）经济运行稳中趋好" in n.title for n in notes)


def test_only_admins_assign(section, drafter, reviewer, finance):
    for user in (drafter, reviewer):
        with pytest.raises(PermissionDeniedError):
            assignment_set(section=section, user=user, department=finance)
    assert not Assignment.objects.exists()


def test_a_target_is_required(section, admin_user):
    with pytest.raises(ServiceError) as exc:
        assignment_set(section=section, user=admin_user)
    assert exc.value.code == "target_required"


def test_departments_and_people_of_another_organisation_are_refused(section, admin_user, other_org, outsider):
    foreign = Department.objects.create(organization=other_org, name="外县财政局")
    with pytest.raises(PermissionDeniedError):
        assignment_set(section=section, user=admin_user, department=foreign)
    with pytest.raises(PermissionDeniedError):
        assignment_set(section=section, user=admin_user, assignee=outsider)
    with pytest.raises(PermissionDeniedError):
        assignment_set(section=section, user=outsider, department=foreign)


def test_inactive_users_cannot_be_assigned(section, admin_user, org):
    gone = member(org, "drafter", "gone")
    gone.is_active = False
    gone.save()
    with pytest.raises(ServiceError):
        assignment_set(section=section, user=admin_user, assignee=gone)


def test_clearing_gives_the_sections_back_to_the_office(part, section, admin_user, finance):
    assignment_set(section=part, user=admin_user, department=finance)
    assert assignment_clear(section=part, user=admin_user) == 2
    assert not Assignment.objects.exists()


def test_a_drafter_sees_what_is_assigned_to_them_and_their_departments(
    part, section, section2, admin_user, finance, stats, finance_drafter
):
    assignment_set(section=part, user=admin_user, department=finance)
    assignment_set(section=section2, user=admin_user, department=stats)
    mine = list(assignments_for_user(user=finance_drafter))
    assert [a.section_id for a in mine] == [part.pk, section.pk]
    assert mine[1].placeholder_count == 4 and mine[1].empty_count == 4


def test_an_unapproved_section_past_its_due_date_is_overdue(section, admin_user, finance):
    (assignment,) = assignment_set(
        section=section, user=admin_user, department=finance, due_date=dt.date(2020, 1, 1), include_children=False
    )
    assert assignment.is_overdue
    assignment.section.status = "approved"
    assert not assignment.is_overdue
    assignment.due_date = None
    assert not assignment.is_overdue
