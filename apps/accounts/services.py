from django.db import transaction

from apps.accounts.models import Membership, Organization, Role, User


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
