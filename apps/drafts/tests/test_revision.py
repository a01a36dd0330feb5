"""上传新版草稿 through the upload screen and the parse task (run in process), and the purge of uploads."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from apps.drafts.models import DraftUpload
from apps.drafts.services import draft_parse_run
from apps.reports.models import Placeholder, Report, ReportChange
from apps.reports.services import placeholder_fill
from apps.reports.services_lifecycle import report_delete, reports_purge_run

SAMPLES = Path(__file__).resolve().parents[2] / "parsing" / "tests" / "samples"


@pytest.fixture
def run_parse_on_commit(django_capture_on_commit_callbacks):
    def _run(callable_):
        from unittest import mock

        with mock.patch("apps.drafts.tasks.draft_parse.delay", side_effect=lambda pk: draft_parse_run(upload_id=pk)):
            with django_capture_on_commit_callbacks(execute=True):
                return callable_()

    return _run


@pytest.fixture
def uploaded(login, drafter, run_parse_on_commit, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = login(drafter)
    text = (SAMPLES / "000.gbk.txt").read_bytes().decode("gbk")
    run_parse_on_commit(
        lambda: client.post(
            reverse("drafts:upload_create"), {"file": SimpleUploadedFile("000-第一稿.txt", text.encode("utf-8"))}
        )
    )
    report = DraftUpload.objects.get().report
    return client, report, text


def test_a_revised_draft_keeps_the_typed_values_and_shows_a_summary(uploaded, drafter, run_parse_on_commit):
    """GIVEN the seed 000 draft parsed and five blanks filled WHEN the same draft with one sentence changed is
    uploaded as 上传新版草稿 THEN the five values are on their blanks again, the upload's page links to the summary,
    and the summary names the upload."""
    client, report, text = uploaded
    blanks = list(Placeholder.objects.filter(report=report, implicit=False, kind="number").order_by("pk")[:5])
    for i, blank in enumerate(blanks):
        placeholder_fill(placeholder=blank, value=str(100 + i), user=drafter)
    contexts = {b.pk: (b.section.heading, b.label) for b in blanks}
    revised = text.replace("。", "，并且继续推进。", 1)  # one sentence changed
    assert revised != text
    response = run_parse_on_commit(
        lambda: client.post(
            reverse("drafts:upload_revise", args=[report.pk]),
            {"file": SimpleUploadedFile("000-第二稿.txt", revised.encode("utf-8"))},
        )
    )
    upload = DraftUpload.objects.get(is_revision=True)
    assert response.status_code == 302 and upload.status == DraftUpload.Status.PARSED, upload.error_message
    assert upload.report_id == report.pk and Report.objects.count() == 1
    for i, blank in enumerate(blanks):
        kept = Placeholder.objects.get(pk=blank.pk)
        assert kept.value == str(100 + i) and (kept.section.heading, kept.label) == contexts[blank.pk]
    page = client.get(upload.get_absolute_url()).content.decode()
    summary_url = reverse("reports:report_revision", args=[report.pk, upload.revision_id])
    assert summary_url in page
    summary = client.get(summary_url).content.decode()
    assert "000-第二稿.txt" in summary and "沿用 <strong>5</strong> 项" in summary
    report.refresh_from_db()
    assert report.source_name == "000-第二稿.txt"


def test_a_revised_draft_is_screened_like_any_upload(uploaded):
    client, report, _ = uploaded
    response = client.post(
        reverse("drafts:upload_revise", args=[report.pk]), {"file": SimpleUploadedFile("x.docx", b"not a zip")}
    )
    assert response.status_code == 200 and not DraftUpload.objects.filter(is_revision=True).exists()
    assert "docx" in response.content.decode()


@pytest.mark.parametrize("who", ["drafter2", "reviewer"])
def test_others_may_not_upload_a_revision(uploaded, client, who, request):
    _, report, _ = uploaded
    client.force_login(request.getfixturevalue(who))
    url = reverse("drafts:upload_revise", args=[report.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"file": SimpleUploadedFile("a.txt", b"x")}).status_code == 403


def test_a_report_deleted_before_its_revision_is_parsed_keeps_its_content(uploaded, drafter, admin_user):
    """The merge runs in the worker: a report deleted meanwhile is left as it was and the upload fails, saying why."""
    client, report, text = uploaded
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("apps.drafts.services._enqueue", lambda pk: None)
        client.post(
            reverse("drafts:upload_revise", args=[report.pk]),
            {"file": SimpleUploadedFile("二稿.txt", text.encode("utf-8"))},
        )
    upload = DraftUpload.objects.get(is_revision=True)
    report_delete(report=report, user=admin_user)
    draft_parse_run(upload_id=upload.pk)
    upload.refresh_from_db()
    assert upload.status == DraftUpload.Status.FAILED and "回收站" in upload.error_message
    assert not ReportChange.objects.filter(action="revise").exists()


def test_the_purge_removes_the_reports_uploads_and_files(uploaded, admin_user, django_capture_on_commit_callbacks):
    _, report, _ = uploaded
    upload = DraftUpload.objects.get()
    path = Path(upload.file.path)
    assert path.exists()
    day0 = timezone.now() - timedelta(days=40)
    report_delete(report=report, user=admin_user, now=day0)
    with django_capture_on_commit_callbacks(execute=True):
        assert reports_purge_run(now=day0 + timedelta(days=31)) == 1
    assert not DraftUpload.objects.exists() and not path.exists()


def test_the_upload_list_leaves_out_deleted_reports(uploaded, admin_user):
    client, report, _ = uploaded
    report_delete(report=report, user=admin_user)
    assert "000-第一稿.txt" not in client.get(reverse("drafts:upload_create")).content.decode()
