from django.urls import path

from apps.exporting import views

app_name = "exporting"
urlpatterns = [
    path("reports/<int:pk>/export/", views.report_export, name="report_export"),
    path("reports/<int:pk>/export/in-place/", views.report_export_in_place, name="report_export_in_place"),
    path("reports/<int:pk>/finalize/", views.report_finalize_view, name="report_finalize"),
    path("reports/<int:pk>/signature/", views.report_signature, name="report_signature"),
    path("export-profile/", views.export_profile_edit, name="export_profile"),
]
