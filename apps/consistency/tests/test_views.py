"""数据核对 on the pages: listed per section and for the report, refreshed after a save, never blocking."""

import pytest
from django.urls import reverse

from apps.consistency.selectors import report_findings
from apps.parsing import parse_draft
from apps.reports.services import placeholder_fill, report_create_from_parse

DRAFT = """示范县2024年政府工作报告

一、2024年工作回顾
全县生产总值完成XX亿元，同比增长XX%。一般公共预算收入下降XX%，占全县生产总值的比重为XX%。
"""


@pytest.fixture
def report(org, drafter):
    result = parse_draft(DRAFT.encode(), filename="draft.txt")
    return report_create_from_parse(organization=org, user=drafter, result=result)


def _ph(report, before: str):
    for ph in report.placeholders.select_related("section"):
        if ph.section.body[: ph.offset].endswith(before):
            return ph
    raise AssertionError(before)


def test_a_fall_typed_as_a_negative_number_is_found(report, drafter):
    fall = _ph(report, "下降")
    placeholder_fill(placeholder=fall, value="-3.2", user=drafter)
    findings = report_findings(report=report)
    assert [f.code for f in findings] == ["growth_sign"]
    assert findings[0].placeholders == (fall,)


def test_true_values_give_no_finding(report, drafter):
    for before, value in (("完成", "312.6"), ("增长", "7.8"), ("下降", "3.2"), ("比重为", "12.5")):
        placeholder_fill(placeholder=_ph(report, before), value=value, user=drafter)
    assert report_findings(report=report) == []


def test_section_and_report_pages_list_findings_for_drafter_and_reviewer(report, drafter, reviewer, login, client):
    share = _ph(report, "比重为")
    placeholder_fill(placeholder=share, value="120", user=drafter)
    section = share.section
    for user in (drafter, reviewer):
        login(user)
        page = client.get(section.get_absolute_url()).content.decode()
        assert 'id="consistency-panel"' in page and "超出 0–100% 的范围" in page
        assert f"#ph-{share.pk}" in page
        report_page = client.get(report.get_absolute_url()).content.decode()
        assert "另有 1 条数据核对提示" in report_page and "超出 0–100% 的范围" in report_page


def test_saving_a_value_tells_the_page_to_refresh_the_panel_and_the_panel_follows(report, drafter, login):
    share = _ph(report, "比重为")
    client = login(drafter)
    url = reverse("reports:placeholder_field", args=[report.pk, share.pk])
    response = client.post(url, {f"ph_{share.pk}": "120", "version": "0"})
    assert response.status_code == 200 and response["HX-Trigger"] == "values-saved"
    panel_url = reverse("consistency:section_panel", args=[report.pk, share.section_id])
    assert "超出 0–100% 的范围" in client.get(panel_url).content.decode()
    client.post(url, {f"ph_{share.pk}": "12", "version": "1"})
    panel = client.get(panel_url).content.decode()
    assert 'id="consistency-panel"' in panel and "超出" not in panel


def test_the_panel_is_not_shown_to_another_organisation(report, drafter, outsider, login):
    share = _ph(report, "比重为")
    placeholder_fill(placeholder=share, value="120", user=drafter)
    client = login(outsider)
    panel_url = reverse("consistency:section_panel", args=[report.pk, share.section_id])
    assert client.get(panel_url).status_code == 404


TWO_SECTIONS = """示范县2024年政府工作报告

一、经济运行
全县生产总值完成XX亿元，同比增长XX%。
二、工业发展
全县生产总值完成XX亿元，规模以上工业增加值增长XX%。
"""


def test_one_indicator_with_two_values_shows_on_both_sections(org, drafter):
    from apps.consistency.selectors import section_findings

    report = report_create_from_parse(
        organization=org, user=drafter, result=parse_draft(TWO_SECTIONS.encode(), filename="d.txt")
    )
    first, second = (s.placeholders.get(role="value", unit="亿元") for s in report.sections.filter(level=1))
    assert first.indicator_id == second.indicator_id
    placeholder_fill(placeholder=first, value="312.6", user=drafter)
    placeholder_fill(placeholder=second, value="321.6", user=drafter)
    for section in report.sections.filter(level=1):
        found = section_findings(section=section)
        assert [f.code for f in found] == ["duplicate_value"], section
        assert set(found[0].placeholders) == {first, second}
    placeholder_fill(placeholder=second, value="312.6", user=drafter)
    assert report_findings(report=report) == []
