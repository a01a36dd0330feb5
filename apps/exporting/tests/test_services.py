import io

import docx
import pytest

from apps.core.errors import PermissionDeniedError, StateError
from apps.exporting.services import report_export_data, report_export_docx
from apps.reports.models import Placeholder, SectionStatus


def _fill_all(report):
    for ph in Placeholder.objects.filter(report=report):
        ph.value = {"number": "12.5", "percent": "7.2", "rank": "3"}.get(ph.kind, "城南路")
        ph.save()


def test_export_data_puts_values_and_empty_markers_in_place(report):
    gdp = Placeholder.objects.get(report=report, role="value")
    gdp.value = "100"
    gdp.save()
    data = report_export_data(report=report, draft=True)
    section = data.sections[2]
    assert section.marker == "（一）" and section.inline_body
    first = section.paragraphs[0]
    assert "".join(s.text for s in first) == "全县生产总值完成100亿元，同比增长XX，居全市第XX位。"
    assert [(s.text, s.empty) for s in first if s.placeholder] == [("100", False), ("XX", True), ("XX", True)]
    implicit = data.sections[3].paragraphs[0]
    assert [(s.text, s.empty) for s in implicit if s.placeholder] == [("", True)]
    assert any("全县生产总值 同比增长" in label for label in data.empty_labels)


def test_a_final_export_is_refused_until_every_section_is_approved_and_filled(report, drafter):
    with pytest.raises(StateError):
        report_export_docx(report=report, user=drafter, draft=False)
    _fill_all(report)
    with pytest.raises(StateError):
        report_export_docx(report=report, user=drafter, draft=False)
    report.sections.update(status=SectionStatus.APPROVED)
    data, name = report_export_docx(report=report, user=drafter, draft=False)
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "12.5亿元" in text and "7.2%" in text and "XX" not in text
    assert name.endswith("（定稿）.docx")
    report.refresh_from_db()
    assert report.status == "finalized"


def test_a_draft_export_is_always_allowed_and_says_draft(report, drafter):
    data, _ = report_export_docx(report=report, user=drafter, draft=True)
    document = docx.Document(io.BytesIO(data))
    headers = " ".join(p.text for s in document.sections for p in s.header.paragraphs)
    assert "草稿" in headers
    assert "XX" in "\n".join(p.text for p in document.paragraphs)


def test_outsiders_cannot_export(report, outsider):
    with pytest.raises(PermissionDeniedError):
        report_export_docx(report=report, user=outsider, draft=True)
