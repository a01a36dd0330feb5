from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.accounts.models import Role
from apps.core.errors import ServiceError
from apps.exporting.services import report_export_docx
from apps.reports.models import Report
from apps.reports.services_report_status import report_finalize


class Command(BaseCommand):
    help = "把报告导出为 .docx（--draft 导出草稿）。"

    def add_arguments(self, parser):
        parser.add_argument("report_id", type=int)
        parser.add_argument("--out", required=True, help="输出文件路径")
        parser.add_argument("--draft", action="store_true", help="导出草稿（未填项高亮）")
        parser.add_argument(
            "--finalize", action="store_true", help="先将报告定稿（以本机构管理员的名义，留有记录），再导出定稿"
        )

    def handle(self, *args, **options):
        try:
            report = Report.objects.get(pk=options["report_id"])
        except Report.DoesNotExist as exc:
            raise CommandError(f"报告 {options['report_id']} 不存在") from exc
        # The export service checks organisation membership; act as one of the organisation's admins.
        admin = report.organization.memberships.filter(role=Role.ADMIN).select_related("user").first()
        if admin is None:
            raise CommandError("该机构没有管理员账户，无法以其身份导出。")
        try:
            if options["finalize"] and not options["draft"]:
                report = report_finalize(report=report, user=admin.user)
            data, _ = report_export_docx(report=report, user=admin.user, draft=options["draft"])
        except ServiceError as exc:
            raise CommandError(exc.message) from exc
        Path(options["out"]).write_bytes(data)
        self.stdout.write(f"已写入 {options['out']}（{len(data)} 字节）")
