from django.urls import path

from apps.proofreading import views

app_name = "proofreading"
urlpatterns = [
    path("reports/<int:report_pk>/proofreading/", views.report_list, name="report_list"),
    path("reports/<int:report_pk>/proofreading/accept-all/", views.accept_all_view, name="accept_all"),
    path(
        "reports/<int:report_pk>/proofreading/<int:pk>/accept/",
        views.suggestion_accept_view,
        name="suggestion_accept",
    ),
    path(
        "reports/<int:report_pk>/proofreading/<int:pk>/reject/",
        views.suggestion_reject_view,
        name="suggestion_reject",
    ),
    path("reports/<int:report_pk>/sections/<int:pk>/proofreading/", views.section_panel, name="section_panel"),
]
