from django.urls import path

from apps.exporting import views

app_name = "exporting"
urlpatterns = [path("reports/<int:pk>/export/", views.report_export, name="report_export")]
