import pytest

from apps.reports.models import SectionStatus
from apps.review.rules import section_allowed_actions

D, S, A, R = SectionStatus.DRAFT, SectionStatus.SUBMITTED, SectionStatus.APPROVED, SectionStatus.RETURNED


@pytest.mark.parametrize(
    ("status", "can_work", "can_review", "expected"),
    [
        (D, True, False, {"submit"}),
        (R, True, False, {"submit"}),
        (S, True, False, {"withdraw"}),
        (S, False, False, {"waiting"}),
        (S, False, True, {"approve", "send_back"}),
        (A, False, True, {"send_back", "reopen"}),
        (A, True, False, set()),
        (D, False, True, set()),
    ],
)
def test_the_section_page_offers_what_the_state_allows(status, can_work, can_review, expected):
    actions = section_allowed_actions(status=status, can_work=can_work, can_review=can_review, is_admin=False)
    offered = {
        name for name in ("submit", "approve", "send_back", "reopen", "withdraw", "waiting") if getattr(actions, name)
    }
    assert offered == expected
    assert not actions.assign


def test_only_an_admin_is_offered_the_assignment_link():
    assert section_allowed_actions(status=D, can_work=True, can_review=True, is_admin=True).assign
