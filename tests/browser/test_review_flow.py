"""The review workflow end to end in Debian's chromium: assign, fill, submit, return, fix, approve, export."""

import time

import pytest
from django.core import mail
from playwright.sync_api import Error as PlaywrightError

from apps.accounts.models import Department
from apps.accounts.tests.factories import member
from apps.reports.models import Placeholder, Section, SectionStatus
from apps.review.models import Comment
from apps.review.services import section_approve, section_submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fill(page, placeholder, value):
    """Type a value and leave the field: the fill screen saves it (and may move on to the next section)."""
    selector = f"input[name=ph_{placeholder.pk}]"
    page.fill(selector, value)
    page.press(selector, "Tab")
    deadline = time.monotonic() + 15
    while Placeholder.objects.get(pk=placeholder.pk).value != value:
        assert time.monotonic() < deadline, f"{placeholder} not saved"
        time.sleep(0.1)


@pytest.fixture
def switch_user(page, sign_in):
    """Sign in as another user in the same browser: a fresh session, as after 退出."""

    def _switch(user):
        page.context.clear_cookies()
        sign_in(user)

    return _switch


def _open(page, url):
    """Go to ``url``, after any navigation the fill screen started by itself (it moves on when a section is full)."""
    page.wait_for_load_state("networkidle")
    try:
        page.goto(url)
    except PlaywrightError:  # aborted by a navigation that started meanwhile
        page.wait_for_load_state("networkidle")
        page.goto(url)


def _submit_button(page, form_id):
    return page.locator(f"#{form_id} input[type=submit]")


def test_two_departments_fill_a_reviewer_returns_one_and_the_final_export_opens(
    page, live_server, switch_user, settings, report, drafter, reviewer, admin_user, org, shots
):
    """GIVEN a report whose preamble the office already got approved, departments 财政局 and 统计局
    with one drafter each, a reviewer and an admin
    WHEN the admin assigns 一、 (with （一）) to 财政局 and 二、 to 统计局, both drafters fill and submit,
         the reviewer approves 财政局's sections and returns 二、 with a comment on its placeholder,
         the 统计局 drafter fixes the value, answers and submits again, and the reviewer approves
    THEN every section is approved, the drafter was told by inbox and e-mail, and the final export is offered.
    """
    settings.NOTIFICATION_EMAIL_ASYNC = False  # no worker here: send right after the commit
    finance = Department.objects.create(organization=org, name="财政局")
    stats = Department.objects.create(organization=org, name="统计局")
    finance_drafter = member(org, "drafter", "caizheng")
    finance_drafter.membership.departments.add(finance)
    stats_drafter = member(org, "drafter", "tongji")
    stats_drafter.email = "tongji@example.gov.cn"
    stats_drafter.save()
    stats_drafter.membership.departments.add(stats)
    preamble = report.sections.get(level=0)
    section_submit(section=preamble, user=drafter)
    section_approve(section=preamble, user=reviewer)
    part = report.sections.get(marker="一、")
    sub = report.sections.get(marker="（一）")
    problems = report.sections.get(marker="二、")

    # The admin assigns the two parts.
    switch_user(admin_user)
    page.goto(f"{live_server.url}{report.get_absolute_url()}")
    page.click("#review-links >> text=分配章节")
    page.select_option("select[name=section]", str(part.pk))
    page.select_option("select[name=department]", str(finance.pk))
    page.fill("input[name=due_date]", "2026-12-20")
    page.click("input[type=submit][value=保存分配]")
    page.wait_for_selector("text=已分配")
    page.select_option("select[name=section]", str(problems.pk))
    page.select_option("select[name=department]", str(stats.pk))
    page.fill("input[name=due_date]", "2020-01-10")  # already past: shown as overdue
    page.click("input[type=submit][value=保存分配]")
    page.wait_for_selector("text=已分配")
    page.screenshot(path=str(shots / "review-assign.png"), full_page=True)

    # 财政局 fills （一） and submits both of its sections.
    switch_user(finance_drafter)
    page.click("nav >> text=我的任务")
    assert "（一）经济运行稳中趋好" in page.inner_text("#my-assignments")
    assert "二、存在问题" not in page.inner_text("#my-assignments")
    page.click("#my-assignments >> text=（一）经济运行稳中趋好")
    for placeholder, value in zip(sub.placeholders.order_by("order"), ["123.4", "7.2", "3", "15"], strict=True):
        _fill(page, placeholder, value)
    _open(page, f"{live_server.url}{sub.get_absolute_url()}")
    _submit_button(page, "submit-form").click()
    page.wait_for_selector("#section-status:text('待审核')")
    page.goto(f"{live_server.url}{part.get_absolute_url()}")
    _submit_button(page, "submit-form").click()
    page.wait_for_selector("#section-status:text('待审核')")

    # 统计局 sees its overdue section and submits it.
    switch_user(stats_drafter)
    page.click("nav >> text=我的任务")
    page.screenshot(path=str(shots / "review-my-assignments.png"), full_page=True)
    assert "已逾期" in page.inner_text("#my-assignments")
    page.click("#my-assignments >> text=二、存在问题")
    revenue = problems.placeholders.get()
    _fill(page, revenue, "8.8")
    _open(page, f"{live_server.url}{problems.get_absolute_url()}")
    _submit_button(page, "submit-form").click()
    page.wait_for_selector("#section-status:text('待审核')")

    # The reviewer approves 财政局's sections, comments on 二、's value and returns it.
    switch_user(reviewer)
    page.goto(f"{live_server.url}{report.get_absolute_url()}")
    page.click("#review-links >> text=审核总览")
    page.screenshot(path=str(shots / "review-dashboard.png"), full_page=True)
    for section in (part, sub):
        page.goto(f"{live_server.url}{section.get_absolute_url()}")
        _submit_button(page, "approve-form").click()
        page.wait_for_selector("#section-status:text('已通过')")
    page.goto(f"{live_server.url}{problems.get_absolute_url()}")
    page.select_option("#comment-form select[name=placeholder]", str(revenue.pk))
    page.fill("#comment-form textarea[name=body]", "财政收入应为一般公共预算收入，请与财政局快报核对")
    _submit_button(page, "comment-form").click()
    page.wait_for_selector("text=已添加批注")
    page.fill("#return-form textarea[name=comment]", "财政收入数字有误，见批注")
    _submit_button(page, "return-form").click()
    page.wait_for_selector("#section-status:text('已退回')")
    assert any(m.to == ["tongji@example.gov.cn"] and "已退回" in m.subject for m in mail.outbox)

    # 统计局 is told, fixes the value, answers the comment and submits again.
    switch_user(stats_drafter)
    assert int(page.inner_text("#unread-count")) >= 2  # assigned, returned, comment
    page.click("#inbox-link")
    page.screenshot(path=str(shots / "review-inbox.png"), full_page=True)
    page.locator("#notifications li", has_text="已退回").locator("button:text('查看')").click()
    page.wait_for_selector("#comments >> text=财政收入应为一般公共预算收入")
    page.screenshot(path=str(shots / "review-comment.png"), full_page=True)
    _fill(page, revenue, "9.6")
    _open(page, f"{live_server.url}{problems.get_absolute_url()}")
    comment = Comment.objects.get()
    page.fill(f"#comment-{comment.pk} textarea[name=body]", "已按财政局快报改为 9.6 亿元")
    page.locator(f"#comment-{comment.pk} input[type=submit]").click()
    page.wait_for_selector("text=已回复")
    _submit_button(page, "submit-form").click()
    page.wait_for_selector("#section-status:text('待审核')")

    # The reviewer resolves the comment and approves; the final export is now offered.
    switch_user(reviewer)
    page.goto(f"{live_server.url}{problems.get_absolute_url()}")
    page.click(f"#comment-{comment.pk} button:text('标为已解决')")
    page.wait_for_selector("text=批注已标为已解决")
    _submit_button(page, "approve-form").click()
    page.wait_for_selector("#section-status:text('已通过')")
    assert not Section.objects.filter(report=report).exclude(status=SectionStatus.APPROVED).exists()
    page.goto(f"{live_server.url}/reports/{report.pk}/dashboard/")
    assert page.locator("button#export-final").count() == 1  # 定稿并导出: a POST, never a prefetchable link
    assert page.locator("#export-reasons").count() == 0
    page.screenshot(path=str(shots / "review-dashboard-done.png"), full_page=True)
    with page.expect_download() as download:
        page.click("button#export-final")
    assert download.value.suggested_filename.endswith("（定稿）.docx")
