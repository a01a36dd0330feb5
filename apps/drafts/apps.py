from django.apps import AppConfig


class DraftsConfig(AppConfig):
    name = "apps.drafts"
    verbose_name = "草稿上传"

    def ready(self):
        from apps.drafts.hooks import register_all

        register_all()
