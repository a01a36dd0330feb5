"""What 数据核对 adds to the report and section pages (apps/reports/hooks.py; registered in ready())."""

from __future__ import annotations

from apps.consistency.selectors import report_findings, section_findings
from apps.reports import hooks


def _report_context(*, report, progress) -> dict:
    return {"consistency_findings": report_findings(report=report)}


def _section_context(*, request, section, placeholders) -> dict:
    return {"consistency_findings": section_findings(section=section)}


def register_all() -> None:
    hooks.register(hooks.REPORT_CONTEXT, _report_context)
    hooks.register(hooks.SECTION_CONTEXT, _section_context)
