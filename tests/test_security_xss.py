"""XSS: payloads typed into every free-text field (text/name placeholder values, comments, the report
title, the upload file name) and smuggled into an uploaded draft come back escaped on every page
and as literal text in the exported .docx.
"""

import io
from unittest import mock

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from apps.drafts.models import DraftUpload
from apps.drafts.services import draft_parse_run
from apps.reports.models import Placeholder
from tests.test_security_web import _routes, _url, inline_problems
from tests.xss_payloads import PAYLOADS

FILE_NAMES = ('"><img src=x onerror=alert(31)>.txt', "<svg onload=alert(32)>草稿.txt")


def draft_with_payloads() -> bytes:
    """A county report draft with a payload in a heading and in the body, and text blanks to fill."""
    lines = ["县政府2018年工作总结", "一、主要工作<script>alert(40)</script>"]
    for i, payload in enumerate(PAYLOADS):
        lines.append(
            f"（{'一二三四五六七八九十'[i % 10]}）第{i + 1}项工作。项目负责人XX，全县生产总值完成XX亿元。{payload}"
        )
    return "\n".join(lines).encode()


@pytest.fixture
def xss_report(client, drafter, reviewer, django_capture_on_commit_callbacks):
    """GIVEN a drafter who uploads a payload-laden draft under a payload file name and title,
    fills every text/name blank with payloads, and a reviewer who comments with payloads."""
    client.force_login(drafter)
    with mock.patch("apps.drafts.tasks.draft_parse.delay", side_effect=lambda pk: draft_parse_run(upload_id=pk)):
        with django_capture_on_commit_callbacks(execute=True):
            for name in FILE_NAMES:
                response = client.post(
                    reverse("drafts:upload_create"),
                    {"file": SimpleUploadedFile(name, draft_with_payloads()), "title": PAYLOADS[0] + "报告标题"},
                )
                assert response.status_code == 302, response.content.decode()[:1000]
    upload = DraftUpload.objects.order_by("pk").first()
    assert upload.status == DraftUpload.Status.PARSED, upload.error_message
    report = upload.report
    free = list(report.placeholders.filter(kind__in=["name", "text"]).select_related("section"))
    if not free:  # the parser decides kinds; make sure there is something free-text to fill
        report.placeholders.filter(kind="number").update(kind="text")
        free = list(report.placeholders.filter(kind__in=["name", "text"]).select_related("section"))
    by_section = {}
    for i, ph in enumerate(free):
        by_section.setdefault(ph.section, {})[f"ph_{ph.pk}"] = PAYLOADS[i % len(PAYLOADS)]
    for section, data in by_section.items():
        response = client.post(reverse("reports:section_detail", args=[report.pk, section.pk]), data)
        assert response.status_code == 302, response.content.decode()[:1000]
    assert Placeholder.objects.filter(report=report, value__in=PAYLOADS).count() >= min(len(PAYLOADS), len(free))

    client.force_login(reviewer)
    section = report.sections.exclude(level=0).first()
    for payload in PAYLOADS:
        response = client.post(reverse("review:comment_create", args=[report.pk, section.pk]), {"body": payload})
        assert response.status_code == 302
    return report


def _all_pages(report, users):
    sections = list(report.sections.all())
    upload = report.uploads.first()
    for user in users:
        client = Client()
        client.force_login(user)
        for name, route, params in _routes():
            if not set(params) <= {"pk", "report_pk"}:
                continue
            if "sections/<int:pk>" in route:
                pks = [s.pk for s in sections]
            elif route.startswith("drafts/"):
                pks = [upload.pk]
            elif route.startswith("accounts/"):
                continue  # user administration pages hold no report data
            else:
                pks = [report.pk]
            for pk in pks:
                response = client.get(_url(route, {"pk": pk, "report_pk": report.pk}))
                if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                    yield name, user, response.content.decode()


def test_payloads_come_back_escaped_on_every_page(xss_report, drafter, reviewer):
    seen_escaped = set()
    checked = set()
    for name, user, html in _all_pages(xss_report, [drafter, reviewer]):
        checked.add(name)
        assert not inline_problems(html), (name, user.username, inline_problems(html)[:5])
        for payload in (*PAYLOADS, *FILE_NAMES):
            if "<" in payload or '"' in payload:
                assert payload not in html, (name, payload)
            if escape(payload) in html:
                seen_escaped.add(payload)
        assert "alert(40)</script>" not in html
    for expected in ("reports:report_list", "reports:report_detail", "reports:section_detail", "drafts:upload_create"):
        assert expected in checked
    # Every payload and file name was indeed rendered (escaped) somewhere: the checks above were not vacuous.
    assert set(PAYLOADS) | set(FILE_NAMES) <= seen_escaped, (set(PAYLOADS) | set(FILE_NAMES)) - seen_escaped


def test_payloads_are_literal_text_in_the_export(xss_report, drafter):
    client = Client()
    client.force_login(drafter)
    response = client.get(reverse("exporting:report_export", args=[xss_report.pk]) + "?draft=1")
    assert response.status_code == 200, response.status_code
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    for ph in xss_report.placeholders.exclude(value=""):
        assert ph.value in text, ph.value
    smuggled = [p for p in PAYLOADS if any(p in s.body for s in xss_report.sections.all())]
    assert len(smuggled) >= 20, "the parser dropped the smuggled payloads"
    for payload in smuggled:
        assert payload in text, payload
    assert PAYLOADS[0] + "报告标题" == xss_report.title and xss_report.title in text
