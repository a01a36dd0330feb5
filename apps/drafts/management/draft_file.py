"""What the commands that read a draft file without the database share (``parse_draft``, ``proofread``)."""

from pathlib import Path

from django.core.management.base import CommandError

from apps.drafts.services import parse_options
from apps.parsing import ParseError, ParseResult, parse_draft


def parse_draft_file(path: str) -> ParseResult:
    """The parse of the file at ``path`` with the upload's options; CommandError in Chinese when it cannot be."""
    file = Path(path)
    if not file.is_file():
        raise CommandError(f"找不到文件：{file}")
    try:
        return parse_draft(file.read_bytes(), filename=file.name, options=parse_options())
    except ParseError as exc:
        raise CommandError(f"无法解析：{exc.message}") from exc
