"""Import and export of indicator sheets through the services: round trip, bureau layouts made from the public
reports, per-row problems, conflicts, permissions; last year's report."""

from __future__ import annotations

from io import BytesIO

import pytest
from openpyxl import load_workbook

from apps.core.errors import PermissionDeniedError, ServiceError
from apps.parsing import parse_draft
from apps.reports.models import Placeholder, PlaceholderChange
from apps.reports.services import placeholder_fill, report_create_from_parse
from apps.sheets.figures import draftify, figures_from_text
from apps.sheets.selectors import last_year_notes, sheet_rows
from apps.sheets.services import predecessor_set, sheet_import_confirm, sheet_import_preview
from apps.sheets.tests.helpers import public_text, xlsx
from apps.sheets.workbook import FILL_COLUMN, HEADER_ROW, KEY_COLUMN, build_sheet

DRAFT = """示范县2024年政府工作报告

一、2024年工作回顾
（一）经济运行
全县生产总值完成XX亿元，同比增长XX%，居全市第XX位。一般公共预算收入完成XX亿元，增长XX%。
（二）民生
城镇新增就业XX人，农村居民人均可支配收入XX元。
"""


@pytest.fixture
def draft_report(org, drafter):
    return report_create_from_parse(
        organization=org, user=drafter, result=parse_draft(DRAFT.encode(), filename="d.txt")
    )


def _ph(report, label_part: str) -> Placeholder:
    return next(p for p in Placeholder.objects.filter(report=report) if label_part in p.full_label)


def _fill_exported(report, values: dict[str, str]) -> bytes:
    """The exported sheet with ``values`` (label fragment → text) typed into 填写值, as openpyxl saves it."""
    wb = load_workbook(BytesIO(build_sheet(sheet_rows(report=report), title=report.title)))
    ws = wb.active
    by_key = {f"{p.report_id}:{p.pk}": p for p in Placeholder.objects.filter(report=report)}
    for row in range(HEADER_ROW + 1, ws.max_row + 1):
        ph = by_key[ws.cell(row=row, column=KEY_COLUMN).value]
        for part, text in values.items():
            if part in ph.full_label:
                ws.cell(row=row, column=FILL_COLUMN).value = text
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def test_export_fill_import_round_trip_gives_the_same_values(draft_report, drafter):
    """GIVEN the exported sheet of a draft
    WHEN a department types numbers (as numbers and as text) into the fill column and the sheet is imported
    THEN the preview proposes each with full confidence, nothing is written before confirming, and afterwards
    every value is in the report with a history row."""
    typed = {"生产总值（亿元）": 312.6, "生产总值 同比增长": "7.8", "排名": 3, "一般公共预算收入（亿元）": "12.50"}
    data = _fill_exported(draft_report, typed)
    sheet = sheet_import_preview(report=draft_report, user=drafter, data=data, filename="指标表.xlsx")
    assert sheet.layout == "app" and sheet.problems == []
    assert {p["value"] for p in sheet.proposals} == {"312.6", "7.8", "3", "12.5"}
    assert all(p["confidence"] == 1.0 for p in sheet.proposals)
    assert not PlaceholderChange.objects.exists()
    sheet_import_confirm(sheet_import=sheet, user=drafter, accepted=None)
    sheet.refresh_from_db()
    assert sheet.status == "applied" and sheet.outcome["changed"] == 4
    values = {p.full_label: p.value for p in Placeholder.objects.filter(report=draft_report).exclude(value="")}
    assert sorted(values.values()) == ["12.5", "3", "312.6", "7.8"]
    assert PlaceholderChange.objects.filter(user=drafter).count() == 4
    # Exported again, the sheet shows the values in both columns.
    again = load_workbook(BytesIO(build_sheet(sheet_rows(report=draft_report), title="x"))).active
    assert "312.6" in [again.cell(row=r, column=FILL_COLUMN).value for r in range(HEADER_ROW + 1, again.max_row + 1)]


def test_a_bad_cell_is_reported_by_row_and_the_rest_imports(draft_report, drafter):
    data = _fill_exported(draft_report, {"生产总值（亿元）": "312.6", "排名": "很多"})
    sheet = sheet_import_preview(report=draft_report, user=drafter, data=data, filename="x.xlsx")
    bad = next(p for p in sheet.proposals if p["error"])
    assert "排名" in bad["label"]
    sheet_import_confirm(sheet_import=sheet, user=drafter, accepted=None)
    assert _ph(draft_report, "生产总值（亿元）").value == "312.6"
    assert _ph(draft_report, "排名").value == ""


def test_a_typed_value_is_a_conflict_kept_unless_ticked(draft_report, drafter):
    gdp = _ph(draft_report, "生产总值（亿元）")
    placeholder_fill(placeholder=gdp, value="300", user=drafter)
    data = _fill_exported(draft_report, {"生产总值（亿元）": "312.6"})
    sheet = sheet_import_preview(report=draft_report, user=drafter, data=data, filename="x.xlsx")
    (proposal,) = sheet.proposals
    assert proposal["conflict"] and proposal["current"] == "300"
    sheet_import_confirm(sheet_import=sheet, user=drafter, accepted=set())
    gdp.refresh_from_db()
    assert gdp.value == "300"


def test_a_value_changed_after_the_preview_is_not_overwritten(draft_report, drafter, drafter2):
    data = _fill_exported(draft_report, {"生产总值（亿元）": "312.6"})
    sheet = sheet_import_preview(report=draft_report, user=drafter, data=data, filename="x.xlsx")
    gdp = _ph(draft_report, "生产总值（亿元）")
    placeholder_fill(placeholder=gdp, value="299", user=drafter2)
    sheet_import_confirm(sheet_import=sheet, user=drafter, accepted={gdp.pk})
    sheet.refresh_from_db()
    gdp.refresh_from_db()
    assert gdp.value == "299" and len(sheet.outcome["conflicts"]) == 1


def test_a_drafter_imports_only_into_sections_they_may_fill(draft_report, drafter, drafter2, admin_user):
    from apps.review.services_assignment import assignment_set

    economy = draft_report.sections.get(marker="（一）")
    assignment_set(section=economy, user=admin_user, assignee=drafter2)
    data = _fill_exported(draft_report, {"生产总值（亿元）": "312.6", "新增就业": "4005"})
    sheet = sheet_import_preview(report=draft_report, user=drafter, data=data, filename="x.xlsx")
    refused = [p for p in sheet.proposals if p["refused"]]
    assert [p["section"] for p in refused] == [economy.pk]
    sheet_import_confirm(sheet_import=sheet, user=drafter, accepted={p["placeholder"] for p in sheet.proposals})
    sheet.refresh_from_db()
    assert _ph(draft_report, "生产总值（亿元）").value == ""
    assert _ph(draft_report, "新增就业").value == "4005"
    assert len(sheet.outcome["skipped"]) == 1


def test_a_reviewer_may_not_import(draft_report, reviewer):
    with pytest.raises(PermissionDeniedError):
        sheet_import_preview(report=draft_report, user=reviewer, data=xlsx([["a"]]), filename="x.xlsx")


def test_a_file_that_is_no_workbook_or_has_no_table_is_refused(draft_report, drafter):
    with pytest.raises(ServiceError, match="不是有效的 Excel"):
        sheet_import_preview(report=draft_report, user=drafter, data=b"not a zip", filename="x.xlsx")
    with pytest.raises(ServiceError, match="未找到指标表"):
        sheet_import_preview(report=draft_report, user=drafter, data=xlsx([["姓名", "电话"]]), filename="x.xlsx")


# --- The bureau's own layouts, built from the public reports ---------------------------------------------------


def _public_draft(org, user, name: str):
    """The public report ``name`` turned into a draft (every figure → XX), its report, and its true figures."""
    text = public_text(name)
    report = report_create_from_parse(
        organization=org, user=user, result=parse_draft(draftify(text).text.encode(), filename=f"{name}.txt")
    )
    truth = [f for f in figures_from_text(text.encode()) if f.value]
    names, unique = set(), []
    for f in truth:
        if f.name not in names:
            names.add(f.name)
            unique.append(f)
    return report, unique


def _sheet_a(figures):
    """Merged title, notes, header on row 4; unit column; numbers as text; % in the growth cells."""
    rows = [["主要经济指标完成情况", None, None, None, None], ["（快报数）", None, None, None, None], []]
    rows.append(["指标名称", "单位", "本期", "同比增长%", "全市位次"])
    for f in figures:
        rows.append([f"全县{f.name}", f.unit, f.value, f"{f.growth}%" if f.growth else "", f.rank])
    return xlsx(rows, merges=("A1:E1", "A2:E2"))


def _sheet_b(figures):
    """No unit column: the unit in the name; GDP written as an alias; values in 亿元 given in 万元."""
    rows = [["序号", "指  标", "本年累计", "比上年增长（%）", "排名"]]
    for k, f in enumerate(figures, 1):
        name = "GDP" if f.name in ("地区生产总值", "生产总值") else f.name
        value, unit = f.value, f.unit
        if unit == "亿元":
            value, unit = str(round(float(value) * 10000, 4)).removesuffix(".0"), "万元"
        rows.append(
            [k, f"{name}（{unit}）" if unit else name, float(value), float(f.growth) if f.growth else None, None]
        )
    return xlsx(rows)


def _sheet_c(figures):
    """Header on row 6 below a merged title and a date, the unit in the value header, a bad cell in one row."""
    rows = [
        ["县统计局"],
        ["2022年度"],
        [],
        [],
        ["说明：本表为快报数"],
        ["项目", "计量单位", "全年", "增速", "全市排序"],
    ]
    for k, f in enumerate(figures):
        rows.append([f.name, f.unit, f.value, "待核" if k == 0 else f.growth, f"第{f.rank}位" if f.rank else "—"])
    return xlsx(rows, merges=("A1:E1",))


@pytest.mark.parametrize(
    ("name", "shape", "first_line"), [("010", _sheet_a, 5), ("013", _sheet_b, 2), ("008", _sheet_c, 7)]
)
def test_bureau_layouts_fill_the_draft_of_a_public_report_with_its_own_figures(org, drafter, name, shape, first_line):
    """GIVEN a public report turned into a draft, and a bureau sheet of its figures in one of three layouts
    WHEN the sheet is imported and confirmed
    THEN at least 80 % of the sheet's rows find their indicator and every value written is the report's own."""
    report, figures = _public_draft(org, drafter, name)
    assert len(figures) >= 5
    sheet = sheet_import_preview(report=report, user=drafter, data=shape(figures), filename=f"{name}.xlsx")
    assert sheet.layout == "bureau"
    matched_rows = {p["line"] for p in sheet.proposals}
    assert len(matched_rows) >= 0.8 * len(figures), (len(matched_rows), len(figures), sheet.unmatched_rows)
    if shape is _sheet_c:
        assert sheet.problems and "不是数字" in sheet.problems[0] and sheet.problems[0].startswith("第 7 行")
    sheet_import_confirm(sheet_import=sheet, user=drafter, accepted=None)
    sheet.refresh_from_db()
    assert sheet.outcome["changed"] >= 0.8 * len(figures)
    values = [p for p in sheet.proposals if p["role"] == "value"]
    assert values
    for p in values:
        fig = figures[p["line"] - first_line]
        assert float(p["value"]) == pytest.approx(float(fig.value)), (fig.name, p)
        assert Placeholder.objects.get(pk=p["placeholder"]).value == p["value"]


# --- Last year's report ----------------------------------------------------------------------------------------

LAST_YEAR = """示范县2023年政府工作报告
一、2023年工作回顾
全县生产总值完成312.6亿元，同比增长7.8%，居全市第3位。一般公共预算收入完成12.5亿元，增长6%。
"""


def test_an_uploaded_last_year_report_shows_beside_the_indicators(draft_report, drafter, login):
    predecessor_set(report=draft_report, user=drafter, data=LAST_YEAR.encode(), filename="2023.txt")
    notes = last_year_notes(report=draft_report)
    gdp = _ph(draft_report, "生产总值（亿元）")
    assert notes[gdp.indicator_id] == "上年：312.6亿元，增长7.8%，第3位"
    client = login(drafter)
    page = client.get(gdp.section.get_absolute_url()).content.decode()
    assert page.count("上年：312.6亿元，增长7.8%，第3位") == 1  # once per indicator, not beside each column
    from django.urls import reverse

    table = client.get(reverse("reports:indicator_table", args=[draft_report.pk])).content.decode()
    assert "上年：12.5亿元，增长6%" in table
    rows = sheet_rows(report=draft_report)
    assert next(r for r in rows if r.key.endswith(f":{gdp.pk}")).last_year == "312.6亿元"


def test_a_report_in_the_system_is_read_live_as_predecessor(org, draft_report, drafter):
    earlier = report_create_from_parse(
        organization=org, user=drafter, result=parse_draft(DRAFT.replace("2024", "2023").encode(), filename="e.txt")
    )
    predecessor_set(report=draft_report, user=drafter, source_report=earlier)
    assert last_year_notes(report=draft_report) == {}
    placeholder_fill(placeholder=_ph(earlier, "生产总值（亿元）"), value="312.6", user=drafter)
    gdp = _ph(draft_report, "生产总值（亿元）")
    assert last_year_notes(report=draft_report)[gdp.indicator_id] == "上年：312.6亿元"


def test_last_year_feeds_the_consistency_checks(draft_report, drafter):
    from apps.consistency.selectors import report_findings

    predecessor_set(report=draft_report, user=drafter, data=LAST_YEAR.replace("312.6亿元", "3126000万元").encode())
    gdp = _ph(draft_report, "生产总值（亿元）")
    placeholder_fill(placeholder=gdp, value="330", user=drafter)
    assert report_findings(report=draft_report) == []  # 万元 converted to 亿元: 330 against 312.6
    placeholder_fill(placeholder=gdp, value="3300000", user=drafter)  # 万元 typed where 亿元 is printed
    assert [f.code for f in report_findings(report=draft_report)] == ["yoy_magnitude"]
    revenue = _ph(draft_report, "一般公共预算收入（亿元）")
    placeholder_fill(placeholder=revenue, value="15", user=drafter)
    placeholder_fill(placeholder=_ph(draft_report, "一般公共预算收入 增长"), value="6", user=drafter)
    assert "yoy_growth" in [f.code for f in report_findings(report=draft_report)]


def test_a_predecessor_must_be_of_the_same_organisation_and_a_file_must_have_figures(
    draft_report, drafter, other_org, outsider
):
    other = report_create_from_parse(
        organization=other_org, user=outsider, result=parse_draft(DRAFT.encode(), filename="o.txt")
    )
    with pytest.raises(ServiceError):
        predecessor_set(report=draft_report, user=drafter, source_report=other)
    with pytest.raises(ServiceError, match="未在文件中找到指标数据"):
        predecessor_set(report=draft_report, user=drafter, data="只有文字，没有数字。".encode(), filename="x.txt")


def test_the_sheet_of_another_report_is_reported_row_by_row(org, draft_report, drafter):
    other = report_create_from_parse(
        organization=org, user=drafter, result=parse_draft(DRAFT.encode(), filename="o.txt")
    )
    data = _fill_exported(other, {"生产总值（亿元）": "312.6"})
    sheet = sheet_import_preview(report=draft_report, user=drafter, data=data, filename="x.xlsx")
    assert sheet.proposals == [] and "不属于本报告" in sheet.problems[0]


def test_a_finalized_report_takes_no_import(draft_report, drafter):
    from apps.core.errors import StateError

    draft_report.status = "finalized"
    draft_report.save()
    with pytest.raises(StateError):
        sheet_import_preview(report=draft_report, user=drafter, data=xlsx([["a"]]), filename="x.xlsx")


def test_an_import_is_confirmed_once(draft_report, drafter):
    from apps.core.errors import StateError

    sheet = sheet_import_preview(report=draft_report, user=drafter, data=_fill_exported(draft_report, {}), filename="x")
    sheet_import_confirm(sheet_import=sheet, user=drafter, accepted=None)
    with pytest.raises(StateError):
        sheet_import_confirm(sheet_import=sheet, user=drafter, accepted=None)


def test_a_predecessor_in_the_recycle_bin_gives_no_figures(org, draft_report, drafter, admin_user):
    from apps.reports.services_lifecycle import report_delete

    earlier = report_create_from_parse(
        organization=org, user=drafter, result=parse_draft(DRAFT.replace("2024", "2023").encode(), filename="e.txt")
    )
    placeholder_fill(placeholder=_ph(earlier, "生产总值（亿元）"), value="312.6", user=drafter)
    predecessor_set(report=draft_report, user=drafter, source_report=earlier)
    assert last_year_notes(report=draft_report)
    report_delete(report=earlier, user=admin_user)
    assert last_year_notes(report=draft_report) == {}
    with pytest.raises(ServiceError):
        predecessor_set(report=draft_report, user=drafter, source_report=earlier)
