"""django-axes as it is, under a Chinese name in /admin/ (its texts are translated in locale/zh_Hans)."""

from axes.apps import AppConfig as AxesAppConfig


class AxesConfig(AxesAppConfig):
    verbose_name = "登录保护"
