"""The report's own status: 编辑中 → 已定稿 (report_finalize) and back (report_back_to_drafting), each recorded as a
ReportTransition in the same transaction."""

from __future__ import annotations

import logging

from django.db import transaction

from apps.accounts.selectors import membership_for_user
from apps.core.errors import PermissionDeniedError, StateError
from apps.reports.models import (
    Report,
    ReportTransition,
)
from apps.reports.selectors import report_final_readiness

logger = logging.getLogger(__name__)


def _record_report(*, report: Report, user, action: str, from_status: str, comment: str = "") -> None:
    ReportTransition.objects.create(
        report=report, user=user, action=action, from_status=from_status, to_status=report.status, comment=comment
    )
    logger.info("report %s: %s → %s by %s (%s)", report.pk, from_status, report.status, user, action)


@transaction.atomic
def report_finalize(*, report: Report, user) -> Report:
    """编辑中 → 已定稿, by a member of the report's organisation, once every section is approved and every
    placeholder filled (StateError otherwise). Finalizing a finalized report changes nothing.
    """
    membership = membership_for_user(user=user)
    if membership is None or membership.organization_id != report.organization_id:
        raise PermissionDeniedError()
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status == Report.Status.FINALIZED:
        return report
    readiness = report_final_readiness(report=report)
    if not readiness.ready:
        raise StateError("还不能定稿：" + "".join(readiness.reasons), code="not_ready")
    from_status = report.status
    report.status = Report.Status.FINALIZED
    report.save(update_fields=["status", "updated_at"])
    _record_report(report=report, user=user, action=ReportTransition.Action.FINALIZE, from_status=from_status)
    return report


@transaction.atomic
def report_back_to_drafting(*, report: Report, user, reason: str) -> Report:
    """已定稿 → 编辑中, when a section of a finalized report is returned or reopened (the callers guard who may).

    A report still being drafted is left as it is, with no record.
    """
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != Report.Status.FINALIZED:
        return report
    from_status = report.status
    report.status = Report.Status.DRAFTING
    report.save(update_fields=["status", "updated_at"])
    _record_report(
        report=report, user=user, action=ReportTransition.Action.REOPEN, from_status=from_status, comment=reason
    )
    return report
