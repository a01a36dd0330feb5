from django import template

from apps.notifications.selectors import notification_unread_count

register = template.Library()


@register.simple_tag
def unread_notifications(user) -> int:
    """Number of the user's unread notifications (one COUNT query, only on pages that ask)."""
    return notification_unread_count(user=user)
