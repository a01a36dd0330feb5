"""The screening's refusals: one coded error (a ParseError) with a Chinese message for the user."""

from __future__ import annotations

from .types import ParseError, ParseOptions

MACRO = "文档中含有宏（VBA），可能携带恶意代码，已拒绝。请删除宏并另存为 .docx 后重新上传。"
EMPTY = "上传的文件是空的，请选择包含文稿内容的文件。"


class FileRejected(ParseError):
    """A draft refused by the screening: ``code`` for operators, ``message`` (Chinese) for users."""


def megabytes(value: int) -> str:
    return f"{value / (1024 * 1024):g} MB"


def too_much_text(options: ParseOptions) -> FileRejected:
    return FileRejected(
        "too_much_text",
        f"文稿超过 {options.max_text_chars:,} 字（约 {options.max_text_chars // 616:,} 页），超出系统一次能处理的篇幅。"
        "请拆分成几个文件分别上传。",
    )


def paragraph_too_long(options: ParseOptions) -> FileRejected:
    return FileRejected(
        "paragraph_too_long",
        f"文件中有一段超过 {options.max_paragraph_chars:,} 字且没有分段的文字，不像正常的文稿。请分段后重新上传。",
    )
