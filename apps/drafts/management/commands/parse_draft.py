import json

from django.core.management.base import BaseCommand

from apps.drafts.management.draft_file import parse_draft_file
from apps.parsing import result_to_dict


class Command(BaseCommand):
    help = "解析一份草稿并以 JSON 输出结果（不写数据库）。"

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        result = parse_draft_file(options["path"])
        self.stdout.write(json.dumps(result_to_dict(result), ensure_ascii=False, indent=1))
