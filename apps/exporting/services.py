"""Turn a report into plain export data and hand it to the python-docx builder."""

from __future__ import annotations

import logging

from django.utils import timezone

from apps.accounts.selectors import membership_for_user
from apps.core.errors import PermissionDeniedError, StateError
from apps.exporting.builders import ExportDocument, ExportSection, Segment, build_docx
from apps.reports.models import Placeholder, Report, SectionStatus
from apps.reports.segments import split_text

logger = logging.getLogger(__name__)


def _segments(pieces) -> tuple[Segment, ...]:
    out = []
    for piece in pieces:
        ph = piece.placeholder
        if ph is None:
            out.append(Segment(text=piece.text))
        else:
            out.append(Segment(text=ph.display_value, placeholder=True, empty=not ph.is_filled))
    return tuple(out)


def _empty_label(section, ph) -> str:
    where = section.display_heading or "导语"
    return f"{where}：{ph.label or ph.raw or '空缺'}"


def report_export_data(*, report: Report, draft: bool) -> ExportDocument:
    sections = list(report.sections.order_by("order"))
    placeholders: dict[int, list[Placeholder]] = {}
    for ph in report.placeholders.order_by("section_id", "order"):
        placeholders.setdefault(ph.section_id, []).append(ph)
    export_sections, empty_labels = [], []
    for section in sections:
        own = placeholders.get(section.pk, [])
        heading_ph = [p for p in own if p.field == Placeholder.Field.HEADING]
        body_ph = [p for p in own if p.field == Placeholder.Field.BODY]
        heading = split_text(section.heading, heading_ph)[0] if section.heading else []
        paragraphs = split_text(section.body, body_ph) if section.body or body_ph else []
        empty_labels.extend(_empty_label(section, p) for p in own if not p.is_filled)
        export_sections.append(
            ExportSection(
                level=section.level,
                marker=section.marker,
                heading=_segments(heading),
                heading_end=section.heading_end,
                inline_body=section.inline_body,
                paragraphs=tuple(_segments(p) for p in paragraphs),
            )
        )
    return ExportDocument(
        title=report.title,
        sections=tuple(export_sections),
        draft=draft,
        signer=report.signer,
        date=report.sign_date or timezone.localdate(),
        empty_labels=tuple(empty_labels) if draft else (),
    )


def report_export_docx(*, report: Report, user, draft: bool) -> tuple[bytes, str]:
    """Build the .docx of ``report``; returns (bytes, file name).

    A final export is refused (StateError) while a section is not approved or a
    placeholder is empty; a draft export is always allowed.
    """
    membership = membership_for_user(user=user)
    if membership is None or membership.organization_id != report.organization_id:
        raise PermissionDeniedError()
    if not draft:
        unapproved = report.sections.exclude(status=SectionStatus.APPROVED).count()
        empty = report.placeholders.filter(value="").count()
        if unapproved or empty:
            raise StateError(f"还不能导出定稿：{unapproved} 个章节未审核通过，{empty} 个待填项未填写。可先导出草稿。")
    data = build_docx(report_export_data(report=report, draft=draft))
    if not draft and report.status != Report.Status.FINALIZED:
        Report.objects.filter(pk=report.pk).update(status=Report.Status.FINALIZED)
    suffix = "草稿" if draft else "定稿"
    logger.info("report %s exported (%s) by %s: %d bytes", report.pk, suffix, user, len(data))
    return data, f"{report.title}（{suffix}）.docx"
