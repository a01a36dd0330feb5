from django.urls import path

from apps.reports import views_corrections, views_field, views_lifecycle, views_report, views_section, views_tables

app_name = "reports"
urlpatterns = [
    path("", views_report.report_list, name="report_list"),
    path("reports/<int:pk>/", views_report.report_detail, name="report_detail"),
    # The report itself (apps/reports/views_lifecycle.py): title and year, history, delete, 回收站, restore.
    path("reports/<int:pk>/settings/", views_lifecycle.report_settings, name="report_settings"),
    path(
        "reports/<int:pk>/changes/<int:change_pk>/undo/",
        views_lifecycle.report_change_undo_view,
        name="report_change_undo",
    ),
    path("reports/<int:pk>/revisions/<int:change_pk>/", views_lifecycle.report_revision, name="report_revision"),
    path("reports/<int:pk>/delete/", views_lifecycle.report_delete_view, name="report_delete"),
    path("trash/", views_lifecycle.report_trash, name="report_trash"),
    path("trash/<int:pk>/restore/", views_lifecycle.report_restore_view, name="report_restore"),
    path("reports/<int:pk>/indicators/", views_tables.indicator_table, name="indicator_table"),
    path("reports/<int:pk>/placeholders/", views_tables.placeholder_list, name="placeholder_list"),
    path("reports/<int:report_pk>/placeholders/<int:pk>/", views_field.placeholder_field, name="placeholder_field"),
    path("reports/<int:report_pk>/sections/<int:pk>/", views_section.section_detail, name="section_detail"),
    path(
        "reports/<int:report_pk>/sections/<int:pk>/presence/", views_section.section_presence, name="section_presence"
    ),
    path(
        "reports/<int:report_pk>/sections/<int:pk>/presence/leave/",
        views_section.section_presence_leave,
        name="section_presence_leave",
    ),
    path("reports/<int:report_pk>/sections/<int:pk>/history/", views_section.section_history, name="section_history"),
    path("reports/<int:report_pk>/sections/<int:pk>/edit/", views_section.section_edit, name="section_edit"),
    path(
        "reports/<int:report_pk>/sections/<int:pk>/history/<int:change_pk>/restore/",
        views_section.change_restore,
        name="change_restore",
    ),
    # Corrections of the parse (apps/reports/views_corrections.py)
    path(
        "reports/<int:report_pk>/placeholders/<int:pk>/dismiss/",
        views_corrections.placeholder_dismiss_view,
        name="placeholder_dismiss",
    ),
    path(
        "reports/<int:report_pk>/placeholders/<int:pk>/retype/",
        views_corrections.placeholder_retype_view,
        name="placeholder_retype",
    ),
    path(
        "reports/<int:report_pk>/sections/<int:pk>/blanks/add/",
        views_corrections.placeholder_add_view,
        name="placeholder_add",
    ),
    path(
        "reports/<int:report_pk>/sections/<int:pk>/blanks/propose/",
        views_corrections.placeholder_propose_view,
        name="placeholder_propose",
    ),
    path(
        "reports/<int:report_pk>/sections/<int:pk>/level/", views_corrections.section_level_view, name="section_level"
    ),
    path(
        "reports/<int:report_pk>/sections/<int:pk>/heading/",
        views_corrections.section_heading_view,
        name="section_heading",
    ),
    path(
        "reports/<int:report_pk>/sections/<int:pk>/split/", views_corrections.section_split_view, name="section_split"
    ),
    path(
        "reports/<int:report_pk>/sections/<int:pk>/merge/", views_corrections.section_merge_view, name="section_merge"
    ),
    path(
        "reports/<int:report_pk>/sections/<int:pk>/corrections/<int:correction_pk>/undo/",
        views_corrections.correction_undo_view,
        name="correction_undo",
    ),
]
