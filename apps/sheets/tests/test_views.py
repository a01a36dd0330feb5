"""The sheets pages: export download, upload → preview → confirm, last year's report, the chart."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from apps.parsing import parse_draft
from apps.reports.models import Placeholder
from apps.reports.services import placeholder_fill, report_create_from_parse
from apps.sheets.models import SheetImport
from apps.sheets.services import predecessor_set
from apps.sheets.tests.helpers import xlsx
from apps.sheets.tests.test_services import DRAFT, LAST_YEAR
from apps.sheets.workbook import FILL_COLUMN, HEADER_ROW, KEY_COLUMN


@pytest.fixture
def draft_report(org, drafter):
    return report_create_from_parse(
        organization=org, user=drafter, result=parse_draft(DRAFT.encode(), filename="d.txt")
    )


def test_the_export_is_a_print_ready_workbook_with_validation_and_a_hidden_key(
    draft_report, drafter, login, django_assert_max_num_queries
):
    client = login(drafter)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("sheets:sheet_export", args=[draft_report.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert "%E5%AF%BC%E5%87%BA%E6%8C%87%E6%A0%87%E8%A1%A8.xlsx" in response["Content-Disposition"]  # 导出指标表
    ws = load_workbook(BytesIO(response.content)).active
    assert ws.freeze_panes == f"A{HEADER_ROW + 1}"
    assert ws.column_dimensions[ws.cell(row=1, column=KEY_COLUMN).column_letter].hidden
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    kinds = {dv.type for dv in ws.data_validations.dataValidation}
    assert {"decimal", "whole"} <= kinds
    assert ws.max_row - HEADER_ROW == Placeholder.objects.filter(report=draft_report).count()


def test_upload_preview_and_confirm_through_the_pages(draft_report, drafter, login):
    """GIVEN the exported sheet with one value typed
    WHEN it is uploaded, previewed and confirmed with its box ticked
    THEN the value is saved only after the confirmation."""
    client = login(drafter)
    wb = load_workbook(BytesIO(client.get(reverse("sheets:sheet_export", args=[draft_report.pk])).content))
    ws = wb.active
    ws.cell(row=HEADER_ROW + 1, column=FILL_COLUMN).value = "312.6"
    out = BytesIO()
    wb.save(out)
    upload = SimpleUploadedFile("表.xlsx", out.getvalue())
    response = client.post(reverse("sheets:sheet_import", args=[draft_report.pk]), {"file": upload})
    sheet = SheetImport.objects.get()
    assert response.url == reverse("sheets:import_preview", args=[draft_report.pk, sheet.pk])
    page = client.get(response.url).content.decode()
    assert "312.6" in page and "100%" in page and "确认导入" in page
    first = Placeholder.objects.get(pk=sheet.proposals[0]["placeholder"])
    assert first.value == ""
    client.post(reverse("sheets:import_confirm", args=[draft_report.pk, sheet.pk]), {"accept": [str(first.pk)]})
    first.refresh_from_db()
    assert first.value == "312.6"
    assert "已导入 1 项" in client.get(response.url).content.decode()


def test_an_upload_that_is_not_xlsx_is_a_form_error_and_cancel_writes_nothing(draft_report, drafter, login):
    client = login(drafter)
    url = reverse("sheets:sheet_import", args=[draft_report.pk])
    response = client.post(url, {"file": SimpleUploadedFile("表.xls", b"x")})
    assert response.status_code == 200 and "请上传 .xlsx" in response.content.decode()
    data = xlsx([["指标名称", "单位", "本期"], ["地区生产总值", "亿元", "312.6"]])
    client.post(url, {"file": SimpleUploadedFile("局.xlsx", data)})
    sheet = SheetImport.objects.get()
    assert sheet.layout == "bureau" and sheet.proposals[0]["value"] == "312.6"
    client.post(reverse("sheets:import_confirm", args=[draft_report.pk, sheet.pk]), {"action": "cancel"})
    sheet.refresh_from_db()
    assert sheet.status == "cancelled" and not Placeholder.objects.exclude(value="").exists()


def test_a_reviewer_sees_the_preview_but_may_not_confirm(draft_report, drafter, reviewer, login):
    data = xlsx([["指标名称", "单位", "本期"], ["地区生产总值", "亿元", "312.6"]])
    login(drafter).post(
        reverse("sheets:sheet_import", args=[draft_report.pk]), {"file": SimpleUploadedFile("局.xlsx", data)}
    )
    sheet = SheetImport.objects.get()
    client = login(reviewer)
    assert client.get(reverse("sheets:import_preview", args=[draft_report.pk, sheet.pk])).status_code == 200
    response = client.post(reverse("sheets:import_confirm", args=[draft_report.pk, sheet.pk]))
    assert response.status_code == 403
    sheet.refresh_from_db()
    assert sheet.status == "preview"


def test_the_predecessor_page_uploads_a_report_and_the_report_page_draws_the_chart(
    draft_report, drafter, login, django_assert_max_num_queries
):
    client = login(drafter)
    url = reverse("sheets:predecessor", args=[draft_report.pk])
    client.post(url, {"file": SimpleUploadedFile("2023.txt", LAST_YEAR.encode())})
    page = client.get(url).content.decode()
    assert "2023.txt" in page and "312.6亿元" in page
    gdp = next(p for p in Placeholder.objects.filter(report=draft_report) if p.full_label == "全县生产总值（亿元）")
    placeholder_fill(placeholder=gdp, value="330.1", user=drafter)
    with django_assert_max_num_queries(40):
        report_page = client.get(draft_report.get_absolute_url()).content.decode()
    assert 'id="year-chart"' in report_page and "<svg" in report_page and "330.1" in report_page
    client.post(url, {"action": "clear"})
    assert 'id="year-chart"' not in client.get(draft_report.get_absolute_url()).content.decode()


def test_the_predecessor_can_be_another_report_of_the_organisation_only(draft_report, org, drafter, login):
    earlier = report_create_from_parse(
        organization=org, user=drafter, result=parse_draft(DRAFT.encode(), filename="e.txt")
    )
    client = login(drafter)
    url = reverse("sheets:predecessor", args=[draft_report.pk])
    client.post(url, {"source_report": earlier.pk})
    assert draft_report.predecessor_link.source_report == earlier
    response = client.post(url, {})
    assert "二选一" in response.content.decode()


def test_last_year_set_by_service_shows_in_the_sheet(draft_report, drafter):
    predecessor_set(report=draft_report, user=drafter, data=LAST_YEAR.encode(), filename="2023.txt")
    from apps.sheets.selectors import sheet_rows

    rows = {r.note: r.last_year for r in sheet_rows(report=draft_report)}
    assert rows["全县生产总值 同比增长（%）"] == "7.8%" and rows["全县生产总值 全市排名（位）"] == "第3位"
