"""What the review app adds to the reports app's rules and pages (registered in ReviewConfig.ready()).

See apps/reports/hooks.py for the hook names and why reports does not import review.
"""

from __future__ import annotations

from django.utils.dateparse import parse_datetime

from apps.notifications.models import Notification
from apps.reports import hooks
from apps.reports.models import SectionStatus
from apps.reports.selectors import report_final_readiness
from apps.review.models import Assignment, AssignmentChange, Comment, PlaceholderLeftOpen, SectionTransition
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


def _section_split(*, source, new) -> None:
    """The new section inherits the assignment of the section it was split from."""
    assignment = Assignment.objects.filter(section=source).first()
    if assignment is not None:
        Assignment.objects.create(
            section=new,
            report_id=assignment.report_id,
            department_id=assignment.department_id,
            assignee_id=assignment.assignee_id,
            assigned_by_id=assignment.assigned_by_id,
            due_date=assignment.due_date,
        )


def _section_rows(*, section) -> list:
    """What a merged-away section's review takes with it (and brings back on undo), its notifications included."""
    return [
        *SectionTransition.objects.filter(section=section),
        *Assignment.objects.filter(section=section),
        *AssignmentChange.objects.filter(section=section),
        *Notification.objects.filter(section=section),
    ]


def _section_rows_move(*, source, target) -> dict:
    """Comments and 有意留空 marks follow the text they are about into ``target``."""
    moved = {
        "comments": list(Comment.objects.filter(section=source).values_list("pk", flat=True)),
        "left_open": list(PlaceholderLeftOpen.objects.filter(section=source).values_list("pk", flat=True)),
    }
    Comment.objects.filter(pk__in=moved["comments"]).update(section=target)
    PlaceholderLeftOpen.objects.filter(pk__in=moved["left_open"]).update(section=target)
    return moved


def _section_rows_move_back(*, moved, section) -> None:
    Comment.objects.filter(pk__in=moved.get("comments", [])).update(section=section)
    PlaceholderLeftOpen.objects.filter(pk__in=moved.get("left_open", [])).update(section=section)


def _placeholder_detach(*, placeholder) -> dict:
    """A dismissed blank's comments stay on the section; its 有意留空 mark is kept for undo (and deleted with it)."""
    comments = list(placeholder.comments.values_list("pk", flat=True))
    placeholder.comments.update(placeholder=None)
    mark = PlaceholderLeftOpen.objects.filter(placeholder=placeholder).first()
    left_open = (
        {"reason": mark.reason, "marked_by_id": mark.marked_by_id, "created_at": mark.created_at.isoformat()}
        if mark
        else None
    )
    return {"comments": comments, "left_open": left_open}


def _placeholder_reattach(*, placeholder, snapshot) -> None:
    Comment.objects.filter(pk__in=snapshot.get("comments", []), placeholder__isnull=True).update(
        placeholder=placeholder
    )
    left_open = snapshot.get("left_open")
    if left_open:
        mark = PlaceholderLeftOpen.objects.create(
            placeholder=placeholder,
            section_id=placeholder.section_id,
            reason=left_open["reason"],
            marked_by_id=left_open["marked_by_id"],
        )
        PlaceholderLeftOpen.objects.filter(pk=mark.pk).update(created_at=parse_datetime(left_open["created_at"]))


def _sections_revised(*, report, sections, user) -> None:
    """A revised draft sent these sections back to 草稿: recorded as a step of each, and their reviewers told."""
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
    hooks.register(hooks.SECTION_SPLIT, _section_split)
    hooks.register(hooks.SECTION_ROWS, _section_rows)
    hooks.register(hooks.SECTION_ROWS_MOVE, _section_rows_move)
    hooks.register(hooks.SECTION_ROWS_MOVE_BACK, _section_rows_move_back)
    hooks.register(hooks.PLACEHOLDER_DETACH, _placeholder_detach)
    hooks.register(hooks.PLACEHOLDER_REATTACH, _placeholder_reattach)
    hooks.register(hooks.SECTIONS_REVISED, _sections_revised)
