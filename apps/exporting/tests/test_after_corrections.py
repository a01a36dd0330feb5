"""Exports after the parse was corrected: the standard layout follows every correction; the uploaded .docx filled
in place follows the blank corrections and refuses (rather than silently drop) a corrected heading structure."""

import io

import docx
import pytest

from apps.core.errors import StateError
from apps.exporting.services import report_export_docx, report_export_in_place_docx
from apps.reports.services import placeholder_fill
from apps.reports.services_correction_history import correction_undo
from apps.reports.services_corrections import placeholder_add, placeholder_dismiss
from apps.reports.services_structure import section_change_level

pytestmark = pytest.mark.django_db


def _text(data: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def test_in_place_export_follows_blank_corrections(styled_report, drafter):
    section = styled_report.sections.get(heading="项目建设成效显著")
    visits, projects = section.placeholders.order_by("order")[:2]
    placeholder_fill(placeholder=projects, value="99", user=drafter)
    placeholder_dismiss(placeholder=projects, user=drafter, confirm_value="99")
    start = section.body.index("10月底")
    added = placeholder_add(section=section, field="body", start=start, end=start + 2, user=drafter)
    placeholder_fill(placeholder=added, value="11", user=drafter)
    placeholder_fill(placeholder=visits, value="5", user=drafter)
    text = _text(report_export_in_place_docx(report=styled_report, user=drafter, draft=True)[0])
    assert "招商活动5次，止11月底，共引进项目XX个" in text


def test_in_place_export_refuses_a_corrected_structure_until_it_is_back(styled_report, drafter):
    section = styled_report.sections.get(heading="项目建设成效显著")
    demote = section_change_level(section=section, delta=1, user=drafter)
    assert "1.项目建设成效显著" in _text(report_export_docx(report=styled_report, user=drafter, draft=True)[0])
    with pytest.raises(StateError, match=r"项目建设成效显著.*纠正过"):
        report_export_in_place_docx(report=styled_report, user=drafter, draft=True)
    correction_undo(correction=demote, user=drafter)
    assert "（二）项目建设成效显著" in _text(
        report_export_in_place_docx(report=styled_report, user=drafter, draft=True)[0]
    )
