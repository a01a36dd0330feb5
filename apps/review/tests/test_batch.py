"""Issue 13 item 3: batch submit and batch approve, with one notification per batch."""

import pytest
from django.urls import reverse

from apps.core.errors import PermissionDeniedError
from apps.notifications.models import Notification
from apps.reports.models import Section, SectionStatus
from apps.review.models import SectionTransition
from apps.review.selectors_batch import batch_approve_candidates, batch_submit_candidates
from apps.review.services import section_submit, section_withdraw
from apps.review.services_batch import sections_approve_batch, sections_submit_batch
from apps.review.services_comment import comment_create
from apps.review.tests.conftest import fill


def _status(section):
    return Section.objects.get(pk=section.pk).status


def test_batch_submit_lists_complete_sections_and_submits_them_with_one_notification(
    report, section, section2, drafter, reviewer, reviewer2
):
    """GIVEN （一） fully filled, 二、 with an empty blank, and the two headings without blanks
    WHEN the drafter batch-submits the ready list THEN （一） and the two headings are submitted, 二、 is
    listed as waiting, and each reviewer gets one notification for the batch."""
    fill(section, drafter)
    candidates = batch_submit_candidates(report=report, user=drafter)
    assert section in candidates.ready and section2 not in candidates.ready
    assert [s for s, _ in candidates.waiting] == [section2] and "1 个待填项未填写" in candidates.waiting[0][1]
    outcome = sections_submit_batch(report=report, user=drafter, section_ids=[s.pk for s in candidates.ready])
    assert len(outcome.done) == 3 and not outcome.skipped
    assert _status(section) == SectionStatus.SUBMITTED and _status(section2) == SectionStatus.DRAFT
    assert SectionTransition.objects.filter(action="submit").count() == 3
    for person in (reviewer, reviewer2):
        notes = Notification.objects.filter(recipient=person)
        assert notes.count() == 1 and "3 个章节" in notes.get().title


def test_batch_submit_skips_an_incomplete_section_with_its_reason(report, section, section2, drafter):
    fill(section, drafter)
    outcome = sections_submit_batch(report=report, user=drafter, section_ids=[section.pk, section2.pk])
    assert outcome.done == [section]
    assert [s.pk for s, _ in outcome.skipped] == [section2.pk] and "未填写" in outcome.skipped[0][1]
    assert _status(section2) == SectionStatus.DRAFT


def test_a_reviewer_may_not_batch_submit(report, section, drafter, reviewer):
    fill(section, drafter)
    with pytest.raises(PermissionDeniedError):
        sections_submit_batch(report=report, user=reviewer, section_ids=[section.pk])
    assert _status(section) == SectionStatus.DRAFT


def _all_submitted(report, drafter):
    for s in report.sections.all():
        fill(s, drafter)
        section_submit(section=s, user=drafter)
    Notification.objects.all().delete()


def test_batch_approve_skips_sections_with_open_comments_and_notifies_once(report, section, drafter, reviewer):
    """GIVEN every section submitted and one with an open comment WHEN the reviewer batch-approves THEN the
    others are approved (each transition bound to its version), the commented one is not offered, and the
    drafter gets one notification."""
    _all_submitted(report, drafter)
    comment_create(section=section, user=reviewer, body="增速请核对")
    Notification.objects.all().delete()
    candidates = batch_approve_candidates(report=report, user=reviewer)
    assert section not in candidates.ready and [s for s, _ in candidates.waiting] == [section]
    outcome = sections_approve_batch(
        report=report, user=reviewer, seen_versions={s.pk: s.version for s in candidates.ready}
    )
    assert len(outcome.done) == 3
    assert _status(section) == SectionStatus.SUBMITTED
    assert report.sections.filter(status=SectionStatus.APPROVED).count() == 3
    notes = Notification.objects.filter(recipient=drafter)
    assert notes.count() == 1 and "3 个章节" in notes.get().title
    # Even if posted, the commented section is not approved.
    outcome = sections_approve_batch(report=report, user=reviewer, seen_versions={section.pk: section.version})
    assert not outcome.done and "批注" in outcome.skipped[0][1]


def test_batch_approve_is_bound_to_the_version_on_the_screen(report, section, section2, drafter, reviewer):
    """GIVEN the reviewer's list shows （一） at version v WHEN the drafter withdraws, changes and resubmits it
    before the reviewer confirms THEN （一） is skipped as changed and 二、 is approved."""
    _all_submitted(report, drafter)
    seen = {s.pk: s.version for s in batch_approve_candidates(report=report, user=reviewer).ready}
    section_withdraw(section=section, user=drafter)
    fill(section, drafter, **{"引进项目（个）": "99"})
    section_submit(section=section, user=drafter)
    outcome = sections_approve_batch(report=report, user=reviewer, seen_versions=seen)
    assert section.pk in [s.pk for s, _ in outcome.skipped] and "又有修改" in outcome.skipped[0][1]
    assert _status(section) == SectionStatus.SUBMITTED and _status(section2) == SectionStatus.APPROVED


def test_batch_screens_over_http(login, report, section, section2, drafter, reviewer):
    """GIVEN （一） filled WHEN the drafter opens 批量提交审核 THEN it lists the ready sections, ticked, and
    二、 as waiting; posting submits them. The reviewer's 批量审核通过 posts each version and approves."""
    fill(section, drafter)
    client = login(drafter)
    url = reverse("review:batch_submit", args=[report.pk])
    page = client.get(url).content.decode()
    assert f'name="sections" value="{section.pk}"' in page and "暂不包括" in page and "1 个待填项未填写" in page
    assert f'name="sections" value="{section2.pk}"' not in page
    response = client.post(url, {"sections": [section.pk]})
    assert response.status_code == 302 and _status(section) == SectionStatus.SUBMITTED
    client.logout()
    client = login(reviewer)
    url = reverse("review:batch_approve", args=[report.pk])
    page = client.get(url).content.decode()
    assert f'name="v_{section.pk}" value="{Section.objects.get(pk=section.pk).version}"' in page
    response = client.post(url, {"sections": [section.pk], f"v_{section.pk}": "999"})
    assert response.status_code == 302 and _status(section) == SectionStatus.SUBMITTED
    version = Section.objects.get(pk=section.pk).version
    client.post(url, {"sections": [section.pk], f"v_{section.pk}": str(version)})
    assert _status(section) == SectionStatus.APPROVED
