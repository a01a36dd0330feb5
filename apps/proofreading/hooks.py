"""What 校对建议 adds to reports (apps/reports/hooks.py; registered in ready())."""

from __future__ import annotations

from apps.proofreading.selectors import report_open_counts, section_suggestion_rows
from apps.proofreading.services import suggestions_build_for_report, suggestions_build_for_section
from apps.reports import hooks


def _report_parsed(*, report, result) -> None:
    suggestions_build_for_report(report=report)


def _section_body_changed(*, section) -> None:
    suggestions_build_for_section(section=section)


def _report_context(*, report, progress) -> dict:
    counts = report_open_counts(report=report)
    return {"proof_total": sum(counts.values())}


def _section_context(*, request, section, placeholders) -> dict:
    return {"proof_rows": section_suggestion_rows(section=section)}


def register_all() -> None:
    hooks.register(hooks.REPORT_PARSED, _report_parsed)
    hooks.register(hooks.SECTION_BODY_CHANGED, _section_body_changed)
    hooks.register(hooks.REPORT_CONTEXT, _report_context)
    hooks.register(hooks.SECTION_CONTEXT, _section_context)
