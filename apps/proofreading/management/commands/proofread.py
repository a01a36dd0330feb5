import json

from django.core.management.base import BaseCommand

from apps.drafts.management.draft_file import parse_draft_file
from apps.parsing.proofread import proofread_listing


class Command(BaseCommand):
    help = "校对一份草稿，以 JSON 输出校对建议（不写数据库）。"

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        result = parse_draft_file(options["path"])
        self.stdout.write(json.dumps(proofread_listing(result), ensure_ascii=False, indent=1))
