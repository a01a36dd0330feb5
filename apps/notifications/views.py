from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from apps.accounts.selectors import membership_or_404
from apps.notifications.selectors import notification_get_for_user, notification_list_for_user
from apps.notifications.services import notification_mark_all_read, notification_mark_read


@login_required
def inbox(request):
    membership_or_404(user=request.user)
    unread_only = request.GET.get("unread") == "1"
    notifications = notification_list_for_user(user=request.user, unread_only=unread_only)
    return render(request, "notifications/inbox.html", {"notifications": notifications, "unread_only": unread_only})


@login_required
@require_POST
def notification_open(request, pk):
    """Mark the notification read and go to what it is about."""
    membership_or_404(user=request.user)
    notification = notification_get_for_user(user=request.user, pk=pk)
    notification_mark_read(notification=notification, user=request.user)
    if notification.url and url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        return redirect(notification.url)
    return redirect("notifications:inbox")


@login_required
@require_POST
def mark_all_read(request):
    membership_or_404(user=request.user)
    count = notification_mark_all_read(user=request.user)
    messages.success(request, f"已将 {count} 条通知标为已读。" if count else "没有未读通知。")
    return redirect("notifications:inbox")
