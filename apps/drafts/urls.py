from django.urls import path

from apps.drafts import views

app_name = "drafts"
urlpatterns = [
    path("upload/", views.upload_create, name="upload_create"),
    path("revise/<int:report_pk>/", views.upload_revise, name="upload_revise"),
    path("<int:pk>/", views.upload_detail, name="upload_detail"),
    path("<int:pk>/status/", views.upload_status, name="upload_status"),
    path("<int:pk>/download/", views.upload_download, name="upload_download"),
]
