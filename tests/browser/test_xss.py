"""In Chromium, no payload runs: every page of a report full of payloads is opened (and one is typed
in), and any dialog, or a script blocked by the Content-Security-Policy, fails the test."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.drafts.services import draft_parse_run, draft_upload_create
from apps.reports.services import placeholder_fill
from tests.test_security_xss import FILE_NAMES, draft_with_payloads
from tests.xss_payloads import PAYLOADS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def payload_report(org, drafter, reviewer):
    upload = draft_upload_create(
        organization=org,
        user=drafter,
        uploaded_file=SimpleUploadedFile(FILE_NAMES[0], draft_with_payloads()),
        title=PAYLOADS[1] + "报告",
        enqueue=False,
    )
    upload = draft_parse_run(upload_id=upload.pk)
    report = upload.report
    report.placeholders.filter(kind="number").update(kind="text")
    for i, ph in enumerate(report.placeholders.filter(kind__in=["name", "text"])):
        placeholder_fill(placeholder=ph, value=PAYLOADS[i % len(PAYLOADS)], user=drafter)
    from apps.review.services_comment import comment_create

    section = report.sections.exclude(level=0).first()
    for payload in PAYLOADS:
        comment_create(section=section, user=reviewer, body=payload)
    return report


def test_no_payload_executes_in_the_browser(page, live_server, sign_in, payload_report, drafter):
    dialogs, blocked = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on(
        "console",
        lambda msg: (
            blocked.append(msg.text) if "Content Security Policy" in msg.text and "script" in msg.text else None
        ),
    )
    sign_in(drafter)
    report = payload_report
    urls = [
        "/",
        report.get_absolute_url(),
        report.uploads.first().get_absolute_url(),
        "/drafts/upload/",
        *[s.get_absolute_url() for s in report.sections.order_by("order")[:8]],
    ]
    for url in urls:
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
        page.mouse.move(200, 300)  # mouse-over payloads
    # Type one payload into a field in place, save, and reload the section.
    section = report.sections.exclude(level=0).filter(placeholders__kind="text").first()
    field = section.placeholders.filter(kind="text").first()
    page.goto(live_server.url + section.get_absolute_url())
    page.fill(f"[name=ph_{field.pk}]", PAYLOADS[2])
    page.keyboard.press("Tab")  # the field saves itself on change (htmx)
    page.wait_for_selector(f"#ph-{field.pk}.ph-state-saved")
    page.reload()
    page.wait_for_load_state("networkidle")
    assert page.input_value(f"[name=ph_{field.pk}]") == PAYLOADS[2]
    assert dialogs == [], f"a payload ran: {dialogs}"
    assert blocked == [], f"a payload reached the page as script and only CSP stopped it: {blocked}"
