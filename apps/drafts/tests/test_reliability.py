"""The parse service's guards and the sweeper, in process (the real workers are in tests/test_worker_reliability.py)."""

from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from apps.drafts.models import DraftUpload
from apps.drafts.services import MAX_ATTEMPTS, MAX_REQUEUES, draft_parse_run, draft_sweep_run, draft_upload_create
from apps.reports.models import Report, Section

SAMPLE = Path(__file__).resolve().parents[2] / "parsing" / "tests" / "samples" / "004.utf8.txt"


@pytest.fixture
def upload(org, drafter):
    return draft_upload_create(
        organization=org, user=drafter, uploaded_file=SimpleUploadedFile("004.txt", SAMPLE.read_bytes()), enqueue=False
    )


def _claim(upload, token="other", ago=0, attempts=1):
    DraftUpload.objects.filter(pk=upload.pk).update(
        status=DraftUpload.Status.PARSING,
        parse_token=token,
        parse_started_at=timezone.now() - timedelta(seconds=ago),
        attempts=attempts,
    )


def test_a_delivery_leaves_an_upload_another_delivery_is_parsing(upload):
    _claim(upload, token="first")
    result = draft_parse_run(upload_id=upload.pk, token="second")
    assert result.status == DraftUpload.Status.PARSING and result.attempts == 1
    assert not Report.objects.exists()


def test_a_redelivered_message_resumes_its_own_interrupted_parse(upload):
    _claim(upload, token="same")
    result = draft_parse_run(upload_id=upload.pk, token="same")
    assert result.status == DraftUpload.Status.PARSED and result.attempts == 2


def test_a_stale_lease_is_taken_over(upload, settings):
    _claim(upload, token="dead", ago=settings.PARSE_STUCK_AFTER + 1)
    assert draft_parse_run(upload_id=upload.pk, token="new").status == DraftUpload.Status.PARSED


def test_redeliveries_are_bounded_and_end_with_a_message(upload):
    _claim(upload, token="same", attempts=MAX_ATTEMPTS)
    result = draft_parse_run(upload_id=upload.pk, token="same")
    assert result.status == DraftUpload.Status.FAILED and result.error_code == "too_many_attempts"
    assert "多次尝试" in result.error_message and not Report.objects.exists()


def test_the_soft_time_limit_fails_the_upload_with_a_message(upload):
    with mock.patch("apps.drafts.services.parse_draft", side_effect=SoftTimeLimitExceeded()):
        result = draft_parse_run(upload_id=upload.pk)
    assert result.status == DraftUpload.Status.FAILED and result.error_code == "timeout"
    assert "超时" in result.error_message


def test_the_test_hook_sleeps_only_when_testing(upload, settings, monkeypatch):
    monkeypatch.setenv("DRAFT_PARSE_TEST_DELAY", "5")
    settings.DEBUG, settings.TESTING = False, False
    with mock.patch("apps.drafts.services.time.sleep") as sleep:
        draft_parse_run(upload_id=upload.pk)
    sleep.assert_not_called()


def test_a_broker_outage_at_upload_time_does_not_break_the_upload(org, drafter, django_capture_on_commit_callbacks):
    with mock.patch("apps.drafts.tasks.draft_parse.delay", side_effect=ConnectionError("broker down")):
        with django_capture_on_commit_callbacks(execute=True):
            upload = draft_upload_create(
                organization=org, user=drafter, uploaded_file=SimpleUploadedFile("a.txt", SAMPLE.read_bytes())
            )
    assert DraftUpload.objects.get(pk=upload.pk).status == DraftUpload.Status.PENDING


def test_the_sweeper_requeues_a_parse_stuck_past_its_lease(upload, settings, django_capture_on_commit_callbacks):
    _claim(upload, token="dead", ago=settings.PARSE_STUCK_AFTER + 5)
    with mock.patch("apps.drafts.tasks.draft_parse.delay") as delay:
        with django_capture_on_commit_callbacks(execute=True):
            assert draft_sweep_run()["requeued"] == 1
    delay.assert_called_once_with(upload.pk)
    upload.refresh_from_db()
    assert upload.status == DraftUpload.Status.PENDING and upload.parse_token == "" and upload.requeues == 1


def test_the_sweeper_fails_a_stuck_parse_after_the_last_attempt(upload, settings):
    _claim(upload, token="dead", ago=settings.PARSE_STUCK_AFTER + 5, attempts=MAX_ATTEMPTS)
    assert draft_sweep_run()["failed"] == 1
    upload.refresh_from_db()
    assert upload.status == DraftUpload.Status.FAILED and upload.error_code == "stuck" and upload.error_message


def test_the_sweeper_leaves_fresh_parses_and_recent_pending_uploads_alone(upload, org, drafter):
    _claim(upload, token="alive", ago=5)
    draft_upload_create(organization=org, user=drafter, uploaded_file=SimpleUploadedFile("b.txt", b"x" * 50))
    with mock.patch("apps.drafts.tasks.draft_parse.delay") as delay:
        assert draft_sweep_run() == {"requeued": 0, "failed": 0, "skipped": 0}
    delay.assert_not_called()


def test_the_sweeper_requeues_a_pending_upload_whose_message_was_lost(
    upload, settings, django_capture_on_commit_callbacks
):
    old = timezone.now() - timedelta(seconds=settings.PARSE_PENDING_AFTER + 5)
    DraftUpload.objects.filter(pk=upload.pk).update(created_at=old, enqueued_at=old)
    with mock.patch("apps.drafts.tasks.draft_parse.delay") as delay:
        with django_capture_on_commit_callbacks(execute=True):
            assert draft_sweep_run()["requeued"] == 1
    delay.assert_called_once_with(upload.pk)
    DraftUpload.objects.filter(pk=upload.pk).update(enqueued_at=old, requeues=MAX_REQUEUES)
    assert draft_sweep_run()["failed"] == 1
    assert DraftUpload.objects.get(pk=upload.pk).error_code == "lost"


def test_a_requeued_upload_parses_into_one_set_of_sections(upload, settings, django_capture_on_commit_callbacks):
    _claim(upload, token="dead", ago=settings.PARSE_STUCK_AFTER + 5)
    with mock.patch("apps.drafts.tasks.draft_parse.delay", side_effect=lambda pk: draft_parse_run(upload_id=pk)):
        with django_capture_on_commit_callbacks(execute=True):
            draft_sweep_run()
    upload.refresh_from_db()
    assert upload.status == DraftUpload.Status.PARSED and Report.objects.count() == 1
    assert Section.objects.count() == upload.report.sections.count()


def test_a_late_failure_never_overwrites_a_parse_finished_by_another_delivery(upload):
    def finished_elsewhere(*_args, **_kwargs):
        DraftUpload.objects.filter(pk=upload.pk).update(status=DraftUpload.Status.PARSED)
        raise SoftTimeLimitExceeded()

    with mock.patch("apps.drafts.services.parse_draft", side_effect=finished_elsewhere):
        result = draft_parse_run(upload_id=upload.pk)
    assert result.status == DraftUpload.Status.PARSED and result.error_code == ""
