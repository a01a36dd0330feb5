"""数据核对 in the browser: a wrong value brings a warning without a reload; correcting it takes it away."""

import pytest

from apps.parsing import parse_draft
from apps.reports.services import report_create_from_parse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DRAFT = """示范县2024年政府工作报告

一、2024年工作回顾
全县生产总值完成XX亿元，同比增长XX%。一般公共预算收入下降XX%，占全县生产总值的比重为XX%。
"""


def test_a_share_over_100_is_flagged_as_it_is_saved_and_the_flag_goes_when_corrected(
    page, live_server, sign_in, org, drafter, shots
):
    report = report_create_from_parse(
        organization=org, user=drafter, result=parse_draft(DRAFT.encode(), filename="draft.txt")
    )
    section = report.sections.get(level=1)
    share = next(p for p in section.placeholders.all() if section.body[: p.offset].endswith("比重为"))
    sign_in(drafter)
    page.goto(f"{live_server.url}{section.get_absolute_url()}")
    field = page.locator(f"#ph-{share.pk} input.ph-input")
    field.fill("120")
    field.press("Tab")
    panel = page.locator("#consistency-panel")
    panel.get_by_text("超出 0–100% 的范围").wait_for()
    page.screenshot(path=str(shots / "consistency-section.png"), full_page=True)
    field.fill("12.5")
    field.press("Tab")
    page.locator(f"#ph-{share.pk} .ph-status").get_by_text("已保存").wait_for()
    panel.get_by_text("超出").wait_for(state="detached")
    assert "数据核对" not in panel.inner_text()
