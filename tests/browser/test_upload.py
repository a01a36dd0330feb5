"""The 上传草稿 page in Chromium: a GBK .txt draft uploaded through the form, the progress shown, the report opened."""

import pytest

from apps.drafts.models import DraftUpload
from apps.drafts.services import draft_parse_run
from apps.exporting.tests.samples import sample_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_draft_uploaded_through_the_page_opens_as_its_report(page, live_server, sign_in, drafter, shots):
    """GIVEN a drafter on 上传草稿 WHEN they choose seed 000 saved as GBK text and press 上传并解析, and the worker
    parses it THEN the page (polling every second) says 解析完成 and links to the report, whose page lists the
    parsed sections."""
    sign_in(drafter)
    page.click("nav >> text=上传草稿")
    page.set_input_files(
        "input[name=file]",
        files=[{"name": "县政府工作总结.txt", "mimeType": "text/plain", "buffer": sample_bytes("000.gbk.txt")}],
    )
    page.click("#submit-id-submit")
    page.wait_for_selector("#upload-status")
    upload = DraftUpload.objects.get()
    assert upload.original_name == "县政府工作总结.txt"
    upload = draft_parse_run(upload_id=upload.pk)  # as the worker does; the page picks it up on its next poll
    link = page.locator("#upload-status a.alert-link")
    link.wait_for()
    assert "解析完成" in page.inner_text("#upload-status")
    page.screenshot(path=str(shots / "upload.png"), full_page=True)
    link.click()
    page.wait_for_url(f"{live_server.url}{upload.report.get_absolute_url()}")
    assert "（一）经济运行稳中趋好" in page.inner_text("body")
