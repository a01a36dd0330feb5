"""Reads of users, memberships and departments, always scoped to the reader's organisation."""

from django.db.models import Count, Prefetch, Q
from django.http import Http404

from apps.accounts.models import Department, Membership, User
from apps.core.errors import PermissionDeniedError


def membership_for_user(*, user) -> Membership | None:
    """The user's membership, or None for anonymous users and users of no organisation."""
    if not user.is_authenticated:
        return None
    try:
        return user.membership
    except Membership.DoesNotExist:
        return None


def membership_or_404(*, user) -> Membership:
    membership = membership_for_user(user=user)
    if membership is None:
        raise Http404
    return membership


def admin_membership_or_403(*, user, message: str = "只有本单位管理员可以进行此操作。") -> Membership:
    """The user's membership if they are an admin of their organisation: 404 without an organisation,
    PermissionDeniedError (the 403 page, with ``message``) for members who are not admins."""
    membership = membership_or_404(user=user)
    if not membership.is_admin:
        raise PermissionDeniedError(message)
    return membership


# The assignments a department holds in reports that are not in the 回收站.
LIVE_ASSIGNMENTS = Q(assignments__report__deleted_at__isnull=True)


def department_list(*, organization_id: int):
    """The organisation's departments by name, each with ``member_count`` and ``assignment_count`` (sections of
    reports not in the 回收站)."""
    return (
        Department.objects.filter(organization_id=organization_id)
        .annotate(
            member_count=Count("memberships", distinct=True),
            assignment_count=Count("assignments", filter=LIVE_ASSIGNMENTS, distinct=True),
        )
        .order_by("name")
    )


def department_get_for_user(*, user, pk) -> Department:
    """A department of the user's organisation, or Http404."""
    membership = membership_or_404(user=user)
    try:
        return Department.objects.get(pk=pk, organization_id=membership.organization_id)
    except (Department.DoesNotExist, ValueError):
        raise Http404 from None


def member_list(*, organization_id: int):
    """The organisation's memberships with their users and departments, by role then username."""
    return (
        Membership.objects.filter(organization_id=organization_id)
        .select_related("user")
        .prefetch_related(Prefetch("departments", queryset=Department.objects.order_by("name")))
        .order_by("role", "user__username")
    )


def member_get_for_user(*, user, pk) -> User:
    """A user of the reader's organisation (with ``membership`` loaded), or Http404."""
    membership = membership_or_404(user=user)
    try:
        return User.objects.select_related("membership").get(
            pk=pk, membership__organization_id=membership.organization_id
        )
    except (User.DoesNotExist, ValueError):
        raise Http404 from None


def users_with_role(*, organization_id: int, roles) -> list[User]:
    """Active users of the organisation whose role is in ``roles``."""
    return list(
        User.objects.filter(
            is_active=True, membership__organization_id=organization_id, membership__role__in=list(roles)
        ).order_by("username")
    )


def department_members(*, department_ids) -> list[User]:
    """Active users who belong to any of the departments."""
    return list(User.objects.filter(is_active=True, membership__departments__in=list(department_ids)).distinct())
