"""Every file of the hostile corpus (tests/hostile/corpus.py) gets a clear Chinese message and creates nothing.

Each goes through the real upload view with the parse run in process, then, bypassing the
form, straight into the parse service: both layers refuse it on their own.
"""

import re
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from apps.drafts.models import DraftUpload
from apps.drafts.services import draft_parse_run, draft_upload_create
from apps.drafts.tests.hostile.corpus import CASES, FILES, SECRET_MARKER, load, xxe_file
from apps.parsing import ParseError, parse_draft
from apps.reports.models import Placeholder, Report, Section

CHINESE = re.compile(r"[\u4e00-\u9fff]{2,}")


@pytest.fixture
def run_parse_on_commit(django_capture_on_commit_callbacks):
    from unittest import mock

    def _run(callable_):
        with mock.patch("apps.drafts.tasks.draft_parse.delay", side_effect=lambda pk: draft_parse_run(upload_id=pk)):
            with django_capture_on_commit_callbacks(execute=True):
                return callable_()

    return _run


def _nothing_created():
    assert not Report.objects.exists() and not Section.objects.exists() and not Placeholder.objects.exists()


def test_the_corpus_has_at_least_thirty_files_and_the_small_ones_are_committed():
    assert len(CASES) >= 30
    for case in CASES:
        assert case.big or (FILES / case.name).is_file(), (
            f"run python -m apps.drafts.tests.hostile.corpus ({case.name})"
        )


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_hostile_upload_is_refused_with_a_chinese_message_and_creates_nothing(
    case, login, drafter, run_parse_on_commit, settings
):
    data = load(case)
    client = login(drafter)
    started = time.monotonic()
    response = run_parse_on_commit(
        lambda: client.post(reverse("drafts:upload_create"), {"file": SimpleUploadedFile(case.name, data)})
    )
    elapsed = time.monotonic() - started
    assert elapsed < 5, f"{case.name} took {elapsed:.1f} s"
    _nothing_created()
    if response.status_code == 302:  # stored, then refused by the parse
        upload = DraftUpload.objects.get()
        assert upload.status == DraftUpload.Status.FAILED
        assert upload.error_code in case.codes, (upload.error_code, upload.error_message)
        assert CHINESE.search(upload.error_message)
        assert escape(upload.error_message) in client.get(upload.get_absolute_url()).content.decode()
    else:  # refused by the form: nothing stored at all
        assert response.status_code in (200, 413)
        assert not DraftUpload.objects.exists()
        errors = response.context["form"].errors.as_data().get("file", [])
        assert errors, response.content.decode()[:500]
        assert errors[0].code in case.codes, (errors[0].code, errors[0].messages)
        message = errors[0].messages[0]
        assert CHINESE.search(message)
        assert escape(message) in response.content.decode()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_parse_service_refuses_it_on_its_own(case, org, drafter):
    """Defence in depth: the same file stored without the form's screening still fails cleanly."""
    upload = draft_upload_create(
        organization=org, user=drafter, uploaded_file=SimpleUploadedFile(case.name, load(case)), enqueue=False
    )
    started = time.monotonic()
    upload = draft_parse_run(upload_id=upload.pk)
    assert time.monotonic() - started < 5
    assert upload.status == DraftUpload.Status.FAILED
    assert upload.error_code in case.codes, (upload.error_code, upload.error_message)
    assert CHINESE.search(upload.error_message)
    _nothing_created()


def test_a_zip_bomb_is_refused_in_under_a_second_without_inflating_it(login, drafter):
    from apps.drafts.tests.hostile.corpus import overlapping_bomb
    from apps.parsing.screening import FileRejected, screen_draft

    bomb = overlapping_bomb()
    assert len(bomb) < 150 * 1024
    import io
    import zipfile

    assert sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(bomb)).infolist()) >= 1024**3
    started = time.monotonic()
    with pytest.raises(FileRejected) as refused:
        screen_draft(bomb, filename="bomb.docx")
    assert time.monotonic() - started < 1
    assert refused.value.code == "zip_bomb"


def test_no_byte_of_a_local_file_reaches_the_report(tmp_path, login, drafter, run_parse_on_commit, org):
    """An external entity pointing at a local file is refused; and the parser itself never resolves it."""
    secret = tmp_path / "secret.txt"
    secret.write_text(f"{SECRET_MARKER}\n机密内容")
    data = xxe_file(str(secret))
    client = login(drafter)
    response = run_parse_on_commit(
        lambda: client.post(reverse("drafts:upload_create"), {"file": SimpleUploadedFile("xxe.docx", data)})
    )
    assert SECRET_MARKER not in response.content.decode()
    upload = draft_upload_create(
        organization=org, user=drafter, uploaded_file=SimpleUploadedFile("xxe.docx", data), enqueue=False
    )
    upload = draft_parse_run(upload_id=upload.pk)
    assert upload.status == DraftUpload.Status.FAILED and SECRET_MARKER not in upload.error_message
    _nothing_created()
    # Even without the screening, the parser does not expand the entity.
    try:
        result = parse_draft(data, filename="xxe.docx")
    except ParseError as exc:
        assert SECRET_MARKER not in exc.message
    else:
        text = result.title + "".join(s.heading + s.body for s in result.sections)
        assert SECRET_MARKER not in text and "机密内容" not in text
