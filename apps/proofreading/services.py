"""Writes of 校对建议: computing them, accepting (through 修改正文's service) and rejecting them."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.db import transaction
from django.utils import timezone

from apps.core.errors import ConflictError, PermissionDeniedError, StateError
from apps.parsing.proofread import context_of, document_profile, proofread, proofread_marker
from apps.proofreading.models import Suggestion
from apps.proofreading.selectors import is_stale, report_profile
from apps.reports.models import Placeholder, Section
from apps.reports.services import section_edit_body, section_guard_fill_permission
from apps.reports.services_structure import section_edit_heading
from apps.reports.tokens import tokenize

logger = logging.getLogger(__name__)


def _profile_of_report(report, sections=None):
    if sections is None:
        return report_profile(report=report)
    texts = [report.title]
    for s in sections:
        texts += [s.heading, s.body]
    return document_profile(texts)


def _rows(*, report, section: Section, profile, skip: set | None = None) -> list[Suggestion]:
    rows = []
    fields = [(Suggestion.Field.BODY, section.body, proofread(section.body, profile=profile))]
    if section.level:
        fields.insert(0, (Suggestion.Field.HEADING, section.heading, proofread(section.heading, profile=profile)))
        fields.insert(0, (Suggestion.Field.MARKER, section.marker, proofread_marker(section.marker)))
    for field_name, text, found in fields:
        rows += _field_rows(report=report, section=section, field_name=field_name, text=text, found=found, skip=skip)
    return rows


def _field_rows(*, report, section, field_name, text, found, skip) -> list[Suggestion]:
    rows = []
    for s in found:
        if len(s.original) > 200 or len(s.replacement or "") > 200:
            continue  # never a real slip (a run of 200 spaces); it would not fit the row
        before, after = context_of(text, s.start, s.end)
        if skip and (field_name, s.kind, s.original, before, after) in skip:
            continue
        rows.append(
            Suggestion(
                report=report,
                section=section,
                field=field_name,
                kind=s.kind,
                original=s.original,
                replacement=s.replacement or "",
                flag_only=s.replacement is None,
                reason=s.reason[:200],
                start=s.start,
                end=s.end,
                confidence=s.confidence,
                before=before,
                after=after,
                section_version=section.version,
            )
        )
    return rows


@transaction.atomic
def suggestions_build_for_report(*, report) -> int:
    """Replace every suggestion of the report by those of its sections' bodies now. Returns how many."""
    Suggestion.objects.filter(report=report).delete()
    sections = list(report.sections.order_by("order"))
    profile = _profile_of_report(report, sections)
    rows = [row for section in sections for row in _rows(report=report, section=section, profile=profile)]
    Suggestion.objects.bulk_create(rows)
    logger.info("report %s proofread: %d suggestions (converted=%s)", report.pk, len(rows), profile.converted)
    return len(rows)


@transaction.atomic
def suggestions_build_for_section(*, section: Section) -> int:
    """Replace the open suggestions of a section by those of its body now; rejected ones stay rejected."""
    report = section.report
    Suggestion.objects.filter(section=section, status=Suggestion.Status.OPEN).delete()
    rejected = {
        tuple(r)
        for r in Suggestion.objects.filter(section=section, status=Suggestion.Status.REJECTED).values_list(
            "field", "kind", "original", "before", "after"
        )
    }
    rows = _rows(report=report, section=section, profile=_profile_of_report(report), skip=rejected)
    Suggestion.objects.bulk_create(rows)
    return len(rows)


def _guard_open(suggestion: Suggestion) -> None:
    if suggestion.status != Suggestion.Status.OPEN:
        raise StateError(f"这条建议已{suggestion.get_status_display()}，无需再处理。")


def _apply(body: str, placeholders: list[Placeholder], chosen: list[Suggestion]) -> str:
    """The tokenized text (修改正文's or 修改标题's form) with ``chosen`` applied; placeholders keep their tokens."""
    moved = [SimpleNamespace(order=p.order, offset=p.offset, raw=p.raw) for p in placeholders]
    for s in sorted(chosen, key=lambda s: s.start, reverse=True):
        delta = len(s.replacement) - (s.end - s.start)
        for p in moved:
            if p.offset >= s.end:
                p.offset += delta
            elif p.offset + len(p.raw) > s.start and not (p.raw == "" and p.offset == s.start):
                raise StateError("建议修改的文字与待填项重叠，请用“修改正文”手动修改。")
        body = body[: s.start] + s.replacement + body[s.end :]
    return tokenize(body, moved)


def _choose(suggestions: list[Suggestion], text: str) -> list[Suggestion]:
    """The open, applicable, non-overlapping suggestions, last first. Stale ones (the text around them
    changed) are left open, never applied blindly."""
    chosen, last_start = [], None
    for s in sorted(suggestions, key=lambda s: s.start, reverse=True):
        if s.flag_only or s.status != Suggestion.Status.OPEN or is_stale(s, text):
            continue
        if last_start is not None and s.end > last_start:
            continue
        chosen.append(s)
        last_start = s.start
    return chosen


def _mark_accepted(chosen: list[Suggestion], user) -> None:
    if not chosen:
        return
    Suggestion.objects.filter(pk__in=[s.pk for s in chosen]).update(
        status=Suggestion.Status.ACCEPTED, decided_by=user, decided_at=timezone.now()
    )


def _apply_to_section(*, section: Section, suggestions: list[Suggestion], user) -> int:
    """Accept ``suggestions`` of one section: one edit of its body (修改正文) and one of its heading (修改标题)
    at most. Returns how many were applied."""
    section = Section.objects.select_for_update().select_related("report").get(pk=section.pk)
    body_chosen = _choose([s for s in suggestions if s.field == Suggestion.Field.BODY], section.body)
    heading_chosen = _choose([s for s in suggestions if s.field == Suggestion.Field.HEADING], section.heading)
    marker_chosen = _choose([s for s in suggestions if s.field == Suggestion.Field.MARKER], section.marker)
    # All marked before any edit: each edit's hook replaces the section's suggestions still open.
    _mark_accepted(body_chosen + heading_chosen + marker_chosen, user)
    if body_chosen:
        placeholders = list(section.placeholders.filter(field=Placeholder.Field.BODY).order_by("order"))
        text = _apply(section.body, placeholders, body_chosen)
        section = section_edit_body(section=section, text=text, user=user, expected_version=section.version)
    if heading_chosen or marker_chosen:
        placeholders = list(section.placeholders.filter(field=Placeholder.Field.HEADING).order_by("order"))
        heading = _apply(section.heading, placeholders, heading_chosen)
        marker = _apply(section.marker, [], marker_chosen)
        section_edit_heading(
            section=section, marker=marker, heading=heading, user=user, expected_version=section.version
        )
    return len(body_chosen) + len(heading_chosen) + len(marker_chosen)


@transaction.atomic
def suggestion_accept(*, suggestion: Suggestion, user) -> Suggestion:
    """Apply one suggestion through 修改正文's service (修改标题's for a heading): history, version, its permission.

    StateError for a suggestion already handled or one that only flags; ConflictError when the text
    around it changed since it was made (it is then not applied).
    """
    section_guard_fill_permission(user=user, section=suggestion.section)
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    _guard_open(suggestion)
    if suggestion.flag_only:
        raise StateError("这条建议只是提示，没有可直接替换的内容，请用“修改正文”手动修改或忽略。")
    section = Section.objects.select_related("report").get(pk=suggestion.section_id)
    if is_stale(suggestion, suggestion.text_of(section)):
        raise ConflictError("正文在建议生成后已被修改，这条建议已失效，请刷新后查看新的校对建议。")
    _apply_to_section(section=section, suggestions=[suggestion], user=user)
    suggestion.refresh_from_db()
    logger.info("suggestion %s accepted by %s", suggestion.pk, user)
    return suggestion


@transaction.atomic
def suggestion_reject(*, suggestion: Suggestion, user) -> Suggestion:
    """Mark a suggestion ignored (who may change the section's text may do this). Not offered again."""
    section_guard_fill_permission(user=user, section=suggestion.section)
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    _guard_open(suggestion)
    suggestion.status = Suggestion.Status.REJECTED
    suggestion.decided_by = user
    suggestion.decided_at = timezone.now()
    suggestion.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    logger.info("suggestion %s rejected by %s", suggestion.pk, user)
    return suggestion


def _may_fill(*, user, section: Section) -> bool:
    try:
        section_guard_fill_permission(user=user, section=section)
    except PermissionDeniedError:
        return False
    return True


@dataclass
class AcceptAllResult:
    accepted: int = 0
    skipped: int = 0  # flag-only, stale or overlapping: left open
    refused_sections: list = field(default_factory=list)  # sections the user may not change now


@transaction.atomic
def suggestions_accept_all(*, report, user, section: Section | None = None, kind: str = "") -> AcceptAllResult:
    """Accept every open suggestion of the report, or of one section, optionally of one kind only.

    One edit (one history entry and version) per section. With ``section``, a refusal of that section
    is raised; for the whole report the sections the user may not change (another department's, a
    submitted one) are skipped and listed, and PermissionDeniedError is raised when there is none
    the user may change.
    """
    qs = Suggestion.objects.select_for_update().filter(report=report, status=Suggestion.Status.OPEN)
    if section is not None:
        qs = qs.filter(section=section)
    if kind:
        qs = qs.filter(kind=kind)
    by_section: dict[int, list[Suggestion]] = {}
    for s in qs.order_by("section__order", "start"):
        by_section.setdefault(s.section_id, []).append(s)
    result = AcceptAllResult()
    sections = {s.pk: s for s in Section.objects.select_related("report").filter(pk__in=by_section)}
    permitted = 0
    for section_id, suggestions in by_section.items():
        target = sections[section_id]
        try:
            section_guard_fill_permission(user=user, section=target)
            if not target.is_editable:
                raise StateError("本节当前不能修改。")
        except (PermissionDeniedError, StateError):
            if section is not None:
                raise
            result.refused_sections.append(target)
            continue
        permitted += 1
        applied = _apply_to_section(section=target, suggestions=suggestions, user=user)
        result.accepted += applied
        result.skipped += len(suggestions) - applied
    if not by_section:
        targets = [section] if section is not None else list(report.sections.select_related("report"))
        permitted = sum(1 for target in targets if _may_fill(user=user, section=target))
        if section is not None and not permitted:
            section_guard_fill_permission(user=user, section=section)  # raises with the rule's own reason
    if not permitted:
        raise PermissionDeniedError("您无权修改这些章节的正文。")
    logger.info("accept-all on report %s by %s: %s", report.pk, user, result)
    return result
