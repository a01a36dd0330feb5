"""导出草稿 with 附主要指标对比图: the year-on-year chart as a picture and its table end the draft."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

import docx
import pytest
from django.urls import reverse

from apps.exporting.services import report_export_data
from apps.parsing import parse_draft
from apps.reports.models import Placeholder
from apps.reports.services import placeholder_fill, report_create_from_parse
from apps.sheets.services import predecessor_set
from apps.sheets.tests.test_services import DRAFT, LAST_YEAR


@pytest.fixture
def draft_report(org, drafter):
    return report_create_from_parse(
        organization=org, user=drafter, result=parse_draft(DRAFT.encode(), filename="d.txt")
    )


@pytest.fixture
def with_last_year(draft_report, drafter):
    predecessor_set(report=draft_report, user=drafter, data=LAST_YEAR.encode(), filename="2023.txt")
    gdp = next(p for p in Placeholder.objects.filter(report=draft_report) if p.full_label == "全县生产总值（亿元）")
    placeholder_fill(placeholder=gdp, value="330.1", user=drafter)
    return draft_report


def _export(client, report, query: str) -> bytes:
    response = client.get(reverse("exporting:report_export", args=[report.pk]) + query)
    assert response.status_code == 200
    return response.content


def _pictures(data: bytes) -> tuple[list[str], str]:
    with zipfile.ZipFile(BytesIO(data)) as z:
        media = [n for n in z.namelist() if re.fullmatch(r"word/media/[^/]+\.png", n)]
        return media, z.read("word/document.xml").decode()


def test_the_draft_asked_with_the_chart_ends_with_the_picture_and_its_table(with_last_year, drafter, login):
    client = login(drafter)
    page = client.get(with_last_year.get_absolute_url()).content.decode()
    assert 'id="export-draft-chart"' in page and "?draft=1&amp;chart=1" in page and "附主要指标对比图" in page
    data = _export(client, with_last_year, "?draft=1&chart=1")
    media, xml = _pictures(data)
    assert len(media) == 1 and "<w:drawing>" in xml
    with zipfile.ZipFile(BytesIO(data)) as z:
        assert z.read(media[0]).startswith(b"\x89PNG\r\n\x1a\n")
    d = docx.Document(BytesIO(data))
    texts = [p.text for p in d.paragraphs]
    assert texts.index("附：主要指标本年与上年对比") > texts.index("待填写项")  # after the draft's last page
    assert "深色：本年　浅色：上年" in texts
    cells = [[c.text for c in row.cells] for row in d.tables[-1].rows]
    assert cells == [["指标", "本年", "上年", "增长"], ["全县生产总值（亿元）", "330.1", "312.6", "—"]]
    assert d.inline_shapes[0].width <= 156 * 36000


def test_no_picture_unless_asked_for_a_draft_with_last_year(with_last_year, org, drafter, login):
    client = login(drafter)
    for query in ("?draft=1", "?draft=1&chart=0"):
        media, xml = _pictures(_export(client, with_last_year, query))
        assert not media and "<w:drawing" not in xml
    assert not report_export_data(report=with_last_year, draft=False, appendix=True).appendices  # 定稿: never
    assert report_export_data(report=with_last_year, draft=True, appendix=True).appendices
    other = report_create_from_parse(
        organization=org, user=drafter, result=parse_draft(DRAFT.encode(), filename="e.txt")
    )
    assert 'id="export-draft-chart"' not in client.get(other.get_absolute_url()).content.decode()
    media, xml = _pictures(_export(client, other, "?draft=1&chart=1"))  # no predecessor: nothing is added
    assert not media and "附：主要指标" not in xml


def test_a_predecessor_without_a_matched_value_offers_no_chart(draft_report, drafter, login):
    """Last year's report is set but this year's value is not filled: no pair, so no option and no page."""
    predecessor_set(report=draft_report, user=drafter, data=LAST_YEAR.encode(), filename="2023.txt")
    client = login(drafter)
    assert 'id="export-draft-chart"' not in client.get(draft_report.get_absolute_url()).content.decode()
    media, _ = _pictures(_export(client, draft_report, "?draft=1&chart=1"))
    assert not media
