from django.urls import path

from apps.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="report_list"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:report_pk>/sections/<int:pk>/", views.section_detail, name="section_detail"),
]
