from django.apps import AppConfig


class SheetsConfig(AppConfig):
    name = "apps.sheets"
    verbose_name = "指标表"

    def ready(self):
        from apps.sheets.hooks import register_all

        register_all()
