"""校对建议 in the browser: the section page marks the suspected word; accepting it changes the text."""

import pytest

from apps.parsing import parse_draft
from apps.proofreading.models import Suggestion
from apps.reports.services import report_create_from_parse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DRAFT = """县政府工作总结

一、经济运行
全县经济社会保持了健康快速的开展势头，财政总收入完成XX亿元。现代效劳业不断做强，根底设施不断完善。
"""


def test_accepting_one_suggestion_on_the_section_page(page, live_server, sign_in, org, drafter, shots):
    """GIVEN a converted draft with 开展势头
    WHEN the drafter accepts 开展→发展 on the section page
    THEN the page shows 发展势头, the suggestion is gone and the blank is still there."""
    report = report_create_from_parse(
        organization=org, user=drafter, result=parse_draft(DRAFT.encode(), filename="draft.txt")
    )
    section = report.sections.get(level=1)
    suggestion = Suggestion.objects.get(section=section, original="开展")
    sign_in(drafter)
    page.goto(f"{live_server.url}{section.get_absolute_url()}")
    row = page.locator(f"#proof-{suggestion.pk}")
    assert row.locator("mark").inner_text() == "开展"
    assert "疑似格式转换错词：开展→发展" in row.inner_text()
    row.scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "proofreading-section.png"), full_page=True)
    row.locator("button.proof-accept").click()
    page.get_by_text("已接受：开展→发展").wait_for()
    assert page.locator(f"#proof-{suggestion.pk}").count() == 0
    assert "健康快速的发展势头" in page.locator(".body-paragraph").first.inner_text()
    section.refresh_from_db()
    assert "发展势头" in section.body and section.placeholders.count() == 1


def test_the_report_list_accepts_all_of_one_kind(page, live_server, sign_in, org, drafter, shots):
    """GIVEN a converted draft
    WHEN the drafter filters the report's 校对建议 to 疑似格式转换错词 and accepts them all
    THEN no converter suggestion is left and the text reads 发展势头 and 现代服务业."""
    report = report_create_from_parse(
        organization=org, user=drafter, result=parse_draft(DRAFT.encode(), filename="draft.txt")
    )
    sign_in(drafter)
    page.goto(f"{live_server.url}{report.get_absolute_url()}")
    page.locator("#proof-link").click()
    page.locator("#proof-kinds").get_by_text("疑似格式转换错词").click()
    page.screenshot(path=str(shots / "proofreading-report.png"), full_page=True)
    page.locator("#proof-accept-all").click()
    page.get_by_text("已接受 3 条建议").wait_for()
    body = report.sections.get(level=1).body
    assert "发展势头" in body and "现代服务业" in body and "基础设施" in body
    assert not Suggestion.objects.filter(report=report, kind="converter", status="open").exists()
