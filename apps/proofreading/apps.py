from django.apps import AppConfig


class ProofreadingConfig(AppConfig):
    name = "apps.proofreading"
    verbose_name = "校对建议"

    def ready(self):
        from apps.proofreading.hooks import register_all

        register_all()
