"""Writes to users, memberships and departments. Admin-only operations take the acting user as ``actor``."""

from __future__ import annotations

import logging

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from apps.accounts.models import Department, Membership, Organization, Role, User
from apps.accounts.selectors import membership_for_user
from apps.core.errors import PermissionDeniedError, ServiceError, StateError

logger = logging.getLogger(__name__)


@transaction.atomic
def user_create_member(*, organization: Organization, username: str, password: str, role: str, **fields) -> User:
    """Create a user with a membership in ``organization`` (or update the role and password of an existing one)."""
    if role not in Role.values:
        raise ValueError(f"unknown role {role!r}")
    user, _ = User.objects.get_or_create(username=username, defaults=fields)
    user.set_password(password)
    for key, value in fields.items():
        setattr(user, key, value)
    user.save()
    Membership.objects.update_or_create(user=user, defaults={"organization": organization, "role": role})
    return user


def operator_ensure(*, username: str, password: str, email: str = "") -> User:
    """Create or update the site operator's account: a superuser for /admin/, a member of no organisation."""
    user, created = User.objects.get_or_create(username=username, defaults={"email": email})
    if not created and Membership.objects.filter(user=user).exists():
        message = f"用户 {username} 属于某个机构，不能兼作运维账号；请换一个用户名。"
        raise ServiceError(message, code="operator_is_member")
    user.email = email or user.email
    user.is_staff = user.is_superuser = True
    user.set_password(password)
    user.save()
    return user


def guard_admin(*, actor) -> Membership:
    """The actor's membership if they are an admin of an organisation; PermissionDeniedError otherwise."""
    membership = membership_for_user(user=actor)
    if membership is None or not membership.is_admin:
        raise PermissionDeniedError("只有管理员可以管理用户和责任单位。")
    return membership


def _guard_same_org(*, membership: Membership, organization_id: int) -> None:
    if membership.organization_id != organization_id:
        raise PermissionDeniedError()


def _check_password(password: str, user: User) -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ServiceError(" ".join(exc.messages), code="password_invalid") from exc


def _check_departments(*, organization_id: int, departments) -> list[Department]:
    departments = list(departments or [])
    if any(d.organization_id != organization_id for d in departments):
        raise PermissionDeniedError("责任单位不属于本机构。")
    return departments


def _check_role(role: str) -> None:
    if role not in Role.values:
        raise ServiceError("请选择角色。", code="role_invalid")


@transaction.atomic
def user_create(
    *,
    actor,
    username: str,
    password: str,
    role: str,
    departments=(),
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> User:
    """An admin creates a user in their own organisation; the password must pass Django's validators."""
    admin = guard_admin(actor=actor)
    _check_role(role)
    username = username.strip()
    if not username:
        raise ServiceError("请填写用户名。", code="username_required")
    if User.objects.filter(username__iexact=username).exists():
        raise ServiceError("该用户名已被使用。", code="username_taken")
    departments = _check_departments(organization_id=admin.organization_id, departments=departments)
    user = User(username=username, first_name=first_name, last_name=last_name, email=email)
    _check_password(password, user)
    user.set_password(password)
    user.save()
    membership = Membership.objects.create(user=user, organization_id=admin.organization_id, role=role)
    membership.departments.set(departments)
    logger.info("user %s created in organization %s by %s", user.pk, admin.organization_id, actor)
    return user


def _admins_left(*, organization_id: int, without: User) -> bool:
    return (
        Membership.objects.filter(organization_id=organization_id, role=Role.ADMIN, user__is_active=True)
        .exclude(user=without)
        .exists()
    )


@transaction.atomic
def user_update(
    *,
    actor,
    user: User,
    role: str,
    departments=(),
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    is_active: bool = True,
) -> User:
    """An admin changes a member's name, e-mail, role, departments or active flag.

    Refused (StateError) when it would leave the organisation without an active admin,
    e.g. an admin demoting or deactivating themselves as the last admin.
    """
    admin = guard_admin(actor=actor)
    _check_role(role)
    membership = Membership.objects.select_for_update().select_related("user").get(user=user)
    _guard_same_org(membership=admin, organization_id=membership.organization_id)
    departments = _check_departments(organization_id=admin.organization_id, departments=departments)
    losing_admin = membership.role == Role.ADMIN and (role != Role.ADMIN or not is_active)
    if losing_admin and not _admins_left(organization_id=membership.organization_id, without=membership.user):
        raise StateError("机构至少需要一名在用的管理员。")
    user = membership.user
    user.first_name, user.last_name, user.email, user.is_active = first_name, last_name, email, is_active
    user.save(update_fields=["first_name", "last_name", "email", "is_active"])
    membership.role = role
    membership.save(update_fields=["role", "updated_at"])
    membership.departments.set(departments)
    logger.info("user %s updated by %s: role %s, active %s", user.pk, actor, role, is_active)
    return user


@transaction.atomic
def user_set_password(*, actor, user: User, password: str) -> User:
    """An admin sets a member's password; Django's validators apply."""
    admin = guard_admin(actor=actor)
    membership = Membership.objects.select_related("user").get(user=user)
    _guard_same_org(membership=admin, organization_id=membership.organization_id)
    _check_password(password, membership.user)
    membership.user.set_password(password)
    membership.user.save(update_fields=["password"])
    logger.info("password of user %s set by %s", user.pk, actor)
    return membership.user


def _clean_department_name(*, organization_id: int, name: str, exclude_pk: int | None = None) -> str:
    name = (name or "").strip()
    if not name:
        raise ServiceError("请填写责任单位名称。", code="name_required")
    clash = Department.objects.filter(organization_id=organization_id, name=name)
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ServiceError(f"责任单位“{name}”已存在。", code="name_taken")
    return name


@transaction.atomic
def department_create(*, actor, name: str) -> Department:
    """An admin adds a department to their organisation; names are unique within it."""
    admin = guard_admin(actor=actor)
    name = _clean_department_name(organization_id=admin.organization_id, name=name)
    return Department.objects.create(organization_id=admin.organization_id, name=name)


@transaction.atomic
def department_update(*, actor, department: Department, name: str) -> Department:
    """An admin renames a department of their organisation."""
    admin = guard_admin(actor=actor)
    _guard_same_org(membership=admin, organization_id=department.organization_id)
    department.name = _clean_department_name(organization_id=admin.organization_id, name=name, exclude_pk=department.pk)
    department.save(update_fields=["name", "updated_at"])
    return department


@transaction.atomic
def department_delete(*, actor, department: Department) -> None:
    """An admin deletes a department; refused while sections are assigned to it."""
    admin = guard_admin(actor=actor)
    _guard_same_org(membership=admin, organization_id=department.organization_id)
    live = department.assignments.filter(report__deleted_at__isnull=True).count()
    if live:
        raise StateError(f"“{department.name}”仍负责 {live} 个章节，请先改派后再删除。")
    in_trash = department.assignments.count()
    if in_trash:
        # A restored report would need its department back: wait until the purge or restore and reassign.
        raise StateError(
            f"回收站中的报告仍有 {in_trash} 个章节分配给“{department.name}”，请等这些报告被清除，或恢复后改派，再删除。"
        )
    department.delete()
