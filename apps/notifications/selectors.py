from django.db.models import Q
from django.http import Http404

from apps.notifications.models import Notification

# A notification about a report in the 回收站 is left out with the report (and comes back when it is restored).
_REPORT_NOT_DELETED = Q(report__isnull=True) | Q(report__deleted_at__isnull=True)


def notification_list_for_user(*, user, unread_only: bool = False, limit: int = 200):
    """The user's notifications, newest first, leaving out those about deleted reports."""
    qs = (
        Notification.objects.filter(_REPORT_NOT_DELETED, recipient=user)
        .select_related("actor")
        .order_by("-created_at", "-id")
    )
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs[:limit]


def notification_unread_count(*, user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(_REPORT_NOT_DELETED, recipient=user, read_at__isnull=True).count()


def notification_get_for_user(*, user, pk) -> Notification:
    """One of the user's own notifications, or Http404 (someone else's is never confirmed)."""
    try:
        return Notification.objects.get(pk=pk, recipient=user)
    except (Notification.DoesNotExist, ValueError):
        raise Http404 from None
