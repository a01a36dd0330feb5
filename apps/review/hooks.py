"""What the review app adds to the reports app's rules and pages (registered in ReviewConfig.ready()).

See apps/reports/hooks.py for the hook names and why reports does not import review.
"""

from __future__ import annotations

from apps.reports import hooks
from apps.review.permissions import guard_can_work_on
from apps.review.selectors import report_export_readiness
from apps.review.views import my_assignments_context, section_review_context


def _section_work_guard(*, user, section) -> None:
    guard_can_work_on(user=user, section=section)


def _report_context(*, report, progress) -> dict:
    return {"readiness": report_export_readiness(report=report, progress=progress)}


def register_all() -> None:
    hooks.register(hooks.SECTION_WORK_GUARD, _section_work_guard)
    hooks.register(hooks.HOME_CONTEXT, my_assignments_context)
    hooks.register(hooks.REPORT_CONTEXT, _report_context)
    hooks.register(hooks.SECTION_CONTEXT, section_review_context)
