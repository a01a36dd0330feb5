from django.apps import AppConfig


class ExportingConfig(AppConfig):
    name = "apps.exporting"
    verbose_name = "导出"
