"""The parse service's guards and the sweeper, in process (the real workers are in tests/test_worker_reliability.py)."""

from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DataError, InterfaceError, OperationalError
from django.utils import timezone

from apps.drafts.models import DraftUpload
from apps.drafts.services import MAX_ATTEMPTS, MAX_REQUEUES, draft_parse_run, draft_sweep_run, draft_upload_create
from apps.drafts.tasks import draft_parse
from apps.reports.models import Placeholder, Report, Section

SAMPLE = Path(__file__).resolve().parents[2] / "parsing" / "tests" / "samples" / "004.utf8.txt"


@pytest.fixture
def upload(org, drafter):
    return draft_upload_create(
        organization=org, user=drafter, uploaded_file=SimpleUploadedFile("004.txt", SAMPLE.read_bytes()), enqueue=False
    )


def _claim(upload, token="other", ago=0, attempts=1, node=""):
    DraftUpload.objects.filter(pk=upload.pk).update(
        status=DraftUpload.Status.PARSING,
        parse_token=token,
        parse_started_at=timezone.now() - timedelta(seconds=ago),
        attempts=attempts,
        parse_node=node,
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


@pytest.mark.parametrize(
    "target",
    ["apps.drafts.services.report_create_from_parse", "apps.drafts.services._progress", "apps.drafts.services._save"],
)
def test_the_soft_time_limit_while_saving_fails_the_upload_and_leaves_no_half_report(upload, target):
    """The limit may fire in any step after the parse: the upload ends failed, never stuck in parsing."""
    calls = {"n": 0}

    def fire(*args, **kwargs):
        calls["n"] += 1
        if target.endswith("_progress") and calls["n"] < 2:  # the "parsing" step passes, "saving" fires
            return None
        raise SoftTimeLimitExceeded()

    with mock.patch(target, side_effect=fire):
        result = draft_parse_run(upload_id=upload.pk)
    assert result.status == DraftUpload.Status.FAILED and result.error_code == "timeout"
    assert "超时" in result.error_message
    assert not Report.objects.exists() and not Section.objects.exists()


def test_a_deterministic_database_error_fails_the_upload_at_once_with_the_right_reason(upload):
    """A value that does not fit a column is not transient: no retry, no "多次尝试" message."""
    with mock.patch("apps.drafts.services.report_create_from_parse", side_effect=DataError("value too long")):
        result = draft_parse_run(upload_id=upload.pk)
    assert result.status == DraftUpload.Status.FAILED and result.error_code == "internal"
    assert result.attempts == 1 and "内部错误" in result.error_message


def test_a_transient_database_error_propagates_so_that_the_task_retries(upload):
    with mock.patch("apps.drafts.services.report_create_from_parse", side_effect=OperationalError("connection lost")):
        with pytest.raises(OperationalError):
            draft_parse_run(upload_id=upload.pk)
    assert DraftUpload.objects.get(pk=upload.pk).status == DraftUpload.Status.PARSING
    assert draft_parse.autoretry_for == (OperationalError, InterfaceError)


def test_long_placeholder_runs_are_stored_whole(org, drafter):
    """70 X and 80 ＿ used to overflow Placeholder.raw and fail the upload as if a worker had died."""
    text = "县政府工作总结\n全县生产总值完成" + "X" * 70 + "亿元，新建" + "＿" * 80 + "。\n"
    upload = draft_upload_create(
        organization=org, user=drafter, uploaded_file=SimpleUploadedFile("a.txt", text.encode()), enqueue=False
    )
    result = draft_parse_run(upload_id=upload.pk)
    assert result.status == DraftUpload.Status.PARSED, result.error_message
    assert sorted(len(p.raw) for p in Placeholder.objects.filter(report=result.report)) == [70, 80]


def test_a_restarted_worker_sweeps_at_once_what_its_dead_incarnation_was_parsing(
    upload, org, drafter, django_capture_on_commit_callbacks
):
    """Young parses of an earlier incarnation of the restarted node are requeued; others' are left."""
    other = draft_upload_create(
        organization=org, user=drafter, uploaded_file=SimpleUploadedFile("b.txt", SAMPLE.read_bytes()), enqueue=False
    )
    mine = draft_upload_create(
        organization=org, user=drafter, uploaded_file=SimpleUploadedFile("c.txt", SAMPLE.read_bytes()), enqueue=False
    )
    _claim(upload, token="dead", ago=5, node="celery@host#old")
    _claim(other, token="alive", ago=5, node="celery@otherhost#abc")
    _claim(mine, token="current", ago=5, node="celery@host#new")
    with mock.patch("apps.drafts.tasks.draft_parse.delay") as delay:
        with django_capture_on_commit_callbacks(execute=True):
            counts = draft_sweep_run(restarted="celery@host#new")
    assert counts["requeued"] == 1
    delay.assert_called_once_with(upload.pk)
    statuses = dict(DraftUpload.objects.values_list("pk", "status"))
    assert statuses[upload.pk] == DraftUpload.Status.PENDING
    assert statuses[other.pk] == statuses[mine.pk] == DraftUpload.Status.PARSING
    # Without the restart, a young parse is left alone.
    _claim(upload, token="dead", ago=5, node="celery@host#old")
    assert draft_sweep_run()["requeued"] == 0


def test_the_parse_records_the_worker_that_claimed_it(upload):
    draft_parse_run(upload_id=upload.pk, node="celery@host#abc")
    assert DraftUpload.objects.get(pk=upload.pk).parse_node == "celery@host#abc"


def test_the_test_hook_sleeps_only_when_testing(upload, settings):
    settings.DRAFT_PARSE_TEST_DELAY = 5
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
