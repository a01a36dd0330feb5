from pathlib import Path

import pytest

from apps.reports.models import Placeholder

DOCS = Path(__file__).resolve().parents[2] / "docs" / "images"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_drafter_fills_a_section_and_sees_errors_in_chinese(page, live_server, sign_in, report, drafter):
    """GIVEN a report with an indicator sentence
    WHEN the drafter types values in place, one of them invalid, and saves
    THEN the invalid one is refused with a Chinese message next to it and the valid ones are kept after a reload.
    """
    sign_in(drafter)
    page.click(f"text={report.title}")
    page.click("text=（一）经济运行稳中趋好")
    gdp = Placeholder.objects.get(report=report, label="全县生产总值（亿元）")
    rank = Placeholder.objects.get(report=report, kind="rank")
    page.fill(f"input[name=ph_{gdp.pk}]", "１２３.4")
    page.fill(f"input[name=ph_{rank.pk}]", "第三点五")
    page.click("button:text('保存')")
    assert page.locator(".ph-error").first.inner_text().startswith("位次应为正整数")
    page.fill(f"input[name=ph_{rank.pk}]", "3")
    page.click("button:text('保存')")
    page.wait_for_selector("text=已保存")
    page.reload()
    assert page.input_value(f"input[name=ph_{gdp.pk}]") == "123.4"
    assert page.input_value(f"input[name=ph_{rank.pk}]") == "3"
    DOCS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(DOCS / "fill-section.png"), full_page=True)


def test_the_upload_page_shows_progress_and_links_to_the_report(page, live_server, sign_in, drafter):
    sign_in(drafter)
    page.click("text=上传草稿")
    page.screenshot(path=str(DOCS / "upload.png"))
    assert page.locator("input[type=file]").count() == 1
