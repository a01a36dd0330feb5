from apps.accounts.models import Membership


def membership_for_user(*, user) -> Membership | None:
    """The user's membership, or None for anonymous users and users of no organisation."""
    if not user.is_authenticated:
        return None
    try:
        return user.membership
    except Membership.DoesNotExist:
        return None
