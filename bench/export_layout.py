"""Print the page layout LibreOffice gives the delivered export: characters per line, lines per page, pages.

Run from the repository root (needs ``soffice`` and ``pdftotext``)::

    python bench/export_layout.py

Cases: seed 000 filled in the standard layout, seed 000 filled in place
(``000.styled.docx``), and a generated report of about 200 pages (standard
layout). Each .docx is converted as delivered (no corrected copy) with
``soffice --headless --convert-to pdf`` and measured from ``pdftotext -bbox``
(:mod:`apps.exporting.page_metrics`): characters of full body lines (digits
and Latin count ½) and body lines per page (min / median / max, last page
excluded), page count against the 28 × 22 estimate.
"""

from __future__ import annotations

import sys
import time
import zipfile
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from export_speed import make_report, seed_filled, seed_in_place

from apps.exporting.builders import build_docx
from apps.exporting.fill_in_place import fill_in_place
from apps.exporting.page_metrics import expected_pages, measure
from apps.exporting.render import convert_to_pdf, pdf_bbox


def large_report():
    """About 200 pages at 28 × 22 (deterministic)."""
    return make_report(sections=130, chars=100_000, placeholders=800)


def main() -> int:
    data, title, fills = seed_in_place()
    cases = (
        ("seed 000 standard", build_docx(seed_filled())),
        ("seed 000 in place", fill_in_place(data, title=title, sections=fills)),
        ("200-page report", build_docx(large_report())),
    )
    for name, docx in cases:
        start = time.perf_counter()
        pdf = convert_to_pdf(docx, timeout=600)
        seconds = time.perf_counter() - start
        figures = measure(pdf_bbox(pdf))
        expected = expected_pages(zipfile.ZipFile(BytesIO(docx)).read("word/document.xml"))
        overflows = sum(len(p.overflows) for p in figures.per_page)
        print(
            f"{name:18} {figures.summary()}; expected ~{expected} pages; "
            f"{overflows} overflowing lines; converted in {seconds:.1f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
