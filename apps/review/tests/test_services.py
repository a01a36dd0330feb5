"""The section workflow: every transition, and every refusal, with its audit row."""

import pytest

from apps.core.errors import ConflictError, PermissionDeniedError, ServiceError, StateError
from apps.reports.models import Report, ReportTransition, Section, SectionStatus
from apps.reports.services import section_edit_body
from apps.reports.services_report_status import report_finalize
from apps.review.models import PlaceholderLeftOpen, SectionTransition
from apps.review.services import section_approve, section_reopen, section_return, section_submit, section_withdraw
from apps.review.services_assignment import assignment_set
from apps.review.tests.conftest import fill


def _steps(section):
    return [
        (t.action, t.from_status, t.to_status, t.user)
        for t in SectionTransition.objects.filter(section=section).order_by("id")
    ]


def _submitted(section, drafter):
    fill(section, drafter)
    return section_submit(section=section, user=drafter)


def test_submit_then_approve_records_each_transition(section, drafter, reviewer):
    _submitted(section, drafter)
    section = section_approve(section=section, user=reviewer, comment="数据已核对")
    assert section.status == SectionStatus.APPROVED
    assert _steps(section) == [
        ("submit", "draft", "submitted", drafter),
        ("approve", "submitted", "approved", reviewer),
    ]
    assert SectionTransition.objects.filter(section=section).order_by("id")[1].comment == "数据已核对"


def test_submit_is_refused_while_placeholders_are_empty(section, drafter):
    """GIVEN a section with one empty placeholder WHEN the drafter submits without a reason
    THEN it is refused with the count and the label, and nothing is recorded."""
    fill(section, drafter, **{"引进项目（个）": ""})
    with pytest.raises(StateError) as exc:
        section_submit(section=section, user=drafter)
    assert exc.value.code == "empty_placeholders"
    assert "1 个待填项未填写" in exc.value.message and "引进项目（个）" in exc.value.message
    section.refresh_from_db()
    assert section.status == SectionStatus.DRAFT
    assert not SectionTransition.objects.exists()


def test_submit_with_a_reason_marks_the_empty_placeholders_left_open(section, drafter):
    fill(section, drafter, **{"引进项目（个）": ""})
    section_submit(section=section, user=drafter, left_open_reason="招商局数据下月公布")
    mark = PlaceholderLeftOpen.objects.get()
    assert (mark.placeholder.label, mark.reason, mark.marked_by) == ("引进项目（个）", "招商局数据下月公布", drafter)
    transition = SectionTransition.objects.get()
    assert transition.comment == "有意留空 1 项：招商局数据下月公布"


def test_placeholders_left_open_once_need_no_new_reason(section, drafter, reviewer):
    fill(section, drafter, **{"引进项目（个）": ""})
    section_submit(section=section, user=drafter, left_open_reason="待统计局核定")
    section_return(section=section, user=reviewer, comment="请补充说明")
    section_submit(section=section, user=drafter)
    section.refresh_from_db()
    assert section.status == SectionStatus.SUBMITTED


def test_return_requires_a_comment(section, drafter, reviewer):
    _submitted(section, drafter)
    with pytest.raises(ServiceError) as exc:
        section_return(section=section, user=reviewer, comment="  ")
    assert exc.value.code == "comment_required"
    section.refresh_from_db()
    assert section.status == SectionStatus.SUBMITTED
    section_return(section=section, user=reviewer, comment="增速请核实")
    section.refresh_from_db()
    assert section.status == SectionStatus.RETURNED
    assert _steps(section)[-1] == ("return", "submitted", "returned", reviewer)


def test_a_returned_section_is_edited_and_submitted_again(section, drafter, reviewer):
    _submitted(section, drafter)
    section_return(section=section, user=reviewer, comment="请补充")
    fill(section, drafter, **{"引进项目（个）": "9"})
    section_submit(section=section, user=drafter)
    section.refresh_from_db()
    assert section.status == SectionStatus.SUBMITTED
    assert [s[0] for s in _steps(section)] == ["submit", "return", "submit"]


def test_an_approved_section_can_be_returned_with_a_comment(section, drafter, reviewer):
    _submitted(section, drafter)
    section_approve(section=section, user=reviewer)
    section_return(section=section, user=reviewer, comment="与统计公报不一致")
    section.refresh_from_db()
    assert section.status == SectionStatus.RETURNED


# One test per guard: in each, the refused call passes every other guard of the service, so removing
# that one guard (and only it) makes the test fail.


def test_a_drafter_cannot_approve(section, drafter, drafter2):
    """drafter2 neither submitted nor edited the section, which is submitted: only the role guard refuses."""
    _submitted(section, drafter)
    with pytest.raises(PermissionDeniedError, match="只有审核人"):
        section_approve(section=section, user=drafter2)
    assert Section.objects.get(pk=section.pk).status == SectionStatus.SUBMITTED


def test_a_drafter_cannot_return(section, drafter, drafter2):
    _submitted(section, drafter)
    with pytest.raises(PermissionDeniedError, match="只有审核人"):
        section_return(section=section, user=drafter2, comment="请核实")
    assert Section.objects.get(pk=section.pk).status == SectionStatus.SUBMITTED


def test_a_drafter_cannot_reopen(section, drafter, drafter2, reviewer):
    """The section is approved (the only state reopen accepts) and a reason is given."""
    _submitted(section, drafter)
    section_approve(section=section, user=reviewer)
    with pytest.raises(PermissionDeniedError, match="只有审核人"):
        section_reopen(section=section, user=drafter2, comment="数据更新")
    assert Section.objects.get(pk=section.pk).status == SectionStatus.APPROVED


def test_reviewers_cannot_submit(section, drafter, reviewer):
    """Everything is filled and the section is a draft: only the role guard refuses."""
    fill(section, drafter)
    with pytest.raises(PermissionDeniedError, match="审核人不能"):
        section_submit(section=section, user=reviewer)
    assert Section.objects.get(pk=section.pk).status == SectionStatus.DRAFT


def test_nobody_approves_what_they_submitted(section, drafter, admin_user):
    """GIVEN a drafter filled every value and an admin (who may also review) only submitted
    WHEN that admin approves THEN it is refused because they submitted it (they edited nothing)."""
    fill(section, drafter)
    section_submit(section=section, user=admin_user)
    with pytest.raises(PermissionDeniedError, match="自己提交"):
        section_approve(section=section, user=admin_user)
    assert Section.objects.get(pk=section.pk).status == SectionStatus.SUBMITTED


def test_a_reviewer_cannot_approve_their_own_text_edits(section, drafter, admin_user):
    """An edit of the body text (not only of a value) bars the editor from approving."""
    from apps.reports.tokens import tokenize

    fill(section, drafter)
    body_ph = list(section.placeholders.filter(field="body").order_by("order"))
    section_edit_body(section=section, text=tokenize(section.body, body_ph) + "新增一句。", user=admin_user)
    section_submit(section=section, user=drafter)
    with pytest.raises(PermissionDeniedError, match="修改过本节"):
        section_approve(section=section, user=admin_user)


def test_a_reviewer_cannot_approve_their_own_edits(section, drafter, admin_user, reviewer):
    """GIVEN an admin (who may both fill and review) changed a value of a section a drafter submitted
    WHEN the admin approves THEN it is refused; another reviewer may approve."""
    fill(section, drafter)
    fill(section, admin_user, **{"引进项目（个）": "11"})
    section_submit(section=section, user=drafter)
    with pytest.raises(PermissionDeniedError, match="修改过本节"):
        section_approve(section=section, user=admin_user)
    section_approve(section=section, user=reviewer)


def test_edits_approved_before_do_not_bar_the_editor_later(section, drafter, admin_user, reviewer):
    """GIVEN an admin's edits were approved by another reviewer, then the section was reopened and
    edited by a drafter WHEN the admin approves it THEN it passes: only edits since the last approval count."""
    fill(section, admin_user)
    section_submit(section=section, user=drafter)
    section_approve(section=section, user=reviewer)
    section_reopen(section=section, user=reviewer, comment="数据更新")
    fill(section, drafter, **{"引进项目（个）": "12"})
    section_submit(section=section, user=drafter)
    section = section_approve(section=section, user=admin_user)
    assert Section.objects.get(pk=section.pk).status == SectionStatus.APPROVED
    assert _steps(section)[-1] == ("approve", "submitted", "approved", admin_user)


def test_an_approval_is_bound_to_the_version_the_reviewer_saw(section, drafter, reviewer):
    """GIVEN a reviewer opened a submitted section at version v WHEN the drafter withdraws it, changes a
    value and submits again, and the reviewer then approves with v THEN it is refused as stale; with the
    new version it passes."""
    _submitted(section, drafter)
    section.refresh_from_db()
    seen = section.version
    section_withdraw(section=section, user=drafter)
    fill(section, drafter, **{"引进项目（个）": "99"})
    section_submit(section=section, user=drafter)
    with pytest.raises(ConflictError) as exc:
        section_approve(section=section, user=reviewer, seen_version=seen)
    assert exc.value.code == "stale_version"
    section.refresh_from_db()
    assert section.status == SectionStatus.SUBMITTED
    section_approve(section=section, user=reviewer, seen_version=section.version)


def test_a_text_edit_also_makes_the_seen_version_stale(section, drafter, reviewer):
    _submitted(section, drafter)
    section.refresh_from_db()
    seen = section.version
    from apps.reports.tokens import tokenize

    section_withdraw(section=section, user=drafter)
    body_ph = list(section.placeholders.filter(field="body").order_by("order"))
    section_edit_body(section=section, text=tokenize(section.body, body_ph) + "新增一句。", user=drafter)
    section_submit(section=section, user=drafter)
    with pytest.raises(ConflictError):
        section_approve(section=section, user=reviewer, seen_version=seen)


def test_transitions_from_the_wrong_state_are_refused(section, drafter, reviewer):
    with pytest.raises(StateError):
        section_approve(section=section, user=reviewer)
    with pytest.raises(StateError):
        section_return(section=section, user=reviewer, comment="x")
    _submitted(section, drafter)
    with pytest.raises(StateError):
        section_submit(section=section, user=drafter)
    with pytest.raises(StateError):
        section_reopen(section=section, user=reviewer, comment="x")
    section_approve(section=section, user=reviewer)
    with pytest.raises(StateError):
        section_approve(section=section, user=reviewer)
    with pytest.raises(StateError):
        section_submit(section=section, user=drafter)
    assert SectionTransition.objects.filter(section=section).count() == 2


def test_reopening_requires_a_reason_and_makes_the_section_editable_again(section, drafter, reviewer):
    _submitted(section, drafter)
    section_approve(section=section, user=reviewer)
    with pytest.raises(ServiceError) as exc:
        section_reopen(section=section, user=reviewer, comment=" ")
    assert exc.value.code == "reason_required"
    section_reopen(section=section, user=reviewer, comment="数据更新")
    section.refresh_from_db()
    assert section.status == SectionStatus.DRAFT and section.is_editable
    assert _steps(section)[-1] == ("reopen", "approved", "draft", reviewer)
    assert SectionTransition.objects.filter(section=section).first().comment == "数据更新"


def _finalized(report, drafter, reviewer):
    for section in report.sections.all():
        fill(section, drafter)
        section_submit(section=section, user=drafter)
        section_approve(section=section, user=reviewer)
    return report_finalize(report=report, user=reviewer)


def _report_steps(report):
    return [
        (t.action, t.from_status, t.to_status, t.user, t.comment)
        for t in ReportTransition.objects.filter(report=report).order_by("id")
    ]


@pytest.mark.parametrize("how", ["reopen", "return"])
def test_returning_or_reopening_brings_a_finalized_report_back_to_drafting(section, drafter, reviewer, how):
    """GIVEN a finalized report WHEN a reviewer reopens or returns one of its sections
    THEN the report is back to 编辑中, with a ReportTransition saying who and why."""
    report = _finalized(section.report, drafter, reviewer)
    if how == "reopen":
        section_reopen(section=section, user=reviewer, comment="数据更新")
    else:
        section_return(section=section, user=reviewer, comment="增速有误")
    assert Report.objects.get(pk=report.pk).status == Report.Status.DRAFTING
    why = {
        "reopen": "“（一）经济运行稳中趋好”重新打开：数据更新",
        "return": "“（一）经济运行稳中趋好”退回修改：增速有误",
    }[how]
    assert _report_steps(report) == [
        ("finalize", "drafting", "finalized", reviewer, ""),
        ("reopen", "finalized", "drafting", reviewer, why),
    ]


def test_a_section_reopened_in_a_report_being_drafted_records_no_report_transition(section, drafter, reviewer):
    _submitted(section, drafter)
    section_approve(section=section, user=reviewer)
    section_reopen(section=section, user=reviewer, comment="数据更新")
    assert not ReportTransition.objects.exists()


def test_finalizing_twice_records_once_and_outsiders_cannot(report, drafter, reviewer, outsider):
    _finalized(report, drafter, reviewer)
    report_finalize(report=report, user=drafter)
    assert len(_report_steps(report)) == 1
    with pytest.raises(PermissionDeniedError):
        report_finalize(report=report, user=outsider)


def test_finalizing_is_atomic(report, drafter, reviewer, monkeypatch):
    """A failure while writing the history row leaves the report as it was."""
    for section in report.sections.all():
        fill(section, drafter)
        section_submit(section=section, user=drafter)
        section_approve(section=section, user=reviewer)

    def boom(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("apps.reports.services_report_status._record_report", boom)
    with pytest.raises(RuntimeError):
        report_finalize(report=report, user=reviewer)
    assert Report.objects.get(pk=report.pk).status == Report.Status.DRAFTING


def test_overlong_comments_are_refused(section, drafter, reviewer):
    _submitted(section, drafter)
    with pytest.raises(ServiceError):
        section_return(section=section, user=reviewer, comment="长" * 2001)


def test_outsiders_cannot_touch_the_workflow(section, drafter, reviewer, outsider):
    with pytest.raises(PermissionDeniedError):
        section_submit(section=section, user=outsider)
    _submitted(section, drafter)
    for call in (
        lambda: section_approve(section=section, user=outsider),
        lambda: section_return(section=section, user=outsider, comment="x"),
    ):
        with pytest.raises(PermissionDeniedError):
            call()


def test_only_the_assigned_department_or_person_submits(section, admin_user, finance, finance_drafter, stats_drafter):
    """GIVEN （一） assigned to 财政局 WHEN a 统计局 drafter submits THEN 403; a 财政局 drafter may."""
    assignment_set(section=section, user=admin_user, department=finance)
    fill(section, finance_drafter)
    with pytest.raises(PermissionDeniedError, match="已分配给其他"):
        section_submit(section=section, user=stats_drafter)
    section_submit(section=section, user=finance_drafter)


def test_a_section_assigned_to_a_person_is_theirs(section, admin_user, drafter, drafter2):
    assignment_set(section=section, user=admin_user, assignee=drafter2)
    fill(section, drafter2)
    with pytest.raises(PermissionDeniedError):
        section_submit(section=section, user=drafter)
    section_submit(section=section, user=drafter2)


def test_transitions_are_atomic(section, drafter, reviewer, monkeypatch):
    """A failure after the status change (here: writing the audit row) leaves the section as it was."""
    _submitted(section, drafter)

    def boom(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("apps.review.services._record", boom)
    with pytest.raises(RuntimeError):
        section_approve(section=section, user=reviewer)
    assert Section.objects.get(pk=section.pk).status == SectionStatus.SUBMITTED
