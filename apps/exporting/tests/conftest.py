"""Fixtures of the exporting tests: realistic reports, and the tools the rendering tests need."""

from __future__ import annotations

import os
import shutil

import pytest
from django.core.files.base import ContentFile

from apps.exporting.tests.samples import VALUES, handmade_docx, sample_bytes


def _fill_and_approve(report) -> None:
    """Fill every placeholder, approve every section and finalize the report (so the final version downloads)."""
    from apps.reports.models import Placeholder, SectionStatus
    from apps.reports.services_report_status import report_finalize

    placeholders = list(Placeholder.objects.filter(report=report))
    for ph in placeholders:
        ph.value = VALUES[ph.kind]
    Placeholder.objects.bulk_update(placeholders, ["value"])
    report.sections.update(status=SectionStatus.APPROVED)
    report_finalize(report=report, user=report.created_by)
    report.refresh_from_db()


def _report_from(org, user, data: bytes, name: str, *, upload: bool):
    from apps.drafts.models import DraftUpload
    from apps.parsing import parse_draft
    from apps.reports.services import report_create_from_parse

    report = report_create_from_parse(organization=org, user=user, result=parse_draft(data, filename=name))
    if upload:
        DraftUpload.objects.create(
            organization=org,
            uploaded_by=user,
            file=ContentFile(data, name=name),
            original_name=name,
            size=len(data),
            sha256="0" * 64,
            status=DraftUpload.Status.PARSED,
            report=report,
        )
    return report


@pytest.fixture
def seed_report(org, drafter, settings, tmp_path):
    """Seed 000 (the .txt) parsed, every placeholder filled by kind, every section approved, finalized."""
    settings.MEDIA_ROOT = tmp_path
    report = _report_from(org, drafter, sample_bytes("000.utf8.txt"), "000.txt", upload=True)
    _fill_and_approve(report)
    return report


@pytest.fixture
def styled_report(org, drafter, settings, tmp_path):
    """Seed 000 uploaded as the styled .docx, parsed into a report; nothing filled yet."""
    settings.MEDIA_ROOT = tmp_path
    return _report_from(org, drafter, sample_bytes("000.styled.docx"), "000.styled.docx", upload=True)


@pytest.fixture
def handmade_report(org, drafter, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return _report_from(org, drafter, handmade_docx(), "手工.docx", upload=True)


@pytest.fixture
def fill_and_approve():
    return _fill_and_approve


@pytest.fixture
def report_from():
    """``report_from(org, user, data, name)``: a report parsed from ``data``, with its upload kept."""
    return lambda org, user, data, name: _report_from(org, user, data, name, upload=True)


@pytest.fixture(scope="session")
def render_tools():
    """Paths of soffice, pdfinfo, pdftotext, pdftoppm.

    Missing tools skip the rendering tests on a workstation, but fail them
    under REQUIRE_SERVICES=1 (CI), where LibreOffice must be installed.
    """
    tools = {
        "soffice": os.environ.get("SOFFICE_PATH") or shutil.which("soffice"),
        **{name: shutil.which(name) for name in ("pdfinfo", "pdftotext", "pdftoppm")},
    }
    missing = [name for name, path in tools.items() if not path]
    if missing:
        message = f"rendering needs {', '.join(missing)} (apt install libreoffice-writer-nogui poppler-utils)"
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(f"REQUIRE_SERVICES=1 but {message}")
        pytest.skip(message)
    return tools


@pytest.fixture(scope="module")
def final_parts():
    """The parts of the final build of the builder tests' sample document (apps/exporting/tests/builder_helpers.py)."""
    from apps.exporting.builders import build_docx
    from apps.exporting.tests import docx_parts
    from apps.exporting.tests.builder_helpers import sample

    return docx_parts(build_docx(sample()))


@pytest.fixture(scope="module")
def draft_parts():
    """The parts of the draft build of the same sample."""
    from apps.exporting.builders import build_docx
    from apps.exporting.tests import docx_parts
    from apps.exporting.tests.builder_helpers import draft_sample

    return docx_parts(build_docx(draft_sample()))
