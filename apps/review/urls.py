from django.urls import path

from apps.review import views

app_name = "review"
urlpatterns = [
    path("reports/<int:report_pk>/sections/<int:pk>/submit/", views.section_submit, name="section_submit"),
    path("reports/<int:report_pk>/sections/<int:pk>/approve/", views.section_approve, name="section_approve"),
    path("reports/<int:report_pk>/sections/<int:pk>/return/", views.section_return, name="section_return"),
    path("reports/<int:report_pk>/sections/<int:pk>/reopen/", views.section_reopen, name="section_reopen"),
]
