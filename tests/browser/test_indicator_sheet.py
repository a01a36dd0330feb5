"""指标表 in the browser: set last year's report, export the sheet, fill it offline (openpyxl), import it with a
preview, confirm, and see the values, last year's figures and a consistency warning on the section page."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from apps.parsing import parse_draft
from apps.reports.services import report_create_from_parse
from apps.sheets.workbook import FILL_COLUMN, HEADER_ROW

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DRAFT = """示范县2024年政府工作报告

一、2024年工作回顾
全县生产总值完成XX亿元，同比增长XX%，居全市第XX位。一般公共预算收入完成XX亿元，增长XX%。
"""
LAST_YEAR = """示范县2023年政府工作报告
一、2023年工作回顾
全县生产总值完成312.6亿元，同比增长7.8%，居全市第3位。一般公共预算收入完成12.5亿元，增长6%。
"""
TYPED = {
    "生产总值（亿元）": "3300000",  # 万元 typed where the report prints 亿元: a consistency warning
    "生产总值 同比增长": "5.6",
    "排名": "2",
    "一般公共预算收入（亿元）": "13.1",
}


def test_export_fill_offline_import_with_preview_and_see_the_values(
    page, live_server, sign_in, org, drafter, shots, tmp_path
):
    """GIVEN a draft and last year's report uploaded for reference
    WHEN the drafter exports the indicator sheet, fills it in openpyxl and imports it
    THEN the preview lists each value with its confidence, nothing is saved before 确认导入, and afterwards the
    section page shows the values, last year's figures and the 数据核对 warning of the magnitude slip."""
    report = report_create_from_parse(
        organization=org, user=drafter, result=parse_draft(DRAFT.encode(), filename="draft.txt")
    )
    section = report.sections.get(level=1)
    last_year = tmp_path / "2023年政府工作报告.txt"
    last_year.write_text(LAST_YEAR, encoding="utf-8")
    sign_in(drafter)

    page.goto(f"{live_server.url}{report.get_absolute_url()}")
    page.click("#predecessor-link")
    page.set_input_files("#predecessor-form input[type=file]", str(last_year))
    page.click("#predecessor-form [type=submit]")
    page.locator("#predecessor-current").get_by_text("2023年政府工作报告.txt").wait_for()
    assert "312.6亿元" in page.locator("#predecessor-figures").inner_text()

    page.goto(f"{live_server.url}{report.get_absolute_url()}")
    with page.expect_download() as info:
        page.click("#sheet-export")
    download = info.value
    assert download.suggested_filename == "导出指标表.xlsx"
    wb = load_workbook(BytesIO(download.path().read_bytes()))
    ws = wb.active
    labels = {row: ws.cell(row=row, column=10).value for row in range(HEADER_ROW + 1, ws.max_row + 1)}
    assert any(ws.cell(row=r, column=8).value == "312.6亿元" for r in labels)  # last year's value in the sheet
    for row, label in labels.items():
        for part, text in TYPED.items():
            if part in label:
                ws.cell(row=row, column=FILL_COLUMN).value = text
    filled = tmp_path / "指标表-已填.xlsx"
    out = BytesIO()
    wb.save(out)
    filled.write_bytes(out.getvalue())

    page.goto(f"{live_server.url}{report.get_absolute_url()}")
    page.click("#sheet-import")
    page.set_input_files("#sheet-upload-form input[type=file]", str(filled))
    page.click("#sheet-upload-form [type=submit]")
    table = page.locator("#import-proposals")
    table.get_by_text("3300000").wait_for()
    assert table.locator("tbody tr").count() == 4 and "100%" in table.inner_text()
    page.screenshot(path=str(shots / "sheet-import-preview.png"), full_page=True)
    report.refresh_from_db()
    assert not report.placeholders.exclude(value="").exists()  # nothing written before confirming

    page.click("#import-confirm")
    page.locator("#import-outcome").get_by_text("已导入 4 项").wait_for()

    page.goto(f"{live_server.url}{section.get_absolute_url()}")
    assert page.locator(".ph-wrap input").first.input_value() == "3300000"
    page.get_by_text("上年：312.6亿元，增长7.8%，第3位").first.wait_for()
    page.locator("#consistency-panel").get_by_text("是否把万元当成了亿元").wait_for()
    page.screenshot(path=str(shots / "sheet-section-last-year.png"), full_page=True)

    page.goto(f"{live_server.url}{report.get_absolute_url()}")
    chart = page.locator("#year-chart svg")
    assert "13.1" in chart.inner_html() and "12.5" in chart.inner_html()
    page.locator("#sheets-panel").screenshot(path=str(shots / "sheet-report-chart.png"))
