"""Exports of a report: the GB/T 9704 standard layout, or the uploaded .docx with the values written in.

Also the writes that feed them: the report's signature block and the
organisation's export profile.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from apps.accounts.models import Role
from apps.accounts.selectors import membership_for_user
from apps.core.errors import PermissionDeniedError, StateError
from apps.exporting.builders import ExportAppendix, ExportDocument, ExportSection, Segment, build_docx
from apps.exporting.fill_in_place import Fill, FillInPlaceError, FillSection, fill_in_place
from apps.exporting.models import ExportProfile
from apps.exporting.portable_grid import make_portable
from apps.exporting.selectors import export_profile_get, report_source_upload
from apps.reports import hooks
from apps.reports.models import Placeholder, Report, SectionTextChange
from apps.reports.segments import split_text
from apps.reports.selectors import report_final_readiness
from apps.reports.selectors_corrections import report_structure_changed

logger = logging.getLogger(__name__)

PROFILE_FIELDS = (
    "title_font",
    "body_font",
    "level1_font",
    "level2_font",
    "level3_font",
    "level4_font",
    "latin_font",
    "page_number_font",
    "bold_level1",
    "bold_level2",
    "bold_level3",
    "bold_level4",
    "line_spacing_pt",
)


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
    where = "标题" if ph.field == Placeholder.Field.TITLE else section.display_name
    return f"{where}：{ph.short_label}"


def _title_placeholders_fit(title: str, placeholders) -> bool:
    """Whether the title placeholders (offsets into the parsed title) still sit in ``title``."""
    return all(title[p.offset : p.offset + len(p.raw)] == p.raw for p in placeholders)


def _title_text(title: str, placeholders) -> str:
    # The title placeholders index the title as parsed; a title retyped at
    # upload no longer matches them and is printed as typed.
    if not placeholders or not _title_placeholders_fit(title, placeholders):
        return title
    pieces = split_text(title, placeholders)[0]
    return "".join(p.text if p.placeholder is None else p.placeholder.display_value for p in pieces)


def _placeholders_by_section(report: Report) -> dict[int, list[Placeholder]]:
    placeholders: dict[int, list[Placeholder]] = {}
    for ph in report.placeholders.order_by("section_id", "order"):
        placeholders.setdefault(ph.section_id, []).append(ph)
    return placeholders


def report_export_appendices(*, report: Report) -> tuple[ExportAppendix, ...]:
    """What the ``export_appendix`` hooks add to a draft (the sheets app: the year-on-year chart and its table)."""
    return tuple(
        ExportAppendix(
            title=item["title"],
            png=item["png"],
            width_mm=float(item["width_mm"]),
            rows=tuple(tuple(str(cell) for cell in row) for row in item.get("rows", ())),
            caption=item.get("caption", ""),
        )
        for item in hooks.collect_lists(hooks.EXPORT_APPENDIX, report=report)
    )


def report_export_data(*, report: Report, draft: bool, appendix: bool = False) -> ExportDocument:
    """The report as plain data; ``appendix`` (drafts only) adds what the ``export_appendix`` hooks give."""
    sections = list(report.sections.order_by("order"))
    placeholders = _placeholders_by_section(report)
    export_sections, empty_labels = [], []
    title_ph: list[Placeholder] = []
    for section in sections:
        own = placeholders.get(section.pk, [])
        title_ph += [p for p in own if p.field == Placeholder.Field.TITLE]
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
        title=_title_text(report.title, title_ph),
        sections=tuple(export_sections),
        draft=draft,
        signer=report.signer,
        date=report.sign_date or timezone.localdate(),
        empty_labels=tuple(empty_labels) if draft else (),
        appendices=report_export_appendices(report=report) if draft and appendix else (),
    )


def _guard_export(*, report: Report, user, draft: bool) -> None:
    membership = membership_for_user(user=user)
    if membership is None or membership.organization_id != report.organization_id:
        raise PermissionDeniedError()
    if not draft:
        if report.status != Report.Status.FINALIZED:
            raise StateError("报告尚未定稿：请先点击“定稿并导出”。可先导出草稿。", code="not_finalized")
        readiness = report_final_readiness(report=report)
        if not readiness.ready:
            raise StateError("还不能导出定稿：" + "".join(readiness.reasons) + "可先导出草稿。")


def _log_export(*, report: Report, user, draft: bool, data: bytes, kind: str) -> None:
    # Exporting only reads: finalizing is reports.services.report_finalize, a POST of its own.
    logger.info(
        "report %s exported (%s, %s) by %s: %d bytes", report.pk, kind, "draft" if draft else "final", user, len(data)
    )


def report_export_docx(*, report: Report, user, draft: bool, appendix: bool = False) -> tuple[bytes, str]:
    """Build the .docx of ``report`` in the organisation's layout; returns (bytes, file name).

    A final export is refused (StateError) until the report is finalized
    (reports.services.report_finalize); a draft export is always allowed, and with
    ``appendix`` ends with the pages the ``export_appendix`` hooks give (附主要指标对比图;
    ignored for a final export). Writes nothing.
    """
    _guard_export(report=report, user=user, draft=draft)
    profile = export_profile_get(organization=report.organization).font_profile()
    data = build_docx(report_export_data(report=report, draft=draft, appendix=appendix), profile)
    _log_export(report=report, user=user, draft=draft, data=data, kind="standard")
    suffix = "草稿" if draft else "定稿"
    return data, f"{report.title}（{suffix}）.docx"


def report_fill_sections(*, report: Report) -> tuple[str, list[FillSection]]:
    """The report's sections and values as fill_in_place takes them: (title, sections).

    Empty placeholders get no value (they stay as written); in a final export
    there are none.
    """
    placeholders = _placeholders_by_section(report)
    title_ph = [p for own in placeholders.values() for p in own if p.field == Placeholder.Field.TITLE]
    title = report.title if title_ph and _title_placeholders_fit(report.title, title_ph) else ""
    sections = []
    for section in report.sections.order_by("order"):
        fills = tuple(
            Fill(
                field=p.field,
                offset=p.offset,
                raw=p.raw,
                value=p.display_value if p.is_filled else None,
                label=f"{section.display_name}：{p.short_label}",
            )
            for p in placeholders.get(section.pk, [])
        )
        sections.append(
            FillSection(
                level=section.level,
                marker=section.marker,
                heading=section.heading,
                heading_end=section.heading_end,
                inline_body=section.inline_body,
                body=section.body,
                fills=fills,
            )
        )
    return title, sections


def report_edited_sections(*, report: Report) -> list[str]:
    """Headings of the sections whose text was edited in the application since the parse.

    An edit that was later undone (the latest text equals the parsed one) does not count.
    """
    first: dict[int, str] = {}
    last: dict[int, str] = {}
    names: dict[int, str] = {}
    changes = (
        SectionTextChange.objects.filter(section__report=report)
        .order_by("created_at", "id")
        .values_list("section_id", "old_text", "new_text", "section__marker", "section__heading", "section__level")
    )
    for section_id, old_text, new_text, marker, heading, level in changes:
        first.setdefault(section_id, old_text)
        last[section_id] = new_text
        names[section_id] = f"{marker}{heading}" if level else "导语"
    return [names[pk] for pk in first if first[pk] != last[pk]]


def report_export_in_place_docx(*, report: Report, user, draft: bool) -> tuple[bytes, str]:
    """Write the values into the .docx the report was parsed from; returns (bytes, file name).

    Everything else in that document (styles, tables, headers, images) is
    kept as uploaded, except a character grid (``linesAndChars``), which
    becomes a line grid plus character spacing (portable_grid.make_portable).
    Same guards as :func:`report_export_docx`; refused
    (StateError) when the report did not come from a .docx, when a section's
    text was edited in the application (the document would not show it) or
    when a value cannot be placed.
    """
    _guard_export(report=report, user=user, draft=draft)
    upload = report_source_upload(report=report)
    if upload is None:
        raise StateError("这份报告不是由 Word（.docx）文档导入的，无法按原文档回填，请使用标准版式导出。")
    edited = report_edited_sections(report=report)
    if edited:
        # The uploaded document keeps its own text: an edit made here would silently be lost.
        names = "、".join(edited[:3]) + (f"等 {len(edited)} 节" if len(edited) > 3 else "")
        raise StateError(f"{names}的正文在系统中修改过，按原文档回填无法包含这些修改，请使用标准版式导出。")
    restructured = report_structure_changed(report=report)
    if restructured:
        names = "、".join(restructured[:3]) + (f"等 {len(restructured)} 节" if len(restructured) > 3 else "")
        raise StateError(
            f"{names}的标题层级、序号或文字在系统中纠正过，按原文档回填无法包含这些修改，请使用标准版式导出。"
        )
    try:
        with upload.file.open("rb") as handle:
            original = handle.read()
    except OSError:
        logger.exception("report %s: upload %s unreadable", report.pk, upload.pk)
        raise StateError("找不到原上传文档，无法按原文档回填，请使用标准版式导出。") from None
    title, sections = report_fill_sections(report=report)
    try:
        # The upload's character grid becomes the line grid plus character
        # spacing that LibreOffice lays out as Word does (docs/adr/0051).
        data = make_portable(fill_in_place(original, title=title, sections=sections))
    except FillInPlaceError as exc:
        logger.warning("report %s: fill in place failed (%s): %s", report.pk, exc.code, exc)
        raise StateError(exc.message, code=f"fill_{exc.code}") from None
    _log_export(report=report, user=user, draft=draft, data=data, kind="in_place")
    suffix = "草稿" if draft else "定稿"
    return data, f"{report.title}（原文档回填·{suffix}）.docx"


@transaction.atomic
def report_signature_update(*, report: Report, user, signer: str, sign_date) -> Report:
    """Set the signing body and date printed at the end of the standard export.

    Drafters and admins of the report's organisation may change them.
    """
    membership = membership_for_user(user=user)
    if membership is None or membership.organization_id != report.organization_id:
        raise PermissionDeniedError()
    if not membership.can_fill:
        raise PermissionDeniedError("只有起草人和管理员可以修改落款和成文日期。")
    report = Report.objects.select_for_update().get(pk=report.pk)
    report.signer = signer.strip()
    report.sign_date = sign_date
    report.save(update_fields=["signer", "sign_date", "updated_at"])
    logger.info("report %s signature set by %s: %r, %s", report.pk, user, report.signer, report.sign_date)
    return report


@transaction.atomic
def export_profile_update(*, organization, user, values: dict) -> ExportProfile:
    """Save the organisation's export profile (created on first save). Admins only.

    Args:
        organization: whose profile.
        user: must be an admin of ``organization``.
        values: field name → cleaned value, for the names in PROFILE_FIELDS.
    """
    membership = membership_for_user(user=user)
    if membership is None or membership.organization_id != organization.pk or membership.role != Role.ADMIN:
        raise PermissionDeniedError("只有本单位管理员可以修改导出版式。")
    profile, _ = ExportProfile.objects.select_for_update().get_or_create(organization=organization)
    for name in PROFILE_FIELDS:
        if name in values:
            setattr(profile, name, values[name])
    profile.updated_by = user
    profile.full_clean()
    profile.save()
    logger.info("export profile of organisation %s saved by %s", organization.pk, user)
    return profile
