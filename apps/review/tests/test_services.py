import pytest

from apps.core.errors import PermissionDeniedError, ServiceError, StateError
from apps.reports.models import SectionStatus
from apps.review.models import SectionTransition
from apps.review.services import section_approve, section_reopen, section_return, section_submit


@pytest.fixture
def section(report):
    return report.sections.get(marker="（一）")


def test_submit_then_approve_records_each_transition(section, drafter, reviewer):
    section_submit(section=section, user=drafter)
    section = section_approve(section=section, user=reviewer, comment="数据已核对")
    assert section.status == SectionStatus.APPROVED
    steps = list(SectionTransition.objects.filter(section=section).order_by("id"))
    assert [(t.action, t.from_status, t.to_status, t.user) for t in steps] == [
        ("submit", "draft", "submitted", drafter),
        ("approve", "submitted", "approved", reviewer),
    ]
    assert steps[1].comment == "数据已核对"


def test_return_requires_a_comment(section, drafter, reviewer):
    section_submit(section=section, user=drafter)
    with pytest.raises(ServiceError) as exc:
        section_return(section=section, user=reviewer, comment="  ")
    assert exc.value.code == "comment_required"
    section.refresh_from_db()
    assert section.status == SectionStatus.SUBMITTED
    section_return(section=section, user=reviewer, comment="增速请核实")
    section.refresh_from_db()
    assert section.status == SectionStatus.RETURNED


def test_a_returned_section_can_be_submitted_again(section, drafter, reviewer):
    section_submit(section=section, user=drafter)
    section_return(section=section, user=reviewer, comment="请补充")
    section_submit(section=section, user=drafter)
    section.refresh_from_db()
    assert section.status == SectionStatus.SUBMITTED


def test_drafters_cannot_approve_or_return(section, drafter, drafter2):
    section_submit(section=section, user=drafter)
    with pytest.raises(PermissionDeniedError):
        section_approve(section=section, user=drafter2)
    with pytest.raises(PermissionDeniedError):
        section_return(section=section, user=drafter2, comment="x")


def test_nobody_approves_what_they_submitted(section, admin_user):
    section_submit(section=section, user=admin_user)
    with pytest.raises(PermissionDeniedError):
        section_approve(section=section, user=admin_user)


def test_transitions_from_the_wrong_state_are_refused(section, drafter, reviewer):
    with pytest.raises(StateError):
        section_approve(section=section, user=reviewer)
    section_submit(section=section, user=drafter)
    with pytest.raises(StateError):
        section_submit(section=section, user=drafter)
    with pytest.raises(StateError):
        section_reopen(section=section, user=reviewer)
    assert SectionTransition.objects.filter(section=section).count() == 1


def test_reopening_an_approved_section_makes_it_editable_again(section, drafter, reviewer):
    section_submit(section=section, user=drafter)
    section_approve(section=section, user=reviewer)
    section_reopen(section=section, user=reviewer, comment="数据更新")
    section.refresh_from_db()
    assert section.status == SectionStatus.DRAFT and section.is_editable


def test_outsiders_cannot_touch_the_workflow(section, outsider):
    with pytest.raises(PermissionDeniedError):
        section_submit(section=section, user=outsider)
