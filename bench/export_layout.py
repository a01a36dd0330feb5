"""Print the page layout LibreOffice gives the delivered export: characters per line, lines per page, pages.

Run from the repository root (needs ``soffice`` and ``pdftotext``)::

    python bench/export_layout.py

Cases: seed 000 filled in the standard layout, seed 000 filled in place
(``000.styled.docx``, Letter, no grid), the same upload set up in a GB/T 9704
Word template (``linesAndChars`` grid, 28 × 22) and filled in place, and a
generated report of about 200 pages (standard layout). Each .docx is converted as delivered (no corrected copy) with
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
from apps.exporting.tests.samples import with_gbt_grid


def large_report():
    """About 200 pages at 28 × 22 (deterministic)."""
    return make_report(sections=150, chars=118_000, placeholders=950)


def in_place(data: bytes, **kwargs) -> bytes:
    """The fill-in-place export as the service delivers it (with the portable grid when there is one)."""
    try:
        from apps.exporting.portable_grid import make_portable
    except ImportError:  # before issue 16
        return fill_in_place(data, **kwargs)
    return make_portable(fill_in_place(data, **kwargs))


def main() -> int:
    data, title, fills = seed_in_place()
    cases = (
        ("seed 000 standard", build_docx(seed_filled()), True, True),
        ("seed 000 in place", in_place(data, title=title, sections=fills), False, False),
        ("in place, GB/T tpl", in_place(with_gbt_grid(data), title=title, sections=fills), False, True),
        ("200-page report", build_docx(large_report()), True, True),
    )
    for name, docx, indented, gbt in cases:
        start = time.perf_counter()
        pdf = convert_to_pdf(docx, timeout=600)
        seconds = time.perf_counter() - start
        figures = measure(pdf_bbox(pdf), indented=indented)
        # The 28 x 22 estimate is for GB/T pages only (the plain upload is Letter, 11 pt).
        expected = expected_pages(zipfile.ZipFile(BytesIO(docx)).read("word/document.xml")) if gbt else "-"
        overflows = sum(len(p.overflows) for p in figures.per_page)
        print(
            f"{name:18} {figures.summary()}; expected {expected} pages; "
            f"{overflows} overflowing lines; converted in {seconds:.1f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
