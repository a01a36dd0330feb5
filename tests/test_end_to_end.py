"""The whole main path over HTTP, with the parse done by a real Celery worker process.

In CI (REQUIRE_SERVICES=1) this runs on PostgreSQL with the worker consuming from Redis;
on a bare machine it runs on SQLite with kombu's filesystem queue.
"""

import io
import time
from pathlib import Path

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx.oxml.ns import qn

from apps.accounts.tests.factories import PASSWORD
from apps.drafts.models import DraftUpload
from apps.reports.models import Placeholder, Section, SectionStatus
from apps.reports.segments import fill_text

SAMPLES = Path(__file__).resolve().parent.parent / "apps" / "parsing" / "tests" / "samples"


def _value_for(ph: Placeholder) -> str:
    # Distinct values so each one can be found at its own place in the export.
    return {
        "number": f"{1000 + ph.pk}",
        "percent": f"{ph.pk % 50}.{ph.pk % 10}",
        "rank": f"{ph.pk % 13 + 1}",
        "year": "2018",
        "date": "2018年10月",
        "name": f"项目{ph.pk}号",
        "text": f"第{ph.pk}项工作",
    }[ph.kind]


def _login(client, user):
    client.logout()
    assert client.login(username=user.username, password=PASSWORD)


def _fill_section(client, section, override=None):
    url = reverse("reports:section_detail", args=[section.report_id, section.pk])
    assert client.get(url).status_code == 200
    data = {f"ph_{ph.pk}": (override or {}).get(ph.pk, _value_for(ph)) for ph in section.placeholders.all()}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def _eastasia(run) -> str | None:
    rpr = run._element.rPr
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


@pytest.mark.worker
def test_upload_fill_review_export(client, celery_worker_process, drafter, reviewer):
    """GIVEN a drafter and a reviewer of one office and a running worker
    WHEN the drafter uploads 000.styled.docx, fills every placeholder and submits every section,
         the reviewer returns one section, the drafter fixes it, the reviewer approves everything
    THEN the final export holds every value at its place, no placeholder is left, and fonts follow GB/T 9704.
    """
    _login(client, drafter)
    data = (SAMPLES / "000.styled.docx").read_bytes()
    response = client.post(reverse("drafts:upload_create"), {"file": SimpleUploadedFile("000.styled.docx", data)})
    assert response.status_code == 302
    upload = DraftUpload.objects.get()

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        fragment = client.get(reverse("drafts:upload_status", args=[upload.pk])).content.decode()
        if 'data-status="parsed"' in fragment or 'data-status="failed"' in fragment:
            break
        time.sleep(0.3)
    upload.refresh_from_db()
    assert upload.status == DraftUpload.Status.PARSED, (upload.status, upload.error_message)
    report = upload.report
    assert report.title == "县政府2018年工作总结暨2019年工作谋划"
    assert report.placeholders.count() >= 192

    sections = list(report.sections.order_by("order"))
    for section in sections:
        if section.placeholders.exists():
            _fill_section(client, section)
    assert not report.placeholders.filter(value="").exists()
    for section in sections:
        response = client.post(reverse("review:section_submit", args=[report.pk, section.pk]))
        assert response.status_code == 302
    assert not report.sections.exclude(status=SectionStatus.SUBMITTED).exists()

    # The final export is refused until every section is approved.
    assert client.get(reverse("exporting:report_export", args=[report.pk])).status_code == 302

    _login(client, reviewer)
    returned = next(s for s in sections if s.placeholders.exists())
    response = client.post(reverse("review:section_return", args=[report.pk, returned.pk]), {"comment": ""})
    assert Section.objects.get(pk=returned.pk).status == SectionStatus.SUBMITTED  # a comment is required
    response = client.post(
        reverse("review:section_return", args=[report.pk, returned.pk]), {"comment": "生产总值请与统计局核对"}
    )
    assert response.status_code == 302
    assert Section.objects.get(pk=returned.pk).status == SectionStatus.RETURNED

    _login(client, drafter)
    page = client.get(reverse("reports:section_detail", args=[report.pk, returned.pk])).content.decode()
    assert "生产总值请与统计局核对" in page
    first = returned.placeholders.order_by("order").first()
    fixed = {first.pk: "4321" if first.kind in ("number", "rank") else _value_for(first)}
    _fill_section(client, returned, override=fixed)
    client.post(reverse("review:section_submit", args=[report.pk, returned.pk]))

    _login(client, reviewer)
    for section in sections:
        response = client.post(reverse("review:section_approve", args=[report.pk, section.pk]), {"comment": ""})
        assert response.status_code == 302
    assert not report.sections.exclude(status=SectionStatus.APPROVED).exists()

    # Downloading the final version finalizes nothing; the 定稿并导出 button (a POST) does, then downloads.
    assert client.get(reverse("exporting:report_export", args=[report.pk])).status_code == 302
    response = client.post(reverse("exporting:report_finalize", args=[report.pk]), {"layout": "standard"})
    assert response.status_code == 302 and response.url == reverse("exporting:report_export", args=[report.pk])
    response = client.get(response.url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    document = docx.Document(io.BytesIO(response.content))
    texts = [p.text for p in document.paragraphs]
    full = "\n".join(texts)

    for raw in ("XX", "xx", "XXX"):
        assert raw not in full
    for ph in report.placeholders.all():
        assert ph.value, ph
    # Every body paragraph, with the values typed in place, is in the export.
    for section in report.sections.order_by("order"):
        body = [p for p in section.placeholders.all() if p.field == "body"]
        filled = fill_text(section.body, body, lambda p: p.display_value)
        for paragraph in filled.split("\n"):
            if paragraph:
                assert any(paragraph in text for text in texts), paragraph[:60]
    assert Placeholder.objects.get(pk=first.pk).display_value in full

    title = document.paragraphs[0]
    assert title.text == report.title
    assert _eastasia(title.runs[0]) == "方正小标宋简体" and title.runs[0].font.size.pt == 22
    level1 = next(p for p in document.paragraphs if p.text.startswith("一、"))
    assert _eastasia(level1.runs[0]) == "黑体"
    level2 = next(p for p in document.paragraphs if p.text.startswith("（一）"))
    assert _eastasia(level2.runs[0]) == "楷体_GB2312"
    body = next(p for p in document.paragraphs if p.text.startswith("今年以来"))
    assert all(_eastasia(r) == "仿宋_GB2312" and r.font.size.pt == 16 for r in body.runs if r.text.strip())
