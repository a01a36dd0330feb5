from django.urls import path

from apps.consistency import views

app_name = "consistency"
urlpatterns = [
    path("reports/<int:report_pk>/sections/<int:pk>/checks/", views.section_panel, name="section_panel"),
]
