from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError

from apps.accounts.models import Department, Organization, Role
from apps.accounts.services import user_create_member
from apps.drafts.models import DraftUpload
from apps.drafts.services import draft_parse_run, draft_upload_create

DEMO_DRAFT = Path(settings.BASE_DIR) / "fixtures" / "demo" / "000.styled.docx"
DEMO_DEPARTMENTS = ["发改局", "财政局", "统计局"]
DEMO_USERS = [
    ("drafter", "起草人", Role.DRAFTER, "张", "起草"),
    ("reviewer", "审核人", Role.REVIEWER, "李", "审核"),
    ("admin", "管理员", Role.ADMIN, "王", "管理"),
]


class Command(BaseCommand):
    help = "载入演示数据：机构 demo-county、用户 drafter/reviewer/admin，以及由样例草稿导入的报告。可重复执行。"

    def handle(self, *args, **options):
        organization, _ = Organization.objects.get_or_create(slug="demo-county", defaults={"name": "示范县人民政府"})
        password = settings.DEMO_PASSWORD
        for name in DEMO_DEPARTMENTS:
            Department.objects.get_or_create(organization=organization, name=name)
        users = {}
        for username, _label, role, last, first in DEMO_USERS:
            users[username] = user_create_member(
                organization=organization,
                username=username,
                password=password,
                role=role,
                last_name=last,
                first_name=first,
                # The organisation's admin (管理员) manages users in the app; /admin/ is for the site's
                # operators only (manage.py ensure_operator, from DJANGO_SUPERUSER_*).
                is_staff=False,
                is_superuser=False,
            )
        if not DraftUpload.objects.filter(organization=organization, original_name=DEMO_DRAFT.name).exists():
            upload = draft_upload_create(
                organization=organization,
                user=users["drafter"],
                uploaded_file=SimpleUploadedFile(DEMO_DRAFT.name, DEMO_DRAFT.read_bytes()),
                enqueue=False,
            )
            upload = draft_parse_run(upload_id=upload.pk)
            if upload.status != DraftUpload.Status.PARSED:
                raise CommandError(f"演示草稿解析失败：{upload.error_message}")
        self.stdout.write(self.style.SUCCESS("演示数据已就绪。"))
        for username, label, *_ in DEMO_USERS:
            self.stdout.write(f"  {label}：用户名 {username}  密码 {password}")
