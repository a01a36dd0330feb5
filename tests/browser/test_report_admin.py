"""The report itself in Chromium, on the uploaded seed 000 draft: rename it, upload a revised draft with one
sentence changed, check that every value survived, export and read the .docx."""

import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.drafts.models import DraftUpload
from apps.drafts.services import draft_parse_run, draft_upload_create
from apps.exporting.tests.samples import sample_bytes
from apps.notifications.models import Notification
from apps.reports.models import Placeholder, Report, SectionStatus
from apps.reports.services import placeholder_fill

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OLD, NEW = "略低于去年", "略低于上年"


@pytest.fixture
def seed_report(org, drafter, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    # No worker in this test: the parse the upload screen enqueues is run below as the worker would run it.
    monkeypatch.setattr("apps.drafts.services._enqueue", lambda pk: None)
    upload = draft_upload_create(
        organization=org,
        user=drafter,
        uploaded_file=SimpleUploadedFile("000.docx", sample_bytes("000.styled.docx")),
        enqueue=False,
    )
    return draft_parse_run(upload_id=upload.pk).report


def _revised_docx() -> bytes:
    document = docx.Document(io.BytesIO(sample_bytes("000.styled.docx")))
    runs = [r for p in document.paragraphs for r in p.runs if OLD in r.text]
    assert len(runs) == 1
    runs[0].text = runs[0].text.replace(OLD, NEW)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _press(page, selector):
    page.focus(selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_rename_then_revised_draft_keeps_every_value_then_export(
    page, live_server, sign_in, seed_report, drafter, reviewer, shots
):
    """GIVEN seed 000 parsed, ten blanks filled across sections, （二） and （四） approved
    WHEN the drafter renames the report and sets its year, then uploads a revised draft in which one sentence of
    （四） changed (略低于去年 → 略低于上年)
    THEN the home page shows the new title, year and file; every value is on its blank again; （二） stays
    approved, （四） is back in 草稿 and the reviewer is told; the summary lists nothing dropped; the exported
    .docx reads the new title, the changed sentence and the values."""
    report = seed_report
    blanks = list(Placeholder.objects.filter(report=report, kind="number").order_by("section__order", "order"))[::6][
        :10
    ]
    assert len(blanks) == 10 and len({b.section_id for b in blanks}) >= 4
    for i, blank in enumerate(blanks):
        placeholder_fill(placeholder=blank, value=str(301 + i), user=drafter)
    projects = report.sections.get(heading="项目建设成效显著")
    farming = report.sections.get(heading="农业农村快速发展")
    report.sections.filter(pk__in=[projects.pk, farming.pk]).update(status=SectionStatus.APPROVED)
    sign_in(drafter)

    # Rename and set the year on 报告信息, keyboard only.
    page.goto(f"{live_server.url}{report.get_absolute_url()}")
    _press(page, "#report-settings-link")
    page.fill("input[name=title]", "示范县2018年工作总结（修订稿）")
    page.fill("input[name=year]", "2018")
    _press(page, "#report-details-form input[type=submit]")
    assert "已保存" in page.inner_text(".alert-success")
    assert "修改标题" in page.inner_text("#report-changes")
    page.screenshot(path=str(shots / "report-settings.png"), full_page=True)

    # 上传新版草稿 with one sentence changed; the parse runs as the worker runs it, the page polls.
    _press(page, "#revise-link")
    page.set_input_files(
        "input[name=file]",
        files=[{"name": "000-修订.docx", "mimeType": "application/octet-stream", "buffer": _revised_docx()}],
    )
    _press(page, "#submit-id-submit")
    upload = DraftUpload.objects.get(is_revision=True)
    draft_parse_run(upload_id=upload.pk)
    page.wait_for_selector("#revision-summary-link")
    _press(page, "#revision-summary-link")
    assert "未能沿用 0 项" in page.inner_text("#revision-counts").replace("\n", "")
    assert "农业农村快速发展" in page.inner_text("#revision-sections")
    page.screenshot(path=str(shots / "report-revision-summary.png"), full_page=True)

    for i, blank in enumerate(blanks):
        assert Placeholder.objects.get(pk=blank.pk).value == str(301 + i), blank.label
    farming.refresh_from_db()
    projects.refresh_from_db()
    assert NEW in farming.body and farming.status == SectionStatus.DRAFT
    assert projects.status == SectionStatus.APPROVED
    assert Notification.objects.filter(recipient=reviewer, kind=Notification.Kind.REVISED).exists()

    page.goto(f"{live_server.url}/")
    row = page.inner_text("#report-table tbody tr:first-child")
    assert "示范县2018年工作总结（修订稿）" in row and "2018" in row and "000-修订.docx" in row and "drafter" in row
    assert Report.objects.count() == 1

    response = page.request.get(f"{live_server.url}/reports/{report.pk}/export/?draft=1")
    assert response.status == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.body())).paragraphs)
    assert "示范县2018年工作总结（修订稿）" in text
    assert NEW in text and OLD not in text
    for i in range(10):
        assert str(301 + i) in text
