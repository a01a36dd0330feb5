"""What the review app adds to the reports app's rules and pages (registered in ReviewConfig.ready()).

See apps/reports/hooks.py for the hook names and why reports does not import review.
"""

from __future__ import annotations

from apps.reports import hooks
from apps.reports.models import SectionStatus
from apps.reports.selectors import report_final_readiness
from apps.review.permissions import guard_can_work_on
from apps.review.selectors import report_empty_blanks, sections_with_return_notes
from apps.review.views import my_assignments_context, section_review_context


def _section_work_guard(*, user, section) -> None:
    guard_can_work_on(user=user, section=section)


def _report_context(*, report, progress) -> dict:
    # The empty blanks are listed only once the sections are through review: earlier the counters say enough.
    all_reviewed = progress["placeholders_empty"] and progress["sections_approved"] == progress["sections_total"]
    return {
        "readiness": report_final_readiness(report=report, progress=progress),
        "empty_blanks": report_empty_blanks(report=report) if all_reviewed else [],
    }


def _section_context(*, request, section, placeholders) -> dict:
    context = section_review_context(request=request, section=section, placeholders=placeholders)
    # Why the section came back, at the top of the page (the tree shows it beside every returned section).
    context["return_note"] = (
        sections_with_return_notes([section])[0].return_note if section.status == SectionStatus.RETURNED else None
    )
    return context


def _section_list(*, sections) -> None:
    sections_with_return_notes(sections)


def _sections_revised(*, report, sections, user) -> None:
    """A revised draft sent these sections back to 草稿: recorded as a step of each, and their reviewers told."""
    from apps.review.models import SectionTransition
    from apps.review.notify import notify_revised

    SectionTransition.objects.bulk_create(
        SectionTransition(
            section=section,
            user=user,
            action=SectionTransition.Action.REOPEN,
            from_status=section.status_before,
            to_status=SectionStatus.DRAFT,
            comment="上传新版草稿：本节文字有变化，退回草稿。",
            section_version=section.version,
        )
        for section in sections
    )
    notify_revised(report=report, sections=sections, actor=user)


def register_all() -> None:
    hooks.register(hooks.SECTION_WORK_GUARD, _section_work_guard)
    hooks.register(hooks.HOME_CONTEXT, my_assignments_context)
    hooks.register(hooks.REPORT_CONTEXT, _report_context)
    hooks.register(hooks.SECTION_CONTEXT, _section_context)
    hooks.register(hooks.SECTION_LIST, _section_list)
    hooks.register(hooks.SECTIONS_REVISED, _sections_revised)
