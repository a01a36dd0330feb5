"""The parse survives a killed worker, a duplicated delivery and a broker outage.

Each test runs real Celery worker processes on a private redis-server (started by the test on
a free port, keeping nothing on disk) and the test database. Without redis-server they skip,
except in CI (REQUIRE_SERVICES=1) where they fail. Timings are kept short through settings
read from the environment: CELERY_VISIBILITY_TIMEOUT, PARSE_PENDING_AFTER, PARSE_SWEEP_INTERVAL,
and the test hook DRAFT_PARSE_TEST_DELAY (honoured with DJANGO_TESTING=1 only).
"""

import os
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.drafts.models import DraftUpload
from apps.drafts.services import draft_upload_create
from apps.parsing import parse_draft
from apps.reports.models import Report, Section
from tests.conftest import kill_worker, start_worker, stop_worker, use_broker

pytestmark = [pytest.mark.worker, pytest.mark.reliability]

SAMPLE = Path(__file__).resolve().parent.parent / "apps" / "parsing" / "tests" / "samples" / "004.utf8.txt"
VISIBILITY = 3


@pytest.fixture
def sample():
    data = SAMPLE.read_bytes()
    return data, len(parse_draft(data, filename=SAMPLE.name).sections)


def _env(redis_url: str, **extra) -> dict:
    return {"REDIS_URL": redis_url, "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY), "DJANGO_TESTING": "1", **extra}


def _wait(predicate, timeout: float, what: str, log: Path | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    tail = log.read_text(errors="replace")[-4000:] if log and log.exists() else ""
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}\n{tail}")


def _upload(client, data, name="004.txt"):
    response = client.post(reverse("drafts:upload_create"), {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 302, response.content.decode()[:500]
    return DraftUpload.objects.order_by("-pk").first()


def _one_set_of_sections(upload: DraftUpload, expected: int) -> None:
    upload.refresh_from_db()
    assert upload.status == DraftUpload.Status.PARSED, (upload.status, upload.error_code, upload.error_message)
    assert Report.objects.filter(uploads=upload).count() == 1
    assert Section.objects.filter(report=upload.report).count() == expected
    assert Section.objects.filter(report=upload.report, order=0).count() == 1


def test_a_worker_killed_in_the_middle_of_a_parse_is_replaced_and_the_upload_ends_parsed_once(
    client, transactional_db, drafter, private_redis, tmp_path, sample
):
    """GIVEN a worker parsing an upload, stopped by a test hook between the parse and the save
    WHEN the worker gets SIGKILL (with its pool) and a new worker starts
    THEN Redis redelivers the unacknowledged message, the new worker parses it again (attempt 2)
    and the upload ends parsed with exactly one set of sections.
    """
    data, expected = sample
    client.force_login(drafter)
    with use_broker(private_redis.url, VISIBILITY):
        doomed_log = tmp_path / "doomed.log"
        doomed = start_worker(
            doomed_log, extra_env=_env(private_redis.url, DRAFT_PARSE_TEST_DELAY="120"), name="doomed"
        )
        try:
            upload = _upload(client, data)
            _wait(
                lambda: b"test hook: sleeping" in doomed_log.read_bytes(), 60, "the parse to reach the hook", doomed_log
            )
            kill_worker(doomed)
        finally:
            kill_worker(doomed)
        upload.refresh_from_db()
        assert upload.status == DraftUpload.Status.PARSING and upload.attempts == 1 and upload.report_id is None
        assert not Section.objects.exists()

        rescuer_log = tmp_path / "rescuer.log"
        rescuer = start_worker(rescuer_log, extra_env=_env(private_redis.url), name="rescuer")
        try:
            _wait(lambda: DraftUpload.objects.get(pk=upload.pk).is_finished, 60, "the redelivered parse", rescuer_log)
        finally:
            stop_worker(rescuer)
    _one_set_of_sections(upload, expected)
    assert DraftUpload.objects.get(pk=upload.pk).attempts == 2
    assert Report.objects.count() == 1 and Section.objects.count() == expected


def test_the_same_task_delivered_twice_at_once_leaves_one_set_of_sections(
    transactional_db, org, drafter, private_redis, tmp_path, sample
):
    """GIVEN a worker with two pool processes
    WHEN the same parse task (same id, as a redelivery carries) is delivered twice at once
    THEN both parse, one saves, the other finds the upload parsed: one report, one set of sections.
    """
    from apps.drafts.tasks import draft_parse

    data, expected = sample
    upload = draft_upload_create(
        organization=org, user=drafter, uploaded_file=SimpleUploadedFile("004.txt", data), enqueue=False
    )
    log = tmp_path / "twice.log"
    with use_broker(private_redis.url, VISIBILITY):
        worker = start_worker(log, extra_env=_env(private_redis.url, DRAFT_PARSE_TEST_DELAY="2"), concurrency=2)
        try:
            task_id = str(uuid.uuid4())
            draft_parse.apply_async(args=[upload.pk], task_id=task_id)
            draft_parse.apply_async(args=[upload.pk], task_id=task_id)
            _wait(lambda: DraftUpload.objects.get(pk=upload.pk).is_finished, 60, "the parse", log)
            _wait(lambda: log.read_text(errors="replace").count(f"[{task_id}] succeeded") >= 2, 30, "both", log)
        finally:
            stop_worker(worker)
    text = log.read_text(errors="replace")
    assert text.count("test hook: sleeping") == 2, "the two deliveries did not both parse"
    _one_set_of_sections(upload, expected)
    assert Report.objects.count() == 1 and Section.objects.count() == expected


def test_no_upload_is_lost_when_redis_stops_for_a_few_seconds(
    client, transactional_db, drafter, private_redis, tmp_path, sample
):
    """GIVEN a worker with the sweeper (celery beat) and uploads queued and being parsed
    WHEN Redis stops, two more drafts are uploaded while it is down, and it comes back empty
    THEN every upload ends parsed with one set of sections: the enqueue failure did not break
    the upload page, and the sweeper re-enqueued the uploads whose messages were lost.
    """
    data, expected = sample
    client.force_login(drafter)
    log = tmp_path / "outage.log"
    # PARSE_STUCK_AFTER short as well: a parse that hit a transient database error (SQLite's "database is
    # locked" under two workers) publishes its retry while Redis is down, and that message is lost too; the
    # sweeper's stuck path takes it up (in production after 210 s, here well within the wait below).
    env = _env(
        private_redis.url,
        DRAFT_PARSE_TEST_DELAY="1",
        PARSE_PENDING_AFTER="4",
        PARSE_STUCK_AFTER="20",
        PARSE_SWEEP_INTERVAL="1",
    )
    with use_broker(private_redis.url, VISIBILITY):
        worker = start_worker(log, extra_env=env, concurrency=2, beat=True)
        try:
            uploads = [_upload(client, data, f"before-{i}.txt") for i in range(4)]
            _wait(lambda: DraftUpload.objects.filter(status=DraftUpload.Status.PARSING).exists(), 30, "a parse", log)
            private_redis.stop()
            started = time.monotonic()
            uploads += [_upload(client, data, f"during-{i}.txt") for i in range(2)]
            assert time.monotonic() - started < 10, "publishing to a stopped broker must fail fast"
            time.sleep(3)
            private_redis.start()
            ids = [u.pk for u in uploads]
            _wait(
                lambda: DraftUpload.objects.filter(pk__in=ids, status=DraftUpload.Status.PARSED).count() == len(ids),
                120,
                "every upload to be parsed",
                log,
            )
        finally:
            stop_worker(worker)
    for upload in uploads:
        _one_set_of_sections(upload, expected)
    # The two uploaded while Redis was down had no message at all: only the sweeper could save them.
    assert all(DraftUpload.objects.get(pk=u.pk).requeues >= 1 for u in uploads[4:])
    assert Report.objects.count() == len(uploads)
    assert Section.objects.count() == expected * len(uploads)


def _start_run_worker(log_path: Path, extra_env: dict) -> subprocess.Popen:
    """`manage.py run_worker`, the command `make run` starts, on the test database and queue."""
    from django.conf import settings

    from tests.conftest import worker_env

    env = worker_env(extra_env)
    process = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "run_worker",
            "--queues",
            settings.CELERY_TASK_DEFAULT_QUEUE,
            "--name",
            f"runworker-{os.getpid()}@%h",
            "--schedule",
            str(log_path.with_suffix(".beat")),
        ],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        stdout=log_path.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    _wait(lambda: b"ready." in log_path.read_bytes() or process.poll() is not None, 90, "the worker", log_path)
    assert process.poll() is None, log_path.read_text(errors="replace")
    return process


def _worker_pids(log_path: Path) -> list[int]:
    return [int(pid) for pid in re.findall(rb"run_worker: worker started \(pid (\d+)\)", log_path.read_bytes())]


def _stop_run_worker(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()  # run_worker forwards a warm shutdown, then kills what lingers
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            pass
    kill_worker(process)


def test_kill_9_of_the_worker_main_process_under_make_run_ends_the_upload_parsed_within_5_minutes(
    client, transactional_db, drafter, private_redis, tmp_path, sample
):
    """GIVEN the worker `make run` starts (run_worker: worker + embedded beat) parsing an upload,
    with Redis' visibility timeout at its default of an hour
    WHEN the worker's main process gets SIGKILL (its pool children are not signalled)
    THEN run_worker starts a new incarnation, whose start-up sweep re-enqueues the orphaned parse
    at once, and the upload ends parsed, once, well within 5 minutes.
    """
    data, expected = sample
    client.force_login(drafter)
    log = tmp_path / "run_worker.log"
    env = {"REDIS_URL": private_redis.url, "DJANGO_TESTING": "1", "DRAFT_PARSE_TEST_DELAY": "8"}
    with use_broker(private_redis.url, 3600):
        supervisor = _start_run_worker(log, env)
        try:
            upload = _upload(client, data)
            _wait(lambda: b"test hook: sleeping" in log.read_bytes(), 60, "the parse to reach the hook", log)
            killed_at = time.monotonic()
            os.kill(_worker_pids(log)[-1], signal.SIGKILL)
            _wait(lambda: len(_worker_pids(log)) >= 2, 30, "run_worker to start a new worker", log)
            _wait(lambda: DraftUpload.objects.get(pk=upload.pk).is_finished, 240, "the upload to end", log)
            elapsed = time.monotonic() - killed_at
        finally:
            _stop_run_worker(supervisor)
    upload.refresh_from_db()
    assert upload.status == DraftUpload.Status.PARSED, upload.error_message
    assert elapsed < 300
    _one_set_of_sections(upload, expected)


def test_the_soft_time_limit_while_saving_ends_the_upload_failed_through_a_real_worker(
    client, transactional_db, drafter, private_redis, tmp_path, sample, monkeypatch
):
    """GIVEN a worker whose soft time limit is 3 s and a parse held 10 s between parse and save
    WHEN the limit fires in the saving step (the progress shows 80 %)
    THEN the upload ends failed with the Chinese timeout message, not stuck in parsing.
    """
    from apps.drafts.tasks import draft_parse

    data, _expected = sample
    client.force_login(drafter)
    # The publisher's limits travel in the message and win over the worker's: set both.
    monkeypatch.setattr(draft_parse, "soft_time_limit", 3)
    monkeypatch.setattr(draft_parse, "_exec_options", None)  # Celery caches the options it publishes with
    env = _env(private_redis.url, DRAFT_PARSE_TEST_DELAY="10", PARSE_SOFT_TIME_LIMIT="3")
    with use_broker(private_redis.url, VISIBILITY):
        log = tmp_path / "worker.log"
        worker = start_worker(log, extra_env=env)
        try:
            upload = _upload(client, data)
            _wait(lambda: DraftUpload.objects.get(pk=upload.pk).is_finished, 60, "the upload to end", log)
        finally:
            stop_worker(worker)
    upload.refresh_from_db()
    assert upload.status == DraftUpload.Status.FAILED and upload.error_code == "timeout", upload.error_code
    assert "超时" in upload.error_message and upload.report_id is None
    assert b"fired while saving" in log.read_bytes()
