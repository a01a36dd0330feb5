from django.contrib import admin

from apps.reports.models import ReportTransition
from apps.review.models import Assignment, AssignmentChange, Comment, PlaceholderLeftOpen, SectionTransition


class _AuditAdmin(admin.ModelAdmin):
    """Audit rows: read-only, written by the services only."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReportTransition)
class ReportTransitionAdmin(_AuditAdmin):
    list_display = ["report", "action", "from_status", "to_status", "user", "created_at"]
    list_filter = ["action"]
    readonly_fields = [f.name for f in ReportTransition._meta.fields]


@admin.register(AssignmentChange)
class AssignmentChangeAdmin(_AuditAdmin):
    list_display = ["section", "action", "target", "previous", "user", "created_at"]
    list_filter = ["action"]
    readonly_fields = [f.name for f in AssignmentChange._meta.fields]


@admin.register(SectionTransition)
class SectionTransitionAdmin(admin.ModelAdmin):
    """Audit rows: read-only, written by apps.review.services only."""

    list_display = ["section", "action", "from_status", "to_status", "user", "created_at"]
    list_filter = ["action"]
    readonly_fields = [f.name for f in SectionTransition._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["section", "report", "department", "assignee", "due_date"]
    list_select_related = ["section", "report", "department", "assignee"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["section", "author", "created_at", "resolved_at"]


@admin.register(PlaceholderLeftOpen)
class PlaceholderLeftOpenAdmin(admin.ModelAdmin):
    list_display = ["placeholder", "reason", "marked_by", "created_at"]
