"""Rendering with LibreOffice: the export prints as expected (page count, title, line length).

Marked ``render``: each test converts with LibreOffice (a few seconds). They
are skipped on a machine without LibreOffice and poppler, but fail under
REQUIRE_SERVICES=1 (CI installs them). ``EXPORT_DOC_IMAGES=1`` also writes
the PNGs of the user guide (``make doc-images``).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from apps.exporting.render import convert_to_pdf, pdf_page_count, pdf_page_png, pdf_page_text, preview_copy
from apps.exporting.services import report_export_docx, report_export_in_place_docx
from apps.exporting.tests.samples import sample_bytes

pytestmark = pytest.mark.render

IMAGES = Path(__file__).resolve().parents[3] / "docs" / "images"
_CJK = re.compile(r"[\u3400-\u9fff，。、；：“”（）《》]")


def _pdf(data: bytes, tools) -> bytes:
    return convert_to_pdf(preview_copy(data), soffice=tools["soffice"], timeout=180)


def _keep_images(pdf: bytes, name: str) -> None:
    if os.environ.get("EXPORT_DOC_IMAGES") == "1":
        IMAGES.mkdir(parents=True, exist_ok=True)
        for page in (1, 2):
            (IMAGES / f"export-{name}-p{page}.png").write_bytes(pdf_page_png(pdf, page, dpi=60))


def test_standard_layout_prints_28_characters_a_line_and_the_title_on_page_one(render_tools, seed_report, drafter):
    """GIVEN seed 000 filled and approved
    WHEN its standard export is rendered (preview copy, Noto CJK through our fonts.conf)
    THEN page 1 starts with the title and carries — 1 —, full body lines hold 28 characters,
    and the ~24,000 characters fill a plausible number of 22-line pages.
    """
    data, _ = report_export_docx(report=seed_report, user=drafter, draft=False)
    pdf = _pdf(data, render_tools)

    chars = sum(len(s.body) + len(s.heading) for s in seed_report.sections.all())
    pages = pdf_page_count(pdf)
    # 22 x 28 = 616 characters a page at most; headings and paragraph ends waste some.
    assert chars / 616 < pages < chars / 616 * 1.6, (chars, pages)
    first = pdf_page_text(pdf, 1)
    # pdftotext puts spaces between Chinese and digits: compare without them.
    assert first.replace(" ", "").startswith(seed_report.title)
    assert re.search(r"—\s*1\s*—", first)
    second = pdf_page_text(pdf, 2)
    lengths = [len(_CJK.findall(line)) for line in second.splitlines()]
    assert max(lengths) == 28, lengths
    _keep_images(pdf, "standard")


def test_fill_in_place_keeps_the_uploaded_layout(render_tools, styled_report, drafter, fill_and_approve):
    """The filled document prints like the upload: title first, values in place, about as many pages.

    The values are longer than ``XX``, so the text may run onto one more page.
    """
    fill_and_approve(styled_report)
    data, _ = report_export_in_place_docx(report=styled_report, user=drafter, draft=False)
    original = _pdf(sample_bytes("000.styled.docx"), render_tools)
    filled = _pdf(data, render_tools)
    assert 0 <= pdf_page_count(filled) - pdf_page_count(original) <= 1
    first = pdf_page_text(filled, 1).replace(" ", "").replace("\n", "")
    assert "县政府2018年工作总结暨2019年工作谋划" in first
    assert "XX" not in first and "全县生产总值完成12.5亿元" in first
    _keep_images(filled, "in-place")
