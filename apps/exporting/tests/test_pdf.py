"""导出 PDF: the request reuses or enqueues a rendering; the worker's run ends done, unavailable or failed.

The conversion itself is LibreOffice's (test_render.py, the browser test); here ``soffice`` is
either missing, a script that hangs, or replaced by a stub, so that these tests run anywhere.
"""

from __future__ import annotations

import stat
import sys

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from apps.exporting import services_pdf
from apps.exporting.fonts import parse_fc_list, profile_font_status
from apps.exporting.models import ExportRendering
from apps.exporting.services_pdf import export_rendering_request, export_rendering_run
from apps.reports.models import Placeholder


@pytest.fixture
def enqueued(monkeypatch):
    calls = []
    monkeypatch.setattr(services_pdf, "enqueue", lambda name, *args: calls.append((name, *args)))
    return calls


@pytest.fixture
def fake_render(monkeypatch, settings):
    """A LibreOffice that 'converts' to a 5-page PDF, and poppler that draws each page."""
    settings.EXPORT_SOFFICE = sys.executable  # found on PATH lookups: an absolute path that exists
    converted = []

    def convert(data, **kwargs):
        converted.append((data[:2], kwargs))
        return b"%PDF-1.4 fake"

    monkeypatch.setattr(services_pdf, "convert_to_pdf", convert)
    monkeypatch.setattr(services_pdf, "pdf_page_count", lambda pdf: 5)
    monkeypatch.setattr(services_pdf, "pdf_page_png", lambda pdf, page, dpi: f"png {page} {dpi}".encode())
    return converted


def _request(report, user, capture, **kwargs):
    with capture(execute=True):
        return export_rendering_request(report=report, user=user, **{"layout": "standard", "draft": True, **kwargs})


def test_request_enqueues_once_per_content_and_again_after_a_change(
    seed_report, drafter, enqueued, django_capture_on_commit_callbacks
):
    """GIVEN a report WHEN 导出 PDF is asked twice THEN one rendering, one task;
    WHEN a value changes THEN a new rendering (the cached one no longer matches the report)."""
    first = _request(seed_report, drafter, django_capture_on_commit_callbacks)
    again = _request(seed_report, drafter, django_capture_on_commit_callbacks)
    # Still pending: enqueued again (a message lost with the broker), the worker's claim runs it once.
    assert again.pk == first.pk
    assert enqueued == [(services_pdf.TASK, first.pk)] * 2
    ExportRendering.objects.filter(pk=first.pk).update(status=ExportRendering.Status.DONE)
    assert _request(seed_report, drafter, django_capture_on_commit_callbacks).pk == first.pk
    assert len(enqueued) == 2

    ph = Placeholder.objects.filter(report=seed_report).first()
    ph.value = "99.9"
    ph.save()
    changed = _request(seed_report, drafter, django_capture_on_commit_callbacks)
    assert changed.pk != first.pk and changed.content_key != first.content_key
    assert enqueued[-1] == (services_pdf.TASK, changed.pk)


def test_a_done_rendering_is_reused_while_nothing_changed(
    seed_report, drafter, enqueued, django_capture_on_commit_callbacks
):
    rendering = _request(seed_report, drafter, django_capture_on_commit_callbacks)
    ExportRendering.objects.filter(pk=rendering.pk).update(status=ExportRendering.Status.DONE)
    _request(seed_report, drafter, django_capture_on_commit_callbacks)
    _request(seed_report, drafter, django_capture_on_commit_callbacks)
    assert enqueued == [(services_pdf.TASK, rendering.pk)]


def test_run_makes_the_pdf_and_the_first_pages(seed_report, drafter, settings, fake_render, enqueued):
    settings.EXPORT_PREVIEW_PAGES, settings.EXPORT_PREVIEW_DPI = 2, 72
    rendering = export_rendering_request(report=seed_report, user=drafter, layout="standard", draft=False)

    assert export_rendering_run(rendering_id=rendering.pk) == ExportRendering.Status.DONE

    rendering.refresh_from_db()
    assert (rendering.status, rendering.progress_percent, rendering.page_count) == ("done", 100, 5)
    assert rendering.preview_pages == 2 and rendering.finished_at is not None
    assert rendering.pdf.read() == b"%PDF-1.4 fake"
    assert default_storage.open(rendering.preview_name(2)).read() == b"png 2 72"
    # The delivered .docx went to LibreOffice, with the configured timeout.
    assert fake_render == [(b"PK", {"soffice": sys.executable, "timeout": settings.EXPORT_PDF_TIMEOUT})]
    # A second delivery of the message finds the row claimed: nothing happens.
    assert export_rendering_run(rendering_id=rendering.pk) == ExportRendering.Status.DONE
    assert len(fake_render) == 1


def test_without_libreoffice_the_rendering_says_how_to_install_it(seed_report, drafter, settings, enqueued, client):
    settings.EXPORT_SOFFICE = "no-such-soffice-for-tests"
    rendering = export_rendering_request(report=seed_report, user=drafter, layout="standard", draft=True)

    assert export_rendering_run(rendering_id=rendering.pk) == ExportRendering.Status.UNAVAILABLE

    rendering.refresh_from_db()
    assert rendering.status == "unavailable" and not rendering.pdf
    assert "服务器未安装 LibreOffice" in rendering.error_message
    assert "apt-get install libreoffice-writer-nogui" in rendering.error_message
    client.force_login(drafter)
    page = client.get(reverse("exporting:rendering_detail", args=[rendering.pk])).content.decode()
    assert "服务器未安装 LibreOffice" in page and "apt-get install libreoffice-writer-nogui" in page
    assert client.get(reverse("exporting:rendering_download", args=[rendering.pk])).status_code == 404


def test_a_conversion_that_hangs_fails_with_a_reason_in_chinese(seed_report, drafter, settings, tmp_path, enqueued):
    hanging = tmp_path / "soffice"
    hanging.write_text("#!/bin/sh\nsleep 30\n")
    hanging.chmod(hanging.stat().st_mode | stat.S_IEXEC)
    settings.EXPORT_SOFFICE, settings.EXPORT_PDF_TIMEOUT = str(hanging), 1
    rendering = export_rendering_request(report=seed_report, user=drafter, layout="standard", draft=True)

    assert export_rendering_run(rendering_id=rendering.pk) == ExportRendering.Status.FAILED

    rendering.refresh_from_db()
    assert rendering.status == "failed" and rendering.progress_code == "failed"
    assert "超时" in rendering.error_message and "1 秒" in rendering.error_message
    # Asking again tries again.
    again = export_rendering_request(report=seed_report, user=drafter, layout="standard", draft=True)
    assert again.pk == rendering.pk and again.status == "pending" and again.error_message == ""


def test_a_final_pdf_needs_a_finalized_report(report, drafter, enqueued):
    from apps.core.errors import StateError

    with pytest.raises(StateError):
        export_rendering_request(report=report, user=drafter, layout="standard", draft=False)
    assert not ExportRendering.objects.exists()


def test_the_pages_show_progress_download_and_previews(seed_report, drafter, client, fake_render, enqueued):
    client.force_login(drafter)
    response = client.post(
        reverse("exporting:report_pdf_request", args=[seed_report.pk]), {"layout": "standard", "draft": "0"}
    )
    rendering = ExportRendering.objects.get()
    assert response.status_code == 302 and response.url == reverse("exporting:rendering_detail", args=[rendering.pk])
    polling = client.get(reverse("exporting:rendering_status", args=[rendering.pk])).content.decode()
    assert "hx-get" in polling and "排队等待生成 PDF" in polling

    export_rendering_run(rendering_id=rendering.pk)

    done = client.get(reverse("exporting:rendering_status", args=[rendering.pk])).content.decode()
    assert "hx-get" not in done and "下载 PDF" in done and 'id="pdf-preview"' in done
    download = client.get(reverse("exporting:rendering_download", args=[rendering.pk]))
    assert download["Content-Type"] == "application/pdf" and b"".join(download.streaming_content) == b"%PDF-1.4 fake"
    image = client.get(reverse("exporting:rendering_page", args=[rendering.pk, 1]))
    assert image["Content-Type"] == "image/png"
    assert client.get(reverse("exporting:rendering_page", args=[rendering.pk, 4])).status_code == 404


def test_parse_fc_list_reads_families_and_their_aliases():
    output = "Noto Serif CJK SC,Noto Serif CJK SC Bold\nWenQuanYi Zen Hei,文泉驛正黑,文泉驿正黑\nLiberation Serif\n\n"
    assert parse_fc_list(output) == {
        "Noto Serif CJK SC",
        "Noto Serif CJK SC Bold",
        "WenQuanYi Zen Hei",
        "文泉驛正黑",
        "文泉驿正黑",
        "Liberation Serif",
    }


def test_profile_font_status_says_installed_or_substitute():
    families = frozenset({"仿宋_GB2312", "Noto Serif CJK SC"})
    status = profile_font_status(
        [("正文", "仿宋_GB2312"), ("标题", "方正小标宋简体")], families, substitute=lambda name: "Noto Serif CJK SC"
    )
    assert [(s.name, s.installed, s.substitute) for s in status] == [
        ("仿宋_GB2312", True, None),
        ("方正小标宋简体", False, "Noto Serif CJK SC"),
    ]


def test_the_profile_page_lists_the_servers_fonts(client, admin_user, monkeypatch):
    from apps.exporting import views

    monkeypatch.setattr(views, "installed_families", lambda: frozenset({"黑体"}))
    monkeypatch.setattr(
        views, "profile_font_status", lambda roles, families: profile_font_status(roles, families, lambda n: None)
    )
    client.force_login(admin_user)
    page = client.get(reverse("exporting:export_profile")).content.decode()
    assert 'id="server-fonts"' in page and "已安装" in page and "未安装" in page


def test_the_report_page_shows_the_preview_until_the_report_changes(
    seed_report, drafter, client, fake_render, enqueued
):
    rendering = export_rendering_request(report=seed_report, user=drafter, layout="standard", draft=False)
    export_rendering_run(rendering_id=rendering.pk)
    client.force_login(drafter)
    url = seed_report.get_absolute_url()
    page = client.get(url).content.decode()
    assert 'id="report-preview"' in page
    assert reverse("exporting:rendering_page", args=[rendering.pk, 1]) in page

    seed_report.signer = "另一个落款单位"
    seed_report.save()
    assert 'id="report-preview"' not in client.get(url).content.decode()


def test_a_rendering_abandoned_by_a_dead_worker_starts_again(seed_report, drafter, enqueued):
    import datetime

    from django.utils import timezone

    rendering = export_rendering_request(report=seed_report, user=drafter, layout="standard", draft=False)
    ExportRendering.objects.filter(pk=rendering.pk).update(status=ExportRendering.Status.RENDERING)
    assert export_rendering_request(report=seed_report, user=drafter, layout="standard", draft=False).status == (
        "rendering"
    )
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    ExportRendering.objects.filter(pk=rendering.pk).update(updated_at=long_ago)
    again = export_rendering_request(report=seed_report, user=drafter, layout="standard", draft=False)
    assert again.pk == rendering.pk and again.status == "pending"
