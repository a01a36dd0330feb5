from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "apps.review"
    verbose_name = "审核"

    def ready(self):
        from apps.review.hooks import register_all

        register_all()
