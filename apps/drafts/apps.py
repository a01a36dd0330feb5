from django.apps import AppConfig


class DraftsConfig(AppConfig):
    name = "apps.drafts"
    verbose_name = "草稿上传"
