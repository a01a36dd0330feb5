"""Reads. Every function that takes a user returns only what their organisation owns."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import Http404

from apps.accounts.selectors import membership_for_user
from apps.reports.models import Placeholder, PlaceholderChange, Report, Section, SectionStatus
from apps.reports.segments import split_text


def report_list_for_user(*, user):
    membership = membership_for_user(user=user)
    if membership is None:
        return Report.objects.none()
    return (
        Report.objects.filter(organization_id=membership.organization_id)
        .annotate(
            placeholder_count=Count("placeholders", distinct=True),
            empty_count=Count("placeholders", filter=Q(placeholders__value=""), distinct=True),
        )
        .order_by("-created_at")
    )


def report_get_for_user(*, user, pk) -> Report:
    """The report, or Http404 when it does not exist or belongs to another organisation."""
    membership = membership_for_user(user=user)
    if membership is None:
        raise Http404
    try:
        return Report.objects.select_related("organization").get(pk=pk, organization_id=membership.organization_id)
    except (Report.DoesNotExist, ValueError):
        raise Http404 from None


def section_get_for_user(*, user, report_pk, pk) -> Section:
    report = report_get_for_user(user=user, pk=report_pk)
    try:
        section = Section.objects.get(pk=pk, report=report)
    except (Section.DoesNotExist, ValueError):
        raise Http404 from None
    section.report = report
    return section


def section_list_with_counts(*, report):
    """The report's sections in order, each with ``placeholder_count`` and ``empty_count``."""
    return report.sections.annotate(
        placeholder_count=Count("placeholders"),
        empty_count=Count("placeholders", filter=Q(placeholders__value="")),
    ).order_by("order")


def report_progress(*, report) -> dict:
    sections = report.sections.aggregate(
        total=Count("id"), approved=Count("id", filter=Q(status=SectionStatus.APPROVED))
    )
    placeholders = report.placeholders.aggregate(total=Count("id"), empty=Count("id", filter=Q(value="")))
    return {
        "sections_total": sections["total"],
        "sections_approved": sections["approved"],
        "placeholders_total": placeholders["total"],
        "placeholders_empty": placeholders["empty"],
        "all_approved": sections["total"] > 0 and sections["approved"] == sections["total"],
    }


def section_placeholders(*, section):
    return list(section.placeholders.select_related("indicator", "filled_by").order_by("order"))


def section_layout(*, section, placeholders=None) -> dict:
    """The section's heading and body cut into text and placeholders, for display."""
    if placeholders is None:
        placeholders = section_placeholders(section=section)
    heading = [p for p in placeholders if p.field == Placeholder.Field.HEADING]
    body = [p for p in placeholders if p.field == Placeholder.Field.BODY]
    heading_pieces = split_text(section.heading, heading)[0] if section.heading or heading else []
    return {"heading": heading_pieces, "paragraphs": split_text(section.body, body) if section.body or body else []}


def section_history(*, section, limit: int = 200):
    return (
        PlaceholderChange.objects.filter(section=section)
        .select_related("user", "placeholder")
        .order_by("-created_at", "-id")[:limit]
    )
