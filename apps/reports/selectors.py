"""Reads. Every function that takes a user returns only what their organisation owns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from apps.accounts.selectors import membership_for_user
from apps.core.errors import GoneError
from apps.reports.models import (
    Placeholder,
    PlaceholderChange,
    Report,
    ReportChange,
    Section,
    SectionPresence,
    SectionStatus,
    SectionTextChange,
)
from apps.reports.segments import fill_text, split_text
from apps.reports.tokens import render_tokens, tokenize


def report_list_for_user(*, user):
    """The organisation's reports that are not in the 回收站, newest first, with their counters and uploader."""
    membership = membership_for_user(user=user)
    if membership is None:
        return Report.objects.none()
    return (
        Report.objects.filter(organization_id=membership.organization_id, deleted_at__isnull=True)
        .select_related("source_uploaded_by", "created_by")
        .annotate(
            placeholder_count=Count("placeholders", distinct=True),
            empty_count=Count("placeholders", filter=Q(placeholders__value=""), distinct=True),
        )
        .order_by("-created_at")
    )


def report_get_for_user(*, user, pk, deleted: bool | None = False) -> Report:
    """The report, or Http404 when it does not exist or belongs to another organisation.

    A report of the organisation in the 回收站 raises ReportGone (410, a Chinese page saying so), whatever URL
    under it was opened; ``deleted=None`` returns the report either way (restoring it: the service checks).
    """
    membership = membership_for_user(user=user)
    if membership is None:
        raise Http404
    try:
        report = Report.objects.select_related("organization", "deleted_by").get(
            pk=pk, organization_id=membership.organization_id
        )
    except (Report.DoesNotExist, ValueError):
        raise Http404 from None
    if deleted is False and report.is_deleted:
        raise ReportGone(report, is_admin=membership.is_admin)
    return report


class ReportGone(GoneError):
    """A link to a report in the 回收站: who deleted it, when, and until when it can be restored."""

    def __init__(self, report: Report, *, is_admin: bool):
        until = report_purge_after(report=report)
        who = f"由 {report.deleted_by} " if report.deleted_by else ""
        message = (
            f"报告《{report.title}》已于 {timezone.localtime(report.deleted_at):%Y-%m-%d %H:%M} {who}删除，"
            f"现在回收站中。{timezone.localtime(until):%Y-%m-%d} 之前"
        )
        message += "可在“回收站”中恢复。" if is_admin else "本单位管理员可以恢复；如需继续使用，请联系管理员。"
        super().__init__(message, code="report_deleted")


def report_purge_after(*, report: Report):
    """When the purge task removes a deleted report for good."""
    return report.deleted_at + timedelta(days=settings.REPORT_RETENTION_DAYS)


def report_trash_for_user(*, user):
    """The organisation's deleted reports (the 回收站), most recently deleted first; admins only (the view checks)."""
    membership = membership_for_user(user=user)
    if membership is None:
        return []
    reports = list(
        Report.objects.filter(organization_id=membership.organization_id, deleted_at__isnull=False)
        .select_related("deleted_by", "source_uploaded_by")
        .order_by("-deleted_at")
    )
    for report in reports:
        report.purge_after = report_purge_after(report=report)
    return reports


def report_changes(*, report, limit: int = 100):
    """The report's own history (title, year, deletion, restoration, revised drafts), newest first."""
    return list(report.changes.select_related("user", "undone_by").order_by("-created_at", "-id")[:limit])


def report_change_get_for_user(*, user, report_pk, pk) -> ReportChange:
    report = report_get_for_user(user=user, pk=report_pk)
    try:
        change = ReportChange.objects.select_related("user").get(pk=pk, report=report)
    except (ReportChange.DoesNotExist, ValueError):
        raise Http404 from None
    change.report = report
    return change


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


def report_suspicious_placeholders(*, report) -> list:
    """Placeholders still flagged 请核对 (digits glued to them), with their sections, in report order."""
    return list(
        report.placeholders.filter(suspicious=True).select_related("section").order_by("section__order", "order")
    )


@dataclass(frozen=True)
class FinalReadiness:
    """Whether a report may be finalized and exported as final, and if not, why (each reason a sentence)."""

    ready: bool
    reasons: tuple[str, ...]


def report_final_readiness(*, report, progress: dict | None = None) -> FinalReadiness:
    """The one rule for 定稿 and the final export: the report has sections, every one approved, and every
    placeholder filled. report_finalize, the final export and the report page all ask here."""
    if progress is None:
        progress = report_progress(report=report)
    reasons = []
    unapproved = progress["sections_total"] - progress["sections_approved"]
    if not progress["sections_total"]:
        reasons.append("报告还没有章节。")
    if unapproved:
        reasons.append(f"还有 {unapproved} 个章节未审核通过。")
    if progress["placeholders_empty"]:
        reasons.append(f"还有 {progress['placeholders_empty']} 个待填项未填写。")
    return FinalReadiness(ready=not reasons, reasons=tuple(reasons))


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
    title = [p for p in placeholders if p.field == Placeholder.Field.TITLE]
    heading_pieces = split_text(section.heading, heading)[0] if section.heading or heading else []
    return {
        "title": split_text(section.report.title, title)[0] if title else [],
        "heading": heading_pieces,
        "paragraphs": split_text(section.body, body) if section.body or body else [],
    }


def section_history(*, section, limit: int = 200):
    return (
        PlaceholderChange.objects.filter(section=section)
        .select_related("user", "placeholder")
        .order_by("-created_at", "-id")[:limit]
    )


def placeholder_get_for_user(*, user, report_pk, pk) -> Placeholder:
    report = report_get_for_user(user=user, pk=report_pk)
    try:
        placeholder = Placeholder.objects.select_related("section", "indicator", "filled_by").get(pk=pk, report=report)
    except (Placeholder.DoesNotExist, ValueError):
        raise Http404 from None
    placeholder.section.report = report
    return placeholder


def empty_counts(*, section) -> dict:
    """Empty placeholders of the section and of its report, for the counters on every fill screen."""
    report_counts = Placeholder.objects.filter(report_id=section.report_id).aggregate(
        report_empty=Count("id", filter=Q(value="")),
        section_empty=Count("id", filter=Q(value="", section_id=section.pk)),
        section_total=Count("id", filter=Q(section_id=section.pk)),
    )
    return report_counts


def next_empty_section(*, section):
    """The next section (wrapping around) that still has an empty placeholder, or None."""
    candidates = Section.objects.filter(report_id=section.report_id, placeholders__value="").exclude(pk=section.pk)
    after = candidates.filter(order__gt=section.order).order_by("order").first()
    return after or candidates.order_by("order").first()


# The section page checks in every PRESENCE_CHECK_SECONDS (section_detail.html reads it) and says when it is
# left; a page not seen for PRESENCE_WINDOW_SECONDS (two missed check-ins and some slack) has gone, so a closed
# tab disappears at once and a crashed one within 30 s.
PRESENCE_CHECK_SECONDS = 10
PRESENCE_WINDOW_SECONDS = 2 * PRESENCE_CHECK_SECONDS + 5


def presence_others(*, section, user, window_seconds: int = PRESENCE_WINDOW_SECONDS):
    """Who else has the section open: seen within ``window_seconds``."""
    since = timezone.now() - timedelta(seconds=window_seconds)
    return [
        p.user
        for p in SectionPresence.objects.filter(section=section, seen_at__gte=since)
        .exclude(user=user)
        .select_related("user")
        .order_by("user__username")
    ]


PLACEHOLDERS_PER_PAGE = 200
INDICATORS_PER_PAGE = 100


def indicator_rows(*, report, only_empty: bool = False, page=1) -> tuple[list[dict], object]:
    """One row per indicator and section it appears in, with its placeholders there by role (value, growth,
    rank, other), a page of indicators at a time: an indicator named in two sections (实际 in one, 预计 in
    another) has a row under each, so every blank is listed under the section it is in.

    Returns (rows, page object). A page holds INDICATORS_PER_PAGE indicators, so the table costs the same
    for a report of 20 indicators and one of 1,000.
    """
    indicators = report.indicators.order_by("order")
    if only_empty:
        indicators = indicators.filter(placeholders__value="").distinct()
    page_obj = Paginator(indicators, INDICATORS_PER_PAGE).get_page(page)
    by_pk = {ind.pk: ind for ind in page_obj}
    rows: dict[tuple[int, int], dict] = {}
    placeholders = (
        Placeholder.objects.filter(indicator_id__in=list(by_pk))
        .select_related("section", "filled_by")
        .order_by("indicator__order", "section__order", "order")
    )
    for ph in placeholders:
        ph.indicator = by_pk[ph.indicator_id]
        row = rows.setdefault(
            (ph.indicator_id, ph.section_id),
            {"indicator": ph.indicator, "section": ph.section, "cells": {}, "others": [], "empty": 0},
        )
        role = ph.role if ph.role in ("value", "growth", "rank") else None
        if role and role not in row["cells"]:
            row["cells"][role] = ph
        else:
            row["others"].append(ph)
        row["empty"] += not ph.is_filled
    if only_empty:
        return [row for row in rows.values() if row["empty"]], page_obj
    return list(rows.values()), page_obj


def placeholder_rows(*, report, only_empty: bool = False, page=1):
    """The report's placeholders in document order, a page of PLACEHOLDERS_PER_PAGE at a time.

    Returns the page object: a report of 150,000 blanks costs the same to list as one of 200.
    """
    queryset = Placeholder.objects.filter(report=report).select_related("section", "indicator", "filled_by")
    if only_empty:
        queryset = queryset.filter(value="")
    return Paginator(queryset.order_by("section__order", "order"), PLACEHOLDERS_PER_PAGE).get_page(page)


def placeholder_context(*, placeholder, width: int = 18) -> tuple[str, str]:
    """A little text before and after the placeholder, for tables that show it out of its sentence."""
    text = {
        Placeholder.Field.TITLE: placeholder.section.report.title,
        Placeholder.Field.HEADING: placeholder.section.heading,
    }.get(placeholder.field, placeholder.section.body)
    start = placeholder.offset
    before = text[max(0, start - width) : start].split("\n")[-1]
    after = text[start + len(placeholder.raw) : start + len(placeholder.raw) + width].split("\n")[0]
    return before, after


@dataclass(frozen=True)
class HistoryPoint:
    """A point in a section's history: a value change ("v<id>") or a text edit ("t<id>")."""

    key: str
    kind: str  # "value" or "text"
    created_at: object
    user: object
    label: str
    old: str
    new: str
    change: object


def section_history_points(*, section) -> list[HistoryPoint]:
    """Every value change and text edit of the section, oldest first: the points a diff can compare."""
    points = [
        HistoryPoint(f"v{c.pk}", "value", c.created_at, c.user, c.placeholder.full_label, c.old_value, c.new_value, c)
        for c in PlaceholderChange.objects.filter(section=section).select_related("user", "placeholder")
    ]
    points += [
        HistoryPoint(f"t{c.pk}", "text", c.created_at, c.user, "正文", c.old_text, c.new_text, c)
        for c in SectionTextChange.objects.filter(section=section).select_related("user")
    ]
    return sorted(points, key=lambda p: (p.created_at, p.change.pk, p.kind))


def section_text_at(*, section, placeholders, points: list[HistoryPoint], key: str) -> str:
    """The section as printed right after point ``key`` ("0": as parsed, nothing filled)."""
    body_ph = [p for p in placeholders if p.field == Placeholder.Field.BODY]
    texts = [p for p in points if p.kind == "text"]
    tokenized = texts[0].old if texts else tokenize(section.body, body_ph)
    values: dict[int, str] = {}
    for point in points if key != "0" else []:
        if point.kind == "value":
            values[point.change.placeholder_id] = point.new
        else:
            tokenized = point.new
        if point.key == key:
            break

    def value_of(ph):
        value = values.get(ph.pk, "")
        if not value:
            return ph.raw or "＿＿"
        return Placeholder(kind=ph.kind, unit=ph.unit, value=value, raw=ph.raw).display_value

    body = render_tokens(tokenized, body_ph, value_of)
    if not section.level:
        return body
    heading_ph = [p for p in placeholders if p.field == Placeholder.Field.HEADING]
    head = f"{section.marker}{fill_text(section.heading, heading_ph, value_of)}{section.heading_end}"
    return head + ("" if section.inline_body else "\n") + body
