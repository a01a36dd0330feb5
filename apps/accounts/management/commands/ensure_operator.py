import os

from django.core.management.base import BaseCommand, CommandError

from apps.accounts.services import operator_ensure
from apps.core.errors import ServiceError


class Command(BaseCommand):
    help = (
        "创建或更新运维账号（/admin/ 的超级用户，不属于任何机构）。"
        "仅当设置了 DJANGO_SUPERUSER_USERNAME 和 DJANGO_SUPERUSER_PASSWORD（可选 DJANGO_SUPERUSER_EMAIL）时才创建。"
    )

    def handle(self, *args, **options):
        username = os.environ.get("DJANGO_SUPERUSER_USERNAME", "").strip()
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD", "")
        if not username or not password:
            self.stdout.write("未设置 DJANGO_SUPERUSER_USERNAME / DJANGO_SUPERUSER_PASSWORD，不创建运维账号。")
            return
        try:
            operator_ensure(username=username, password=password, email=os.environ.get("DJANGO_SUPERUSER_EMAIL", ""))
        except ServiceError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(self.style.SUCCESS(f"运维账号 {username} 已就绪（可登录 /admin/）。"))
