from django.contrib import admin

from apps.exporting.models import ExportProfile


@admin.register(ExportProfile)
class ExportProfileAdmin(admin.ModelAdmin):
    list_display = ["organization", "title_font", "body_font", "line_spacing_pt", "updated_at"]
    readonly_fields = ["updated_by", "created_at", "updated_at"]
