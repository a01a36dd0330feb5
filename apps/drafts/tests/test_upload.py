"""Upload → parse, with the parse run in process (the worker path is in tests/test_end_to_end.py)."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.drafts.models import DraftUpload
from apps.drafts.services import draft_parse_run, draft_upload_create
from apps.reports.models import Report

SAMPLES = Path(__file__).resolve().parents[2] / "parsing" / "tests" / "samples"


def _upload(client, name, data, **extra):
    return client.post(reverse("drafts:upload_create"), {"file": SimpleUploadedFile(name, data), **extra})


@pytest.fixture
def run_parse_on_commit(django_capture_on_commit_callbacks):
    """Run the enqueued parse in process, as the worker would."""

    def _run(callable_):
        from unittest import mock

        with mock.patch("apps.drafts.tasks.draft_parse.delay", side_effect=lambda pk: draft_parse_run(upload_id=pk)):
            with django_capture_on_commit_callbacks(execute=True):
                return callable_()

    return _run


def test_uploading_a_gbk_text_creates_a_report(login, drafter, run_parse_on_commit):
    client = login(drafter)
    response = run_parse_on_commit(lambda: _upload(client, "000.gbk.txt", (SAMPLES / "000.gbk.txt").read_bytes()))
    upload = DraftUpload.objects.get()
    assert response.status_code == 302 and response.url == upload.get_absolute_url()
    assert upload.status == DraftUpload.Status.PARSED, upload.error_message
    assert upload.report.title == "县政府2018年工作总结暨2019年工作谋划"
    assert upload.report.placeholders.filter(implicit=False).count() == 192
    page = client.get(upload.get_absolute_url()).content.decode()
    assert "解析完成" in page and upload.report.get_absolute_url() in page


def test_the_status_fragment_polls_until_the_parse_ends(login, drafter, org):
    client = login(drafter)
    upload = DraftUpload.objects.create(
        organization=org, uploaded_by=drafter, file="drafts/x.txt", original_name="x.txt", sha256="0"
    )
    fragment = client.get(reverse("drafts:upload_status", args=[upload.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in fragment and "排队等待解析" in fragment
    DraftUpload.objects.filter(pk=upload.pk).update(status="failed", error_message="文件为空")
    fragment = client.get(reverse("drafts:upload_status", args=[upload.pk])).content.decode()
    assert "hx-trigger" not in fragment and "文件为空" in fragment


def _not_a_zip():
    return b"This is not a zip file at all, only text pretending to be Word." * 4


def _binary():
    return bytes(range(256)) * 64


@pytest.mark.parametrize(
    ("name", "data", "message_part"),
    [
        ("empty.txt", b"", "空"),
        ("broken.docx", _not_a_zip(), "docx"),
        ("program.txt", _binary(), ""),
    ],
)
def test_bad_files_end_with_a_clear_message_and_no_report(
    login, drafter, run_parse_on_commit, name, data, message_part
):
    client = login(drafter)
    response = run_parse_on_commit(lambda: _upload(client, name, data))
    assert Report.objects.count() == 0
    if response.status_code == 302:
        upload = DraftUpload.objects.get()
        assert upload.status == DraftUpload.Status.FAILED
        assert upload.error_message and message_part in upload.error_message
        assert upload.error_message in client.get(upload.get_absolute_url()).content.decode()
    else:  # refused by the form before storing anything
        assert response.status_code == 200
        assert message_part in response.content.decode()
        assert not DraftUpload.objects.exists()


def test_an_upload_over_the_limit_is_refused_before_it_is_stored(login, drafter, settings):
    client = login(drafter)
    big = b"A" * (21 * 1024 * 1024)
    response = _upload(client, "big.txt", big)
    assert response.status_code == 413
    assert "文件过大" in response.content.decode()
    assert not DraftUpload.objects.exists() and not Report.objects.exists()


def test_a_file_just_under_the_form_limit_but_over_the_setting_is_refused(login, drafter, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    client = login(drafter)
    response = _upload(client, "a.txt", "全县生产总值完成XX亿元。".encode() * 100)
    assert "文件过大" in response.content.decode()
    assert not DraftUpload.objects.exists()


def test_an_unknown_extension_is_refused(login, drafter):
    response = _upload(login(drafter), "report.pdf", b"%PDF-1.4")
    assert "不支持" in response.content.decode()
    assert not DraftUpload.objects.exists()


def test_a_parse_delivered_twice_leaves_one_report(org, drafter):
    data = (SAMPLES / "004.utf8.txt").read_bytes()
    upload = draft_upload_create(
        organization=org, user=drafter, uploaded_file=SimpleUploadedFile("004.txt", data), enqueue=False
    )
    draft_parse_run(upload_id=upload.pk)
    draft_parse_run(upload_id=upload.pk)
    assert Report.objects.count() == 1
    assert DraftUpload.objects.get().attempts == 1


def test_a_zip_that_is_not_a_word_document_fails_cleanly(org, drafter):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    upload = draft_upload_create(
        organization=org, user=drafter, uploaded_file=SimpleUploadedFile("x.docx", buffer.getvalue()), enqueue=False
    )
    upload = draft_parse_run(upload_id=upload.pk)
    assert upload.status == DraftUpload.Status.FAILED and upload.error_message
    assert not Report.objects.exists()
