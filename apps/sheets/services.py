"""Writes of the sheets app: an import's preview and its confirmation, a report's predecessor.

Every value an import writes goes through ``reports.services.section_fill_checked``: the same permissions
(a drafter fills only the sections they may), state rules (a submitted section is locked), versions and
history as a value typed on the section page.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from apps.accounts.selectors import membership_for_user
from apps.core.errors import PermissionDeniedError, ServiceError, StateError
from apps.parsing import ParseError
from apps.reports.models import Placeholder, Report, Section
from apps.reports.services import FillErrors, section_fill_checked, section_guard_fill_permission
from apps.reports.values import ValueInvalid, normalize_value
from apps.sheets.bureau import read_table
from apps.sheets.figures import figures_from_text
from apps.sheets.matching import convert, match_rows
from apps.sheets.models import Predecessor, SheetImport
from apps.sheets.selectors import placeholder_key, report_targets
from apps.sheets.workbook import is_app_sheet, read_app_sheet, read_grids

logger = logging.getLogger(__name__)

MAX_SHEET_BYTES = 5 * 1024 * 1024
MAX_REFERENCE_BYTES = 20 * 1024 * 1024


def _may_fill(user, section: Section, cache: dict) -> str:
    """ "" when the user may fill the section now, else why not (Chinese)."""
    if section.pk not in cache:
        try:
            section_guard_fill_permission(user=user, section=section)
            cache[section.pk] = "" if section.is_editable else "本节已提交或已通过审核，不能修改"
        except PermissionDeniedError as exc:
            cache[section.pk] = str(exc) or "无权填写本节"
    return cache[section.pk]


def _proposal(ph: Placeholder, text: str, *, user, cache, line: int, confidence: float, source: str, note: str = ""):
    try:
        value = normalize_value(ph.kind, text)
        error = ""
    except ValueInvalid as exc:
        value, error = text, exc.message
    return {
        "placeholder": ph.pk,
        "section": ph.section_id,
        "section_name": ph.section.display_name[:40],
        "label": ph.full_label,
        "role": ph.role,
        "line": line,
        "source": source,
        "value": value,
        "error": error,
        "current": ph.value,
        "version": ph.version,
        "conflict": bool(ph.value) and ph.value != value,
        "unchanged": ph.value == value,
        "confidence": round(confidence, 2),
        "note": note,
        "refused": _may_fill(user, ph.section, cache),
    }


def _app_proposals(report, values, user) -> tuple[list, list]:
    by_key = {placeholder_key(ph): ph for ph in Placeholder.objects.filter(report=report).select_related("section")}
    proposals, problems, cache = [], [], {}
    for item in values:
        ph = by_key.get(item.key)
        if ph is None:
            problems.append(f"第 {item.line} 行：编号 {item.key} 不属于本报告（可能是其他报告的指标表），已跳过。")
            continue
        if item.text == "" or item.text == ph.value:
            continue
        proposals.append(_proposal(ph, item.text, user=user, cache=cache, line=item.line, confidence=1.0, source=""))
    return proposals, problems


def _bureau_proposals(report, table, user) -> tuple[list, list, list, list]:
    targets = report_targets(report=report)
    rows = [r for r in table.rows if r.value or r.growth or r.rank]
    matches, left_rows, left_targets = match_rows(rows, targets)
    proposals, cache = [], {}
    for m in matches:
        for role in ("value", "growth", "rank"):
            text = getattr(m.row, role)
            ph = m.target.cells.get(role)
            if not text or ph is None:
                continue
            note = m.note if role == "value" else ""
            shown = convert(text, m.factor) if role == "value" else text
            proposals.append(
                _proposal(
                    ph,
                    shown,
                    user=user,
                    cache=cache,
                    line=m.row.line,
                    confidence=m.confidence,
                    source=m.row.name,
                    note=note,
                )
            )
    problems = [e for r in table.rows for e in r.errors]
    unmatched_rows = [f"第 {r.line} 行：{r.name}" for r in left_rows]
    unmatched_targets = [f"{t.scope}{t.name}" for t in left_targets if t.cells]
    return proposals, problems, unmatched_rows, unmatched_targets


@transaction.atomic
def sheet_import_preview(*, report: Report, user, data: bytes, filename: str) -> SheetImport:
    """Read an uploaded sheet and record what it proposes (status 待确认). Writes no value of the report.

    Raises ServiceError for a file that is no workbook or has no recognisable table.
    """
    _guard_filler(user=user, report=report, message="只有起草人和管理员可以导入指标表。")
    if report.status != Report.Status.DRAFTING:
        raise StateError("报告已定稿，不能再导入数据。")
    if len(data) > MAX_SHEET_BYTES:
        raise ServiceError("文件过大（上限 5 MB）。")
    try:
        grids = read_grids(data)
    except ValueError as exc:
        raise ServiceError(str(exc)) from None
    sheet = SheetImport(report=report, uploaded_by=user, original_name=filename[:255])
    app_grid = next((g for _, g in grids if is_app_sheet(g)), None)
    if app_grid is not None:
        sheet.layout = SheetImport.Layout.APP
        sheet.proposals, sheet.problems = _app_proposals(report, read_app_sheet(app_grid), user)
    else:
        tables = [t for _, g in grids if (t := read_table(g)) is not None]
        if not tables:
            raise ServiceError("未找到指标表：请确认表头含“指标名称”及“本期”“同比增长”“位次”等列。")
        sheet.layout = SheetImport.Layout.BUREAU
        table = tables[0]
        for extra in tables[1:]:
            table.rows.extend(extra.rows)
        # Placeholders are read with their sections for the permission check.
        sheet.proposals, sheet.problems, sheet.unmatched_rows, sheet.unmatched_indicators = _bureau_proposals(
            report, table, user
        )
    sheet.save()
    logger.info(
        "sheet import %s: %s, %d proposals, %d problems",
        sheet.pk,
        sheet.layout,
        len(sheet.proposals),
        len(sheet.problems),
    )
    return sheet


@transaction.atomic
def sheet_import_confirm(*, sheet_import: SheetImport, user, accepted: set[int] | None = None) -> SheetImport:
    """Write the proposals of a previewed import (those in ``accepted``, by placeholder id; all without a
    conflict when None) through the fill service, section by section.

    A section the user may not fill, or that was locked since the preview, is skipped and reported; a value
    someone changed since the preview is not overwritten (reported as a conflict). Records the outcome on
    the import (status 已导入).
    """
    _guard_filler(user=user, report=sheet_import.report, message="只有起草人和管理员可以导入指标表。")
    sheet_import = SheetImport.objects.select_for_update().get(pk=sheet_import.pk)
    if sheet_import.status != SheetImport.Status.PREVIEW:
        raise StateError("该导入已处理，不能重复导入。")
    wanted = [
        p
        for p in sheet_import.proposals
        if not p["error"]
        and not p["unchanged"]
        and (p["placeholder"] in accepted if accepted is not None else not p["conflict"])
    ]
    by_section: dict[int, list[dict]] = {}
    for p in wanted:
        by_section.setdefault(p["section"], []).append(p)
    outcome = {"changed": 0, "skipped": [], "conflicts": [], "invalid": []}
    sections = Section.objects.filter(pk__in=list(by_section), report=sheet_import.report)
    for section in sections:
        items = by_section[section.pk]
        values = {p["placeholder"]: p["value"] for p in items}
        versions = {p["placeholder"]: p["version"] for p in items}
        try:
            with transaction.atomic():
                result = section_fill_checked(section=section, values=values, user=user, expected_versions=versions)
        except (PermissionDeniedError, StateError) as exc:
            outcome["skipped"].append(f"{section.display_name[:40]}：{exc}")
            continue
        except FillErrors as exc:
            outcome["invalid"].extend(f"{section.display_name[:40]}：{m}" for m in exc.errors.values())
            continue
        outcome["changed"] += result.changed
        outcome["conflicts"].extend(f"{ph.full_label}（已被他人改为 {ph.value}）" for ph in result.conflicts)
    sheet_import.status = SheetImport.Status.APPLIED
    sheet_import.outcome = outcome
    sheet_import.applied_by = user
    sheet_import.applied_at = timezone.now()
    sheet_import.save(update_fields=["status", "outcome", "applied_by", "applied_at", "updated_at"])
    logger.info("sheet import %s applied by %s: %s", sheet_import.pk, user, outcome["changed"])
    return sheet_import


@transaction.atomic
def sheet_import_cancel(*, sheet_import: SheetImport, user) -> SheetImport:
    _guard_filler(user=user, report=sheet_import.report, message="只有起草人和管理员可以导入指标表。")
    sheet_import = SheetImport.objects.select_for_update().get(pk=sheet_import.pk)
    if sheet_import.status != SheetImport.Status.PREVIEW:
        raise StateError("该导入已处理。")
    sheet_import.status = SheetImport.Status.CANCELLED
    sheet_import.save(update_fields=["status", "updated_at"])
    return sheet_import


def _guard_filler(*, user, report: Report, message: str) -> None:
    membership = membership_for_user(user=user)
    if membership is None or membership.organization_id != report.organization_id or not membership.can_fill:
        raise PermissionDeniedError(message)


def sheet_guard_can_import(*, user, report: Report) -> None:
    """PermissionDeniedError unless the user may import sheets into (or set the predecessor of) the report.
    Views call it before reading an upload."""
    _guard_filler(user=user, report=report, message="只有起草人和管理员可以导入指标表或设置上年报告。")


def _guard_can_set_predecessor(*, user, report: Report) -> None:
    _guard_filler(user=user, report=report, message="只有起草人和管理员可以设置上年报告。")


@transaction.atomic
def predecessor_set(
    *, report: Report, user, source_report: Report | None = None, data: bytes | None = None, filename: str = ""
) -> Predecessor:
    """Give ``report`` its predecessor: another report of the organisation, or an uploaded finished report
    (.docx/.txt) whose figures are read now. Replaces an earlier predecessor."""
    _guard_can_set_predecessor(user=user, report=report)
    if (source_report is None) == (data is None):
        raise ServiceError("请选择一份上年报告，或上传上年报告文件。")
    fields = {"source_report": None, "original_name": "", "figures": [], "set_by": user}
    if source_report is not None:
        usable = Report.objects.filter(pk=source_report.pk, organization_id=report.organization_id, deleted_at=None)
        if source_report.pk == report.pk or not usable.exists():  # another organisation's, or in the 回收站
            raise ServiceError("只能选择本单位的另一份报告。")
        fields["source_report"] = source_report
    else:
        if len(data) > MAX_REFERENCE_BYTES:
            raise ServiceError("文件过大（上限 20 MB）。")
        try:
            figures = figures_from_text(data, filename=filename or "report.txt")
        except ParseError as exc:
            raise ServiceError(exc.message) from None
        if not figures:
            raise ServiceError("未在文件中找到指标数据（如“生产总值完成312.6亿元，增长7.8%”）。")
        fields.update(original_name=filename[:255], figures=[f.as_dict() for f in figures])
    predecessor, _ = Predecessor.objects.update_or_create(report=report, defaults=fields)
    logger.info("report %s: predecessor set by %s (%s)", report.pk, user, predecessor.source_name)
    return predecessor


@transaction.atomic
def predecessor_clear(*, report: Report, user) -> None:
    _guard_can_set_predecessor(user=user, report=report)
    Predecessor.objects.filter(report=report).delete()
