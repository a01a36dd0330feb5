"""What 校对建议 adds to reports (apps/reports/hooks.py; registered in ready())."""

from __future__ import annotations


def register_all() -> None:
    pass
