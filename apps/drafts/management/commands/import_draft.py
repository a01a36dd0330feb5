from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError

from apps.accounts.models import Organization, User
from apps.drafts.models import DraftUpload
from apps.drafts.services import draft_parse_run, draft_upload_create


class Command(BaseCommand):
    help = "导入一份草稿为报告（经由 Celery worker，或 --sync 在本进程内解析），并输出报告 ID。"

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--org", required=True, help="机构标识（slug）")
        parser.add_argument("--user", required=True, help="上传人用户名")
        parser.add_argument("--title", default="", help="报告标题（默认取文档标题）")
        parser.add_argument("--sync", action="store_true", help="不经 worker，直接在本进程解析")
        parser.add_argument("--timeout", type=float, default=300, help="等待 worker 的秒数")

    def handle(self, *args, **options):
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}")
        try:
            organization = Organization.objects.get(slug=options["org"])
            user = User.objects.get(username=options["user"])
        except (Organization.DoesNotExist, User.DoesNotExist) as exc:
            raise CommandError(f"机构或用户不存在：{exc}") from exc
        uploaded = SimpleUploadedFile(path.name, path.read_bytes())
        if options["sync"]:
            upload = draft_upload_create(
                organization=organization, user=user, uploaded_file=uploaded, title=options["title"], enqueue=False
            )
            upload = draft_parse_run(upload_id=upload.pk)
        else:
            upload = draft_upload_create(
                organization=organization, user=user, uploaded_file=uploaded, title=options["title"]
            )
            upload = self._wait(upload, options["timeout"])
        if upload.status != DraftUpload.Status.PARSED:
            raise CommandError(f"解析失败：{upload.error_message or upload.get_status_display()}")
        self.stdout.write(str(upload.report_id))

    def _wait(self, upload, timeout):
        import time

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            upload.refresh_from_db()
            if upload.is_finished:
                return upload
            time.sleep(0.5)
        raise CommandError(
            f"等待 {timeout:.0f} 秒后解析仍未完成：请确认 Celery worker 已启动（make worker），或使用 --sync。"
        )
