from django.urls import path

from apps.review import views, views_batch

app_name = "review"
urlpatterns = [
    path("my/", views.my_assignments, name="my_assignments"),
    path("reports/<int:report_pk>/dashboard/", views.report_dashboard, name="report_dashboard"),
    path("reports/<int:report_pk>/assign/", views.report_assign, name="report_assign"),
    path("reports/<int:report_pk>/batch-submit/", views_batch.batch_submit, name="batch_submit"),
    path("reports/<int:report_pk>/batch-approve/", views_batch.batch_approve, name="batch_approve"),
    path("reports/<int:report_pk>/sections/<int:pk>/submit/", views.section_submit, name="section_submit"),
    path("reports/<int:report_pk>/sections/<int:pk>/approve/", views.section_approve, name="section_approve"),
    path("reports/<int:report_pk>/sections/<int:pk>/return/", views.section_return, name="section_return"),
    path("reports/<int:report_pk>/sections/<int:pk>/reopen/", views.section_reopen, name="section_reopen"),
    path("reports/<int:report_pk>/sections/<int:pk>/withdraw/", views.section_withdraw, name="section_withdraw"),
    path("reports/<int:report_pk>/sections/<int:pk>/comments/", views.comment_create, name="comment_create"),
    path("reports/<int:report_pk>/comments/<int:pk>/reply/", views.comment_reply, name="comment_reply"),
    path("reports/<int:report_pk>/comments/<int:pk>/resolve/", views.comment_resolve, name="comment_resolve"),
]
