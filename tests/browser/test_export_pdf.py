"""导出 PDF in Debian's chromium: the report page's button, the progress page polling, the download, the preview.

The conversion is real (LibreOffice in a thread standing in for the Celery worker); without soffice the test
skips, and fails under REQUIRE_SERVICES=1 (CI installs LibreOffice).
"""

import os
import shutil
import threading

import pytest

from apps.exporting import services_pdf
from apps.exporting.models import ExportRendering

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker(monkeypatch):
    """Run each enqueued rendering in a thread, as the worker would, with the real LibreOffice."""
    if not (shutil.which("soffice") and shutil.which("pdftoppm") and shutil.which("pdfinfo")):
        message = "导出 PDF needs soffice and poppler (apt-get install libreoffice-writer-nogui poppler-utils)"
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(message)
        pytest.skip(message)
    threads = []

    def enqueue(name, pk):
        assert name == services_pdf.TASK
        thread = threading.Thread(target=services_pdf.export_rendering_run, kwargs={"rendering_id": pk})
        thread.start()
        threads.append(thread)

    monkeypatch.setattr(services_pdf, "enqueue", enqueue)
    yield threads
    for thread in threads:
        thread.join(timeout=120)


def test_export_pdf_downloads_the_pdf_and_shows_the_first_pages(
    page, live_server, sign_in, report, drafter, worker, shots
):
    """GIVEN a report being drafted
    WHEN the drafter clicks 导出 PDF on the report page
    THEN the progress page polls until LibreOffice is done, 下载 PDF downloads a PDF of the export,
    and the first pages show as images.
    """
    sign_in(drafter)
    page.goto(f"{live_server.url}{report.get_absolute_url()}")
    page.click("#export-pdf")
    page.wait_for_url("**/exports/pdf/*/")
    assert "PDF" in page.inner_text("h1 + p")

    page.wait_for_selector("#rendering-status[data-status=done]", timeout=120_000)
    rendering = ExportRendering.objects.get()
    assert rendering.status == "done" and rendering.page_count >= 1

    with page.expect_download() as download_info:
        page.click("#pdf-download")
    download = download_info.value
    assert download.suggested_filename.endswith("（草稿）.pdf")
    assert open(download.path(), "rb").read(5) == b"%PDF-"

    images = page.locator("#pdf-preview img")
    assert images.count() == min(rendering.page_count, 3)
    first = images.first
    first.wait_for()
    page.wait_for_function("img => img.complete && img.naturalWidth > 200", arg=first.element_handle())
    page.screenshot(path=str(shots / "export-pdf-preview.png"), full_page=True)

    # Back on the report page, the same first pages show while the report is unchanged.
    page.goto(f"{live_server.url}{report.get_absolute_url()}")
    preview = page.locator("#report-preview img").first
    preview.wait_for()
    page.wait_for_function("img => img.complete && img.naturalWidth > 200", arg=preview.element_handle())
