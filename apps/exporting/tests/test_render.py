"""Rendering with LibreOffice: the DELIVERED .docx prints as a GB/T 9704 page (docs/adr/0051).

Each test converts the file users download (no corrected copy) with
``soffice --headless --convert-to pdf`` and measures it from ``pdftotext
-bbox`` (:mod:`apps.exporting.page_metrics`): 28 characters (±1) on every full
body line, 22 lines (±1) on every page but the last, page count within 3 % of
the 28 × 22 estimate, nothing outside the type area, the title centred, the
heading and title fonts used and embedded, ``— N —`` on the right of odd
pages and the left of even ones.

Marked ``render``: skipped on a machine without LibreOffice and poppler,
failing under REQUIRE_SERVICES=1 (CI installs them). ``EXPORT_DOC_IMAGES=1``
also writes the PNGs of the user guide (``make doc-images``).
"""

from __future__ import annotations

import importlib.util
import io
import os
import re
import zipfile
from pathlib import Path

import pytest

from apps.exporting.builders import build_docx
from apps.exporting.page_metrics import (
    TYPE_LEFT,
    TYPE_RIGHT,
    LayoutFigures,
    expected_pages,
    is_page_number,
    measure,
    page_lines,
    parse_bbox,
)
from apps.exporting.render import convert_to_pdf, pdf_bbox, pdf_fonts, pdf_page_count, pdf_page_png, pdf_page_text
from apps.exporting.services import report_export_docx, report_export_in_place_docx
from apps.exporting.tests.samples import sample_bytes, with_gbt_grid

pytestmark = pytest.mark.render

ROOT = Path(__file__).resolve().parents[3]
IMAGES = ROOT / "docs" / "images"


def _pdf(data: bytes, tools) -> bytes:
    return convert_to_pdf(data, soffice=tools["soffice"], timeout=300)


def _keep_images(pdf: bytes, name: str) -> None:
    if os.environ.get("EXPORT_DOC_IMAGES") == "1":
        IMAGES.mkdir(parents=True, exist_ok=True)
        for page in (1, 2):
            (IMAGES / f"export-{name}-p{page}.png").write_bytes(pdf_page_png(pdf, page, dpi=60))


def assert_gbt_page(figures: LayoutFigures, data: bytes) -> None:
    """Every page of ``figures`` is a 28 × 22 page and the count is the expected one (±3 %)."""
    expected = expected_pages(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    assert abs(figures.pages - expected) <= 0.03 * expected, (figures.pages, expected)
    for number, page in enumerate(figures.per_page, start=1):
        assert not page.overflows, (number, page.overflows)
        wrong = [chars for chars in page.full_line_chars if not 27 <= chars <= 29]
        assert not wrong, (number, page.full_line_chars)
        if number < figures.pages:
            assert 21 <= page.lines <= 23, (number, page.lines)
    chars = [c for page in figures.per_page for c in page.full_line_chars]
    assert chars and sorted(chars)[len(chars) // 2] == 28, figures.summary()


def assert_page_numbers(xhtml: str) -> None:
    """``— N —`` on every page: odd ones right of the centre, even ones left of it."""
    centre = (TYPE_LEFT + TYPE_RIGHT) / 2
    for number, words in enumerate(parse_bbox(xhtml), start=1):
        footer = [line for line in page_lines(words) if is_page_number(line)]
        assert footer, f"page {number} has no page number"
        line = footer[-1]
        assert re.search(rf"\b{number}\b", line.text.replace("—", " ")), (number, line.text)
        if number % 2:
            assert line.x_min > centre, (number, line.x_min)
        else:
            assert line.x_max < centre, (number, line.x_max)


def _large_report():
    """The ~200-page report of bench/export_layout.py (deterministic)."""
    path = ROOT / "bench" / "export_speed.py"
    spec = importlib.util.spec_from_file_location("bench_export_speed", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make_report(sections=150, chars=118_000, placeholders=950)


def test_standard_export_as_delivered_prints_28_by_22_in_libreoffice(render_tools, seed_report, drafter):
    """GIVEN seed 000 filled and approved
    WHEN the .docx users download is converted by LibreOffice (Noto CJK through our fonts.conf)
    THEN every page is 28 characters × 22 lines, the page count is the 28 × 22 one,
    the title is centred on page 1, the title and heading fonts are used and embedded,
    and the page numbers alternate sides.
    """
    data, _ = report_export_docx(report=seed_report, user=drafter, draft=False)
    pdf = _pdf(data, render_tools)
    xhtml = pdf_bbox(pdf)

    assert_gbt_page(measure(xhtml), data)
    assert_page_numbers(xhtml)
    first = pdf_page_text(pdf, 1)
    # pdftotext puts spaces between Chinese and digits: compare without them.
    assert first.replace(" ", "").startswith(seed_report.title)
    title = page_lines(parse_bbox(xhtml)[0])[0]
    assert abs((title.x_min + title.x_max) / 2 - (TYPE_LEFT + TYPE_RIGHT) / 2) < 8, (title.x_min, title.x_max)
    fonts = pdf_fonts(pdf)
    assert all(embedded for _, embedded in fonts), fonts
    names = " ".join(name for name, _ in fonts)
    # 方正小标宋 → bold Noto Serif CJK, 黑体 (一、) → Noto Sans CJK, 仿宋 → Noto Serif CJK.
    assert "SerifCJK" in names and "Bold" in names and "SansCJK" in names, names
    _keep_images(pdf, "standard")


def test_200_page_report_keeps_28_by_22_on_every_page(render_tools):
    """GIVEN a generated report of about 200 pages in the standard layout
    THEN LibreOffice lays out every page at 28 × 22, the page count within 3 % of the estimate.
    """
    data = build_docx(_large_report())
    pdf = _pdf(data, render_tools)
    figures = measure(pdf_bbox(pdf))
    assert 190 <= figures.pages <= 230, figures.summary()
    assert_gbt_page(figures, data)


def test_fill_in_place_of_a_gbt_template_prints_28_by_22(
    render_tools, org, drafter, settings, tmp_path, fill_and_approve, report_from
):
    """GIVEN seed 000 drafted in a Word GB/T 9704 template (a linesAndChars grid of 28 × 22)
    WHEN it is filled in place and the delivered file converted by LibreOffice
    THEN its pages are 28 × 22 as in Word, not the 18 spread characters of the character grid.
    """
    settings.MEDIA_ROOT = tmp_path
    report = report_from(org, drafter, with_gbt_grid(sample_bytes("000.styled.docx")), "公文.docx")
    fill_and_approve(report)
    data, _ = report_export_in_place_docx(report=report, user=drafter, draft=False)
    pdf = _pdf(data, render_tools)
    # The upload's paragraphs have no first-line indent: only lines reaching the right edge are full.
    assert_gbt_page(measure(pdf_bbox(pdf), indented=False), data)


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
