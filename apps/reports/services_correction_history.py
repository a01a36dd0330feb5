"""What every parse correction shares: who may correct a section, the ParseCorrection record, undo.

The corrections themselves live in services_corrections.py (blanks) and services_structure.py (headings and
sections); each keeps a table ``UNDOERS`` of action → function(correction, section, user) that returns
``(before, after, summary)`` of the undo.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from apps.core.errors import PermissionDeniedError, StateError
from apps.reports.models import ParseCorrection, Placeholder, ReportChange, Section, SectionStatus
from apps.reports.services import section_guard_fill_permission

logger = logging.getLogger(__name__)

_FIELD_RANK = {Placeholder.Field.TITLE: 0, Placeholder.Field.HEADING: 1, Placeholder.Field.BODY: 2}


def guard_can_correct(*, user, section: Section) -> None:
    """PermissionDeniedError unless the user may fill the section; StateError while it is submitted or approved.

    Same rule as filling (the review app's section_work_guard hook); a submitted or approved section must be returned or
    reopened first, so that no reviewer approves a text that then changes under them.
    """
    try:
        section_guard_fill_permission(user=user, section=section)
    except PermissionDeniedError:
        logger.warning("correction refused: user %s may not work on section %s", user, section.pk)
        raise
    if section.status == SectionStatus.APPROVED:
        raise StateError("本节已审核通过，不能纠正解析结果；如需修改，请审核人先重新打开。", code="approved")
    if section.status == SectionStatus.SUBMITTED:
        raise StateError("本节已提交审核，不能纠正解析结果；如需修改，请等审核人退回后再改。", code="submitted")


def lock_section(section_id: int) -> Section:
    return Section.objects.select_for_update().select_related("report").get(pk=section_id)


def field_text(section: Section, field: str) -> str:
    if field == Placeholder.Field.TITLE:
        return section.report.title
    if field == Placeholder.Field.HEADING:
        return section.heading
    return section.body


def renumber_placeholders(section_id: int) -> None:
    """Orders 0..n-1 by field and offset: the 【#n】 tokens of 修改正文 follow the text."""
    placeholders = list(Placeholder.objects.filter(section_id=section_id))
    placeholders.sort(key=lambda p: (_FIELD_RANK.get(p.field, 3), p.offset, p.order))
    changed = []
    for index, placeholder in enumerate(placeholders):
        if placeholder.order != index:
            placeholder.order = index
            changed.append(placeholder)
    Placeholder.objects.bulk_update(changed, ["order"])


def bump_version(section: Section) -> None:
    section.version += 1
    section.save(update_fields=["version", "updated_at"])


def record_correction(*, section: Section, user, action: str, summary: str, before: dict, after: dict, undo_of=None):
    correction = ParseCorrection.objects.create(
        report_id=section.report_id,
        section=section,
        user=user,
        action=action,
        summary=summary[:300],
        before=before,
        after=after,
        undo_of=undo_of,
    )
    logger.info("section %s: correction %s (%s) by %s", section.pk, correction.pk, action, user)
    return correction


# ---------------------------------------------------------------- undo


def _undoers():
    # The correction services import this module; their tables of undo functions are read when undoing.
    from apps.reports import services_corrections, services_structure_undo

    return {**services_corrections.UNDOERS, **services_structure_undo.UNDOERS}


@transaction.atomic
def correction_undo(*, correction: ParseCorrection, user) -> ParseCorrection:
    """Undo a correction; the undo is recorded as a correction of its own. Refused (StateError) when it was
    undone already, cannot be undone, or the text has changed so that it no longer applies."""
    correction = ParseCorrection.objects.select_for_update().get(pk=correction.pk)
    if correction.section_id is None:
        raise StateError("该章节已不存在，无法撤销。", code="gone")
    section = lock_section(correction.section_id)
    guard_can_correct(user=user, section=section)
    if not correction.can_undo:
        raise StateError("该操作已撤销，或不能撤销。", code="not_undoable")
    # A revised draft replaced the texts and the tree the correction was made on (services_revision).
    if ReportChange.objects.filter(
        report_id=correction.report_id, action=ReportChange.Action.REVISE, created_at__gte=correction.created_at
    ).exists():
        raise StateError("此后上传了新版草稿，这项纠正已不能撤销；如仍需要，请在新版中重新纠正。", code="revised")
    undo = _undoers().get(correction.action)
    if undo is None:
        raise StateError("该操作不能撤销。", code="not_undoable")
    before, after, summary = undo(correction, section, user)
    section.refresh_from_db()
    bump_version(section)
    correction.undone_at = timezone.now()
    correction.undone_by = user
    correction.save(update_fields=["undone_at", "undone_by"])
    return record_correction(
        section=section,
        user=user,
        action=ParseCorrection.Action.UNDO,
        summary=f"撤销“{correction.get_action_display()}”：{summary}",
        before=before,
        after=after,
        undo_of=correction,
    )
