"""Which review transition a section's state allows: one table for the services and the section page.

The services (apps/review/services.py) refuse a transition whose state is not in its set; the section page asks
:func:`section_allowed_actions` which forms to show instead of re-deciding from the status in the template.
"""

from __future__ import annotations

from dataclasses import dataclass

from apps.reports.models import SectionStatus

SUBMITTABLE = frozenset({SectionStatus.DRAFT, SectionStatus.RETURNED})
APPROVABLE = frozenset({SectionStatus.SUBMITTED})
RETURNABLE = frozenset({SectionStatus.SUBMITTED, SectionStatus.APPROVED})
REOPENABLE = frozenset({SectionStatus.APPROVED})
WITHDRAWABLE = frozenset({SectionStatus.SUBMITTED})


@dataclass(frozen=True)
class SectionActions:
    """The review forms the section page offers this user (the services still check every guard)."""

    submit: bool
    approve: bool
    send_back: bool  # 退回
    reopen: bool
    withdraw: bool
    assign: bool
    waiting: bool  # submitted, and this user can neither review nor withdraw it: 「已提交，等待审核」


def section_allowed_actions(*, status: str, can_work: bool, can_review: bool, is_admin: bool) -> SectionActions:
    return SectionActions(
        submit=can_work and status in SUBMITTABLE,
        approve=can_review and status in APPROVABLE,
        send_back=can_review and status in RETURNABLE,
        reopen=can_review and status in REOPENABLE,
        withdraw=can_work and status in WITHDRAWABLE,
        assign=is_admin,
        waiting=status == SectionStatus.SUBMITTED and not can_work and not can_review,
    )
