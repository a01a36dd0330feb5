from django.http import Http404

from apps.notifications.models import Notification


def notification_list_for_user(*, user, unread_only: bool = False, limit: int = 200):
    """The user's notifications, newest first."""
    qs = Notification.objects.filter(recipient=user).select_related("actor").order_by("-created_at", "-id")
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs[:limit]


def notification_unread_count(*, user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notification_get_for_user(*, user, pk) -> Notification:
    """One of the user's own notifications, or Http404 (someone else's is never confirmed)."""
    try:
        return Notification.objects.get(pk=pk, recipient=user)
    except (Notification.DoesNotExist, ValueError):
        raise Http404 from None
