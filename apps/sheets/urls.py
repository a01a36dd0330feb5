from django.urls import path

from apps.sheets import views

app_name = "sheets"
urlpatterns = [
    path("reports/<int:report_pk>/sheet/export/", views.sheet_export, name="sheet_export"),
    path("reports/<int:report_pk>/sheet/import/", views.sheet_import, name="sheet_import"),
    path("reports/<int:report_pk>/sheet/imports/<int:pk>/", views.import_preview, name="import_preview"),
    path("reports/<int:report_pk>/sheet/imports/<int:pk>/confirm/", views.import_confirm, name="import_confirm"),
    path("reports/<int:report_pk>/predecessor/", views.predecessor, name="predecessor"),
]
