"""The report itself: its title and year (undoable), deletion into the 回收站, restoration, the purge.

Every change is guarded, atomic and written as a ReportChange row in the same transaction (ADR 0053).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from apps.accounts.selectors import membership_for_user
from apps.core.errors import ConflictError, PermissionDeniedError, ServiceError, StateError
from apps.reports import hooks
from apps.reports.models import Placeholder, Report, ReportChange

logger = logging.getLogger(__name__)

MAX_TITLE = 300
MIN_YEAR, MAX_YEAR = 1949, 2100


def _membership_of(*, user, report: Report):
    membership = membership_for_user(user=user)
    if membership is None or membership.organization_id != report.organization_id:
        raise PermissionDeniedError()
    return membership


def guard_can_edit_report(*, user, report: Report) -> None:
    """Admins of the report's organisation, and the drafter who created it, may rename it and set its year;
    reviewers and other drafters may not."""
    membership = _membership_of(user=user, report=report)
    if membership.is_admin or (membership.can_fill and report.created_by_id == user.pk):
        return
    raise PermissionDeniedError("只有报告的创建人和本单位管理员可以修改报告标题和年度。")


def guard_can_delete_report(*, user, report: Report) -> None:
    membership = _membership_of(user=user, report=report)
    if not membership.is_admin:
        raise PermissionDeniedError("只有本单位管理员可以删除或恢复报告。")


def _lock(report: Report) -> Report:
    return Report.objects.select_for_update().get(pk=report.pk)


def _guard_not_deleted(report: Report) -> None:
    if report.is_deleted:
        raise StateError("报告已删除，请先从回收站恢复。", code="deleted")


def _record(*, report: Report, user, action: str, summary: str, before: dict, after: dict, undo_of=None):
    change = ReportChange.objects.create(
        report=report, user=user, action=action, summary=summary[:300], before=before, after=after, undo_of=undo_of
    )
    logger.info("report %s: change %s (%s) by %s", report.pk, change.pk, action, user)
    return change


def clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ServiceError("报告标题不能为空。", code="title_empty")
    if len(title) > MAX_TITLE:
        raise ServiceError(f"报告标题不能超过 {MAX_TITLE} 个字（现为 {len(title)} 个字）。", code="title_long")
    return title


def clean_year(year) -> int | None:
    if year in (None, ""):
        return None
    try:
        year = int(str(year).strip())
    except ValueError:
        raise ServiceError("年度应为四位年份，如 2026。", code="year_invalid") from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ServiceError(f"年度应在 {MIN_YEAR} 至 {MAX_YEAR} 之间。", code="year_invalid")
    return year


def _title_placeholders(report: Report) -> list[Placeholder]:
    return list(Placeholder.objects.filter(report=report, field=Placeholder.Field.TITLE).order_by("order"))


@transaction.atomic
def report_update_details(*, report: Report, user, title: str, year, confirm_drop: bool = False) -> list[ReportChange]:
    """Set the report's title and year; one ReportChange row for each that changed (none when nothing did).

    Blanks in the parsed title point into it, so a new title drops them: with a filled one among them only
    with ``confirm_drop`` (ServiceError naming the values otherwise). Undoing the rename brings them back.
    """
    guard_can_edit_report(user=user, report=report)
    report = _lock(report)
    _guard_not_deleted(report)
    title, year = clean_title(title), clean_year(year)
    changes = []
    if title != report.title:
        from apps.reports.services_corrections import drop_placeholder

        blanks = _title_placeholders(report)
        filled = [p for p in blanks if p.value]
        if filled and not confirm_drop:
            values = "、".join(f"“{p.display_value}”" for p in filled)
            raise ServiceError(
                f"原标题中的待填项已填写 {values}，改标题后这些待填项将不再使用（可撤销）。请确认后再保存。",
                code="confirm_drop",
            )
        before = {"title": report.title, "title_placeholders": [drop_placeholder(p) for p in blanks]}
        report.title = title
        report.save(update_fields=["title", "updated_at"])
        changes.append(
            _record(
                report=report,
                user=user,
                action=ReportChange.Action.TITLE,
                summary=f"{before['title']} → {title}",
                before=before,
                after={"title": title},
            )
        )
    if year != report.year:
        old = report.year
        report.year = year
        report.save(update_fields=["year", "updated_at"])
        changes.append(
            _record(
                report=report,
                user=user,
                action=ReportChange.Action.YEAR,
                summary=f"{old or '未设置'} → {year or '未设置'}",
                before={"year": old},
                after={"year": year},
            )
        )
    return changes


@transaction.atomic
def report_change_undo(*, change: ReportChange, user) -> ReportChange:
    """Undo a title or year change: the value goes back to what it was (the title's blanks with it), recorded
    as a row of its own. StateError for a change that cannot be undone or was undone already; ConflictError
    when the value changed again since (undo the later change first)."""
    report = change.report
    guard_can_edit_report(user=user, report=report)
    report = _lock(report)
    _guard_not_deleted(report)
    change = ReportChange.objects.select_for_update().get(pk=change.pk)
    if not change.can_undo:
        raise StateError("这项修改不能撤销，或已经撤销过。", code="not_undoable")
    field = "title" if change.action == ReportChange.Action.TITLE else "year"
    if getattr(report, field) != change.after[field]:
        raise ConflictError("此后又修改过，请先撤销后来的修改。", current=report)
    setattr(report, field, change.before[field])
    report.save(update_fields=[field, "updated_at"])
    if field == "title":
        from apps.reports.services_corrections import restore_placeholder

        for snapshot in change.before.get("title_placeholders", []):
            restore_placeholder(snapshot)
    change.undone_at, change.undone_by = timezone.now(), user
    change.save(update_fields=["undone_at", "undone_by"])
    return _record(
        report=report,
        user=user,
        action=ReportChange.Action.UNDO,
        summary=f"{change.get_action_display()}：{change.summary}",
        before=change.after,
        after={field: change.before[field]},
        undo_of=change,
    )


@transaction.atomic
def report_delete(*, report: Report, user, now=None) -> Report:
    """Move the report into the 回收站 (admins of its organisation). Everything in it stays, restorable for
    settings.REPORT_RETENTION_DAYS days; every list leaves it out and its URLs answer 410 meanwhile."""
    guard_can_delete_report(user=user, report=report)
    report = _lock(report)
    _guard_not_deleted(report)
    report.deleted_at, report.deleted_by = now or timezone.now(), user
    report.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
    _record(
        report=report,
        user=user,
        action=ReportChange.Action.DELETE,
        summary=f"《{report.title}》",
        before={},
        after={"deleted_at": report.deleted_at.isoformat()},
    )
    return report


@transaction.atomic
def report_restore(*, report: Report, user) -> Report:
    """Bring a deleted report back from the 回收站 as it was (admins of its organisation)."""
    guard_can_delete_report(user=user, report=report)
    report = _lock(report)
    if not report.is_deleted:
        raise StateError("报告不在回收站中，无需恢复。", code="not_deleted")
    before = {"deleted_at": report.deleted_at.isoformat(), "deleted_by_id": report.deleted_by_id}
    report.deleted_at = report.deleted_by = None
    report.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
    _record(
        report=report,
        user=user,
        action=ReportChange.Action.RESTORE,
        summary=f"《{report.title}》（从回收站）",
        before=before,
        after={},
    )
    return report


def reports_purge_run(*, now=None) -> int:
    """Remove for good the reports deleted more than settings.REPORT_RETENTION_DAYS days before ``now``, each in
    its own transaction (the ``report_purge`` hooks first: drafts removes the uploaded files). Returns how many."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.REPORT_RETENTION_DAYS)
    purged = 0
    for pk in Report.objects.filter(deleted_at__lt=cutoff).values_list("pk", flat=True):
        with transaction.atomic():
            report = Report.objects.select_for_update().filter(pk=pk, deleted_at__lt=cutoff).first()
            if report is None:  # restored meanwhile
                continue
            hooks.call_all(hooks.REPORT_PURGE, report=report)
            logger.warning(
                "report %s (%s) purged: deleted at %s by %s", pk, report.title, report.deleted_at, report.deleted_by_id
            )
            report.delete()
            purged += 1
    return purged
