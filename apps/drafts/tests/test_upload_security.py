"""Upload size enforcement before the body is read, and the original-file download."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import StopUpload
from django.test import RequestFactory
from django.urls import reverse

from apps.drafts.models import DraftUpload
from apps.drafts.services import draft_upload_create
from apps.drafts.uploads import SizeLimitUploadHandler


def _multipart(boundary: str, name: str, data: bytes, part_length: int | None = None) -> bytes:
    lying = f"Content-Length: {part_length}\r\n" if part_length is not None else ""
    return (
        (
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="file"; filename="{name}"\r\n'
            f"Content-Type: text/plain\r\n{lying}\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )


def test_a_body_declared_too_large_is_refused_before_it_is_read(login, drafter, settings):
    settings.UPLOAD_MAX_BYTES = 1000

    class Exploding:
        def read(self, *args):
            raise AssertionError("the body was read")

        readline = read

    client = login(drafter)
    response = client.post(
        reverse("drafts:upload_create"),
        data=b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(10 * 1024 * 1024),
        **{"wsgi.input": Exploding()},
    )
    assert response.status_code == 413
    assert "文件过大" in response.content.decode()
    assert not DraftUpload.objects.exists()


def test_a_file_over_the_limit_is_stopped_whatever_its_part_header_claims(login, drafter, settings):
    """The part says 100 bytes, the body carries 50 kB: the handler counts what arrives."""
    settings.UPLOAD_MAX_BYTES = 1000
    client = login(drafter)
    body = _multipart("BOUNDARY", "draft.txt", "全县生产总值完成XX亿元。".encode() * 1500, part_length=100)
    response = client.post(
        reverse("drafts:upload_create"), data=body, content_type="multipart/form-data; boundary=BOUNDARY"
    )
    assert response.status_code == 413
    assert "文件过大" in response.content.decode()
    assert not DraftUpload.objects.exists()


def test_the_handler_stops_as_soon_as_the_count_passes_the_limit(settings):
    settings.UPLOAD_MAX_BYTES = 1000
    request = RequestFactory().post("/")
    handler = SizeLimitUploadHandler(request)
    handler.new_file("file", "a.txt", "text/plain", None)
    assert handler.receive_data_chunk(b"a" * 600, 0) == b"a" * 600
    with pytest.raises(StopUpload) as stopped:
        handler.receive_data_chunk(b"a" * 600, 600)
    assert stopped.value.connection_reset
    assert request.upload_too_large


@pytest.fixture
def stored(org, drafter):
    name = '"><img src=x onerror=alert(1)>报告.html.txt'
    upload = draft_upload_create(
        organization=org,
        user=drafter,
        uploaded_file=SimpleUploadedFile(name, b"<html><script>alert(1)</script></html>"),
        enqueue=False,
    )
    return upload


def test_members_download_the_original_as_an_attachment_never_rendered(login, drafter, reviewer, stored):
    for user in (drafter, reviewer):
        response = login(user).get(reverse("drafts:upload_download", args=[stored.pk]))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"<html><script>alert(1)</script></html>"
        assert response["Content-Type"] == "application/octet-stream"
        assert response["Content-Disposition"].startswith("attachment;")
        assert "<img" not in response["Content-Disposition"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response["Content-Security-Policy"]


def test_the_stored_name_is_generated_and_outside_static_files(stored, settings):
    assert stored.file.name.startswith(f"drafts/{stored.organization_id}/")
    assert "img" not in stored.file.name and stored.file.name.endswith(".txt")
    assert not str(settings.MEDIA_ROOT).startswith(str(settings.STATIC_ROOT))
    assert "<img" in stored.original_name  # kept, and escaped wherever it is shown


def test_another_organisation_cannot_download(client, outsider, stored):
    client.force_login(outsider)
    assert client.get(reverse("drafts:upload_download", args=[stored.pk])).status_code == 404


def test_the_upload_page_links_the_download_and_escapes_the_name(login, drafter, stored):
    page = login(drafter).get(stored.get_absolute_url()).content.decode()
    assert reverse("drafts:upload_download", args=[stored.pk]) in page
    assert "<img src=x" not in page and "&lt;img src=x" in page
