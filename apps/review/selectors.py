"""Reads for the review screens. Callers pass objects already scoped by apps.reports.selectors."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Max, Q

from apps.accounts.selectors import membership_for_user
from apps.reports.diff import char_diff
from apps.reports.models import PlaceholderChange, Section, SectionStatus, SectionTextChange
from apps.reports.selectors import section_history_points, section_text_at
from apps.review.models import Assignment, Comment, SectionTransition


def section_transitions(*, section, limit: int = 100):
    return (
        SectionTransition.objects.filter(section=section).select_related("user").order_by("-created_at", "-id")[:limit]
    )


def sections_with_return_notes(sections) -> list:
    """The sections as a list, each currently 已退回 with ``return_note``: its latest 退回修改 transition
    (who, when, the comment); the others with ``return_note = None``. One query."""
    sections = list(sections)
    returned = [s.pk for s in sections if s.status == SectionStatus.RETURNED]
    notes: dict[int, SectionTransition] = {}
    if returned:
        for t in (
            SectionTransition.objects.filter(section_id__in=returned, action=SectionTransition.Action.RETURN)
            .select_related("user")
            .order_by("-created_at", "-id")
        ):
            notes.setdefault(t.section_id, t)
    for s in sections:
        s.return_note = notes.get(s.pk)
    return sections


def section_assignment(*, section) -> Assignment | None:
    return Assignment.objects.filter(section=section).select_related("department", "assignee").first()


def section_comments(*, section) -> list[Comment]:
    """The section's comment threads, oldest first; each root has ``thread_replies`` (a list)."""
    comments = list(
        Comment.objects.filter(section=section)
        .select_related("author", "resolved_by", "placeholder")
        .order_by("created_at", "id")
    )
    roots = [c for c in comments if c.parent_id is None]
    by_root = {c.pk: c for c in roots}
    for root in roots:
        root.thread_replies = []
    for reply in comments:
        if reply.parent_id in by_root:
            by_root[reply.parent_id].thread_replies.append(reply)
    return roots


def section_left_open(*, section) -> dict[int, str]:
    """placeholder id → reason, for the section's empty placeholders marked intentionally left open."""
    from apps.review.models import PlaceholderLeftOpen

    return dict(
        PlaceholderLeftOpen.objects.filter(section=section, placeholder__value="").values_list(
            "placeholder_id", "reason"
        )
    )


# ── the dashboard ──────────────────────────────────────────────────────────────


def report_dashboard_sections(*, report, status: str = "", department_id: int | None = None):
    """Every section of the report with its assignment, ``placeholder_count``, ``empty_count``,
    ``open_comment_count``, ``last_change_at`` and ``last_transition_at``; optionally filtered by
    status and by department (``department_id=0`` means unassigned).
    """
    qs = (
        Section.objects.filter(report=report)
        .select_related("assignment__department", "assignment__assignee")
        .annotate(
            placeholder_count=Count("placeholders", distinct=True),
            empty_count=Count("placeholders", filter=Q(placeholders__value=""), distinct=True),
            open_comment_count=Count(
                "comments",
                filter=Q(comments__parent__isnull=True, comments__resolved_at__isnull=True),
                distinct=True,
            ),
            last_change_at=Max("value_changes__created_at"),
            last_transition_at=Max("transitions__created_at"),
        )
        .order_by("order")
    )
    if status in SectionStatus.values:
        qs = qs.filter(status=status)
    if department_id == 0:
        qs = qs.filter(assignment__isnull=True)
    elif department_id:
        qs = qs.filter(assignment__department_id=department_id)
    return qs


def report_empty_blanks(*, report, limit: int = 100) -> list:
    """The report's empty placeholders in reading order, each with its ``section`` and ``left_open_reason``
    (the 有意留空 reason given at submission, or ""): what still stops the final export."""
    from apps.reports.models import Placeholder

    blanks = list(
        Placeholder.objects.filter(report=report, value="")
        .select_related("section", "left_open")
        .order_by("section__order", "order")[:limit]
    )
    for blank in blanks:
        left_open = getattr(blank, "left_open", None)  # RelatedObjectDoesNotExist is an AttributeError
        blank.left_open_reason = left_open.reason if left_open is not None else ""
        blank.section.report = report
    return blanks


# ── a drafter's home page ──────────────────────────────────────────────────────


def assignments_for_user(*, user):
    """Assignments of the user's organisation given to the user or to one of their departments,
    earliest due date first, each with its section's ``placeholder_count`` and ``empty_count``.
    """
    membership = membership_for_user(user=user)
    if membership is None:
        return Assignment.objects.none()
    department_ids = list(membership.departments.values_list("pk", flat=True))
    return (
        Assignment.objects.filter(report__organization_id=membership.organization_id, report__deleted_at__isnull=True)
        .filter(Q(assignee=user) | Q(department_id__in=department_ids))
        .select_related("section", "report", "department", "assignee")
        .annotate(
            placeholder_count=Count("section__placeholders", distinct=True),
            empty_count=Count("section__placeholders", filter=Q(section__placeholders__value=""), distinct=True),
            open_comment_count=Count(
                "section__comments",
                filter=Q(section__comments__parent__isnull=True, section__comments__resolved_at__isnull=True),
                distinct=True,
            ),
        )
        .order_by("report_id", "due_date", "section__order")
    )


@dataclass(frozen=True)
class DashboardRow:
    """A section on the report dashboard: its assignment (or None), whether that is overdue, and when the
    section last changed (a value or a transition)."""

    section: object
    assignment: object | None
    overdue: bool
    last_activity: object | None


def report_dashboard_rows(*, report, status: str = "", department_id=None) -> list[DashboardRow]:
    rows = []
    for section in report_dashboard_sections(report=report, status=status, department_id=department_id):
        assignment = getattr(section, "assignment", None)  # RelatedObjectDoesNotExist is an AttributeError
        changes = (t for t in (section.last_change_at, section.last_transition_at) if t)
        rows.append(
            DashboardRow(
                section=section,
                assignment=assignment,
                overdue=assignment is not None and assignment.is_overdue,
                last_activity=max(changes, default=None),
            )
        )
    return rows


@dataclass(frozen=True)
class AssignmentRow:
    """One of a drafter's assignments with its progress (for the my-tasks page and the home page)."""

    assignment: object
    filled: int

    @property
    def is_open(self) -> bool:
        return self.assignment.section.status != SectionStatus.APPROVED


def assignment_rows_for_user(*, user) -> list[AssignmentRow]:
    return [
        AssignmentRow(assignment=a, filled=a.placeholder_count - a.empty_count) for a in assignments_for_user(user=user)
    ]


# ── what changed since the reviewer looked ─────────────────────────────────────


def section_last_point_key(*, section) -> str:
    """The key of the section's latest history point ("v<id>" value change, "t<id>" text edit, "0" none).

    Posted back with the approve form, so that a refused approval can show what changed since.
    Ordered like apps.reports.selectors.section_history_points.
    """
    value = PlaceholderChange.objects.filter(section=section).order_by("-created_at", "-pk").first()
    text = SectionTextChange.objects.filter(section=section).order_by("-created_at", "-pk").first()
    candidates = [
        (c.created_at, c.pk, kind, f"{prefix}{c.pk}")
        for c, kind, prefix in ((value, "value", "v"), (text, "text", "t"))
        if c
    ]
    return max(candidates)[3] if candidates else "0"


def section_diff_since(*, section, seen_key: str) -> list[tuple[str, str]]:
    """Character-level diff of the section as printed after history point ``seen_key`` and as it is now.

    An unknown key (or none) is taken as "now", so the diff is then empty rather than misleading.
    """
    placeholders = list(section.placeholders.order_by("order"))
    points = section_history_points(section=section)
    keys = {p.key for p in points} | {"0"}
    now_key = points[-1].key if points else "0"
    seen_key = seen_key if seen_key in keys else now_key
    before = section_text_at(section=section, placeholders=placeholders, points=points, key=seen_key)
    after = section_text_at(section=section, placeholders=placeholders, points=points, key=now_key)
    return char_diff(before, after)
