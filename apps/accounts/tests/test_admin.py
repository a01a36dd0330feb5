"""Admins manage users and departments in the application; passwords follow Django's validators."""

import pytest
from django.urls import reverse

from apps.accounts.models import Department, Membership, Role, User
from apps.accounts.services import (
    department_create,
    department_delete,
    department_update,
    user_create,
    user_set_password,
    user_update,
)
from apps.core.errors import PermissionDeniedError, ServiceError, StateError

GOOD = "Kx7-qa2#Wm"


@pytest.fixture
def finance(org):
    return Department.objects.create(organization=org, name="财政局")


def test_an_admin_creates_a_user_with_role_and_departments(admin_user, org, finance):
    user = user_create(
        actor=admin_user, username="caizheng", password=GOOD, role=Role.DRAFTER, departments=[finance], last_name="赵"
    )
    assert user.check_password(GOOD) and user.membership.organization == org
    assert list(user.membership.departments.all()) == [finance]


@pytest.mark.parametrize("password", ["short1", "12345678901", "password123", "caizheng2026"])
def test_weak_passwords_are_refused(admin_user, password):
    with pytest.raises(ServiceError) as exc:
        user_create(actor=admin_user, username="caizheng", password=password, role=Role.DRAFTER)
    assert exc.value.code == "password_invalid"
    assert not User.objects.filter(username="caizheng").exists()


def test_only_admins_manage_users_and_departments(drafter, reviewer, finance):
    for actor in (drafter, reviewer):
        with pytest.raises(PermissionDeniedError):
            user_create(actor=actor, username="x1", password=GOOD, role=Role.DRAFTER)
        with pytest.raises(PermissionDeniedError):
            department_create(actor=actor, name="统计局")
        with pytest.raises(PermissionDeniedError):
            user_set_password(actor=actor, user=drafter, password=GOOD)


def test_admins_of_another_organisation_cannot_touch_ours(outsider, drafter, finance):
    with pytest.raises(PermissionDeniedError):
        user_update(actor=outsider, user=drafter, role=Role.ADMIN)
    with pytest.raises(PermissionDeniedError):
        department_update(actor=outsider, department=finance, name="x")
    with pytest.raises(PermissionDeniedError):
        user_create(actor=outsider, username="x2", password=GOOD, role=Role.DRAFTER, departments=[finance])


def test_user_names_are_unique(admin_user, drafter):
    with pytest.raises(ServiceError) as exc:
        user_create(actor=admin_user, username="DRAFTER", password=GOOD, role=Role.DRAFTER)
    assert exc.value.code == "username_taken"


def test_the_last_admin_cannot_demote_or_deactivate_themselves(admin_user, drafter):
    with pytest.raises(StateError):
        user_update(actor=admin_user, user=admin_user, role=Role.DRAFTER)
    with pytest.raises(StateError):
        user_update(actor=admin_user, user=admin_user, role=Role.ADMIN, is_active=False)
    user_update(actor=admin_user, user=drafter, role=Role.ADMIN)
    user_update(actor=admin_user, user=admin_user, role=Role.REVIEWER)
    assert Membership.objects.get(user=admin_user).role == Role.REVIEWER


def test_departments_are_unique_and_cannot_be_deleted_while_in_use(admin_user, finance, report):
    with pytest.raises(ServiceError):
        department_create(actor=admin_user, name="财政局")
    department_update(actor=admin_user, department=finance, name="县财政局")
    from apps.review.services_assignment import assignment_set

    assignment_set(section=report.sections.get(marker="二、"), user=admin_user, department=finance)
    with pytest.raises(StateError):
        department_delete(actor=admin_user, department=finance)
    stats = department_create(actor=admin_user, name="统计局")
    department_delete(actor=admin_user, department=stats)
    assert list(Department.objects.values_list("name", flat=True)) == ["县财政局"]


def test_the_user_screens(login, admin_user, finance, drafter, django_assert_max_num_queries):
    client = login(admin_user)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("accounts:user_list")).content.decode()
    assert "drafter" in page and "orgadmin" in page
    response = client.post(
        reverse("accounts:user_create"),
        {"username": "tongji", "role": "drafter", "departments": [finance.pk], "password1": GOOD, "password2": GOOD},
    )
    assert response.status_code == 302
    assert User.objects.get(username="tongji").membership.departments.get() == finance
    response = client.post(
        reverse("accounts:user_create"),
        {"username": "weak", "role": "drafter", "password1": "123", "password2": "123"},
    )
    assert response.status_code == 200 and "密码" in response.content.decode()
    assert not User.objects.filter(username="weak").exists()
    client.post(
        reverse("accounts:user_update", args=[drafter.pk]),
        {"role": "reviewer", "email": "zhang@example.gov.cn", "is_active": "on"},
    )
    drafter.refresh_from_db()
    assert drafter.membership.role == "reviewer" and drafter.email == "zhang@example.gov.cn"
    client.post(reverse("accounts:user_password", args=[drafter.pk]), {"password1": GOOD, "password2": GOOD})
    drafter.refresh_from_db()
    assert drafter.check_password(GOOD)


def test_the_department_screens(login, admin_user, finance):
    client = login(admin_user)
    client.post(reverse("accounts:department_list"), {"name": "统计局"})
    assert Department.objects.filter(name="统计局").exists()
    client.post(reverse("accounts:department_update", args=[finance.pk]), {"name": "县财政局"})
    finance.refresh_from_db()
    assert finance.name == "县财政局"
    client.post(reverse("accounts:department_delete", args=[finance.pk]))
    assert not Department.objects.filter(pk=finance.pk).exists()
    assert "统计局" in client.get(reverse("accounts:department_list")).content.decode()


def test_a_report_in_the_trash_is_not_counted_but_still_keeps_its_department(admin_user, finance, report):
    """GIVEN a section assigned to 财政局 WHEN its report goes to the 回收站 THEN the department list counts no
    assignment, and deleting the department is refused with the reason (a restored report needs it back)."""
    from apps.accounts.selectors import department_list
    from apps.reports.services_lifecycle import report_delete
    from apps.review.services_assignment import assignment_set

    assignment_set(section=report.sections.get(marker="二、"), user=admin_user, department=finance)
    assert department_list(organization_id=finance.organization_id).get(pk=finance.pk).assignment_count == 1
    report_delete(report=report, user=admin_user)
    assert department_list(organization_id=finance.organization_id).get(pk=finance.pk).assignment_count == 0
    with pytest.raises(StateError, match="回收站"):
        department_delete(actor=admin_user, department=finance)
