from django.urls import path

from apps.exporting import views

app_name = "exporting"
urlpatterns = [
    path("reports/<int:pk>/export/", views.report_export, name="report_export"),
    path("reports/<int:pk>/export/in-place/", views.report_export_in_place, name="report_export_in_place"),
    path("reports/<int:pk>/finalize/", views.report_finalize_view, name="report_finalize"),
    path("reports/<int:pk>/signature/", views.report_signature, name="report_signature"),
    path("reports/<int:pk>/export/pdf/", views.report_pdf_request, name="report_pdf_request"),
    path("exports/pdf/<int:pk>/", views.rendering_detail, name="rendering_detail"),
    path("exports/pdf/<int:pk>/status/", views.rendering_status, name="rendering_status"),
    path("exports/pdf/<int:pk>/download/", views.rendering_download, name="rendering_download"),
    path("exports/pdf/<int:pk>/pages/<int:page>.png", views.rendering_page, name="rendering_page"),
    path("export-profile/", views.export_profile_edit, name="export_profile"),
]
