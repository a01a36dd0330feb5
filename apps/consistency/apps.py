from django.apps import AppConfig


class ConsistencyConfig(AppConfig):
    name = "apps.consistency"
    verbose_name = "数据核对"

    def ready(self):
        from apps.consistency.hooks import register_all

        register_all()
