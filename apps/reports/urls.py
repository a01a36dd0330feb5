from django.urls import path

from apps.reports import views, views_fill

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="report_list"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/indicators/", views_fill.indicator_table, name="indicator_table"),
    path("reports/<int:pk>/placeholders/", views_fill.placeholder_list, name="placeholder_list"),
    path("reports/<int:report_pk>/placeholders/<int:pk>/", views_fill.placeholder_field, name="placeholder_field"),
    path("reports/<int:report_pk>/sections/<int:pk>/", views.section_detail, name="section_detail"),
    path("reports/<int:report_pk>/sections/<int:pk>/presence/", views_fill.section_presence, name="section_presence"),
    path(
        "reports/<int:report_pk>/sections/<int:pk>/presence/leave/",
        views_fill.section_presence_leave,
        name="section_presence_leave",
    ),
    path("reports/<int:report_pk>/sections/<int:pk>/history/", views_fill.section_history, name="section_history"),
    path("reports/<int:report_pk>/sections/<int:pk>/edit/", views_fill.section_edit, name="section_edit"),
    path(
        "reports/<int:report_pk>/sections/<int:pk>/history/<int:change_pk>/restore/",
        views_fill.change_restore,
        name="change_restore",
    ),
]
