"""Issue 13 in Chromium: counters without reload, batch submit, the lock and 撤回, batch approve, a returned
section showing why it came back."""

import pytest

from apps.notifications.models import Notification
from apps.reports.models import Placeholder, Section, SectionStatus
from apps.review.services import section_return, section_submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _url(live_server, obj):
    return f"{live_server.url}{obj.get_absolute_url()}"


def _status(section):
    return Section.objects.get(pk=section.pk).status


def test_batch_submit_after_filling_with_counters_updating_without_reload(
    page, live_server, sign_in, report, drafter, shots
):
    """GIVEN an empty report WHEN the drafter fills （一） field by field THEN the section badge, the tree badge
    and the report total count down without a reload; WHEN they open 批量提交审核 THEN the ready sections are
    listed (ticked) and 二、 is listed as waiting; confirming submits them, and （一） is then locked with 撤回提交;
    撤回 makes it editable again."""
    section = report.sections.get(marker="（一）")
    problems = report.sections.get(marker="二、")
    sign_in(drafter)
    page.goto(_url(live_server, section))
    assert page.inner_text("#section-empty-count") == "未填 4"
    assert page.inner_text("#report-empty-count") == "5"
    navigations = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))
    values = ["123.4", "7.2", "3", "12"]
    for index, (ph, value) in enumerate(zip(section.placeholders.order_by("order"), values, strict=True)):
        page.fill(f"input[name=ph_{ph.pk}]", value)
        page.dispatch_event(f"input[name=ph_{ph.pk}]", "change")
        page.wait_for_selector(f"#ph-{ph.pk}.ph-state-saved")
        left = 3 - index
        assert page.inner_text("#section-empty-count") == f"未填 {left}"
        assert page.inner_text(f"#tree-count-{section.pk}") == f"{left}/4"
        assert page.inner_text("#report-empty-count") == str(left + 1)
    assert navigations == []  # no reload

    page.goto(_url(live_server, report))
    page.click("#batch-submit-link")
    page.wait_for_selector("#batch-ready")
    ready = page.locator("#batch-ready input[name=sections]")
    assert ready.count() == 3  # preamble, 一、 (no blanks) and （一）
    assert all(ready.nth(i).is_checked() for i in range(3))
    assert "二、" in page.inner_text("#batch-waiting") and "1 个待填项未填写" in page.inner_text("#batch-waiting")
    page.screenshot(path=str(shots / "review-batch-submit.png"), full_page=True)
    page.click("#batch-confirm")
    page.wait_for_selector(".alert-success")
    assert "已提交审核 3 个章节" in page.inner_text(".alert-success")
    assert _status(section) == SectionStatus.SUBMITTED and _status(problems) == SectionStatus.DRAFT

    page.goto(_url(live_server, section))
    assert page.locator("input.ph-input").count() == 0
    assert "内容已锁定" in page.inner_text("#locked-submitted")
    page.screenshot(path=str(shots / "review-submitted-locked.png"), full_page=True)
    page.click("#withdraw-form button")
    page.wait_for_selector("input.ph-input")
    assert _status(section) == SectionStatus.DRAFT


def test_batch_approve_approves_what_is_on_the_screen_and_notifies_once(
    page, live_server, sign_in, report, drafter, reviewer, shots
):
    """GIVEN every section submitted WHEN the reviewer opens 批量审核通过 and confirms THEN every section is
    approved and the drafter has one notification for the batch."""
    for s in report.sections.all():
        for ph in s.placeholders.all():
            Placeholder.objects.filter(pk=ph.pk).update(value="1")
        section_submit(section=s, user=drafter)
    Notification.objects.all().delete()
    sign_in(reviewer)
    page.goto(_url(live_server, report))
    page.click("#batch-approve-link")
    page.wait_for_selector("#batch-ready")
    assert page.locator("#batch-ready input[name=sections]").count() == 4
    page.screenshot(path=str(shots / "review-batch-approve.png"), full_page=True)
    page.click("#batch-confirm")
    page.wait_for_selector(".alert-success")
    assert "已审核通过 4 个章节" in page.inner_text(".alert-success")
    assert report.sections.exclude(status=SectionStatus.APPROVED).count() == 0
    assert Notification.objects.filter(recipient=drafter).count() == 1


def test_a_returned_section_shows_its_comment_at_the_top_and_in_the_tree(
    page, live_server, sign_in, report, drafter, reviewer, shots
):
    section = report.sections.get(marker="（一）")
    for ph in section.placeholders.all():
        Placeholder.objects.filter(pk=ph.pk).update(value="1")
    section_submit(section=section, user=drafter)
    section_return(section=section, user=reviewer, comment="增速与统计局快报不一致，请核对后再提交。")
    sign_in(drafter)
    page.goto(_url(live_server, section))
    note = page.locator("#return-note")
    assert "增速与统计局快报不一致" in note.inner_text()
    # At the top: above the text of the section.
    assert note.bounding_box()["y"] < page.locator("#fill-form").bounding_box()["y"]
    assert "退回意见：增速与统计局快报不一致" in page.inner_text(f"#tree-return-{section.pk}")
    page.screenshot(path=str(shots / "review-returned.png"), full_page=True)


def test_the_report_lists_the_blanks_that_stop_the_final_export(
    page, live_server, sign_in, report, drafter, reviewer, shots
):
    """GIVEN every section approved, 二、's blank left open with a reason WHEN the reviewer opens the report
    THEN the blank is listed with its section and reason; its link opens the section at the field, where the
    reviewer reopens it and the drafter fills it; then the list is gone and 定稿并导出 is enabled."""
    from apps.review.services import section_approve

    problems = report.sections.get(marker="二、")
    for s in report.sections.all():
        if s.pk == problems.pk:
            section_submit(section=s, user=drafter, left_open_reason="统计局年报未发布")
        else:
            for ph in s.placeholders.all():
                Placeholder.objects.filter(pk=ph.pk).update(value="1")
            section_submit(section=s, user=drafter)
        section_approve(section=s, user=reviewer)
    blank = problems.placeholders.get()
    sign_in(reviewer)
    page.goto(_url(live_server, report))
    listing = page.locator("#empty-blanks")
    assert "统计局年报未发布" in listing.inner_text() and "二、存在问题" in listing.inner_text()
    assert page.is_disabled("#export-final")
    page.screenshot(path=str(shots / "review-empty-blanks.png"), full_page=True)
    page.click("#empty-blanks .empty-blank-fill")
    page.wait_for_url(f"**{problems.get_absolute_url()}#ph-{blank.pk}")
    page.fill("#reopen-form textarea[name=comment]", "统计局年报已发布，补填财政收入")
    page.click("#reopen-form input[type=submit]")
    page.wait_for_selector(".alert-success")
    assert _status(problems) == SectionStatus.DRAFT
