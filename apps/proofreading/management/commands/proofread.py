import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.drafts.services import parse_options
from apps.parsing import ParseError, parse_draft
from apps.parsing.proofread import proofread_listing


class Command(BaseCommand):
    help = "校对一份草稿，以 JSON 输出校对建议（不写数据库）。"

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}")
        try:
            result = parse_draft(path.read_bytes(), filename=path.name, options=parse_options())
        except ParseError as exc:
            raise CommandError(f"无法解析：{exc.message}") from exc
        self.stdout.write(json.dumps(proofread_listing(result), ensure_ascii=False, indent=1))
