"""Legacy Word (.doc) uploads through the real LibreOffice conversion.

The .doc files are made at test time from two sample .docx files with
``soffice --headless --convert-to doc`` (one call, throw-away profile), then
parsed with ``ParseOptions(soffice_path=...)``, which converts them back to
.docx. The parse must match the parse of the .docx they came from.

Skipped when LibreOffice is not installed, except under
``REQUIRE_SERVICES=1`` (CI installs ``libreoffice-writer-nogui``), where a
missing ``soffice`` fails. ``SOFFICE_PATH`` overrides the binary found on
``PATH``. Each parse costs one LibreOffice start (about 2 s).
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from apps.parsing import ParseOptions, parse_draft
from apps.parsing.evaluation import score

from .conftest import SAMPLES, gold

SOURCES = ("004.numbered.docx", "000.styled.docx")


@pytest.fixture(scope="module")
def soffice() -> str:
    path = os.environ.get("SOFFICE_PATH") or shutil.which("soffice")
    if not path:
        message = "LibreOffice (soffice) is not installed (apt install libreoffice-writer-nogui)"
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(f"REQUIRE_SERVICES=1 but {message}")
        pytest.skip(message)
    return path


@pytest.fixture(scope="module")
def doc_files(soffice, tmp_path_factory) -> dict[str, bytes]:
    """``{"004.numbered.docx": <.doc bytes>, ...}``, converted in one LibreOffice run."""
    tmp = tmp_path_factory.mktemp("doc")
    out = tmp / "out"
    cmd = [
        soffice,
        f"-env:UserInstallation={(tmp / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        "doc",
        "--outdir",
        str(out),
        *(str(SAMPLES / name) for name in SOURCES),
    ]
    subprocess.run(cmd, check=True, capture_output=True, timeout=120, env=dict(os.environ, HOME=str(tmp)))
    files = {name: (out / name.replace(".docx", ".doc")).read_bytes() for name in SOURCES}
    for data in files.values():
        assert data.startswith(b"\xd0\xcf\x11\xe0")  # an OLE compound file, i.e. real .doc
    return files


def _compare(name: str, doc: bytes, soffice: str) -> None:
    from_doc = parse_draft(doc, filename=name.replace(".docx", ".doc"), options=ParseOptions(soffice_path=soffice))
    from_docx = parse_draft((SAMPLES / name).read_bytes(), filename=name)
    assert from_doc.source_format == "docx:converted.doc"
    assert from_doc.title == from_docx.title
    assert [(s.level, s.number, s.marker, s.heading) for s in from_doc.sections] == [
        (s.level, s.number, s.marker, s.heading) for s in from_docx.sections
    ]
    assert [
        (p.raw, p.kind, p.unit, p.field, p.offset, p.implicit) for s in from_doc.sections for p in s.placeholders
    ] == [(p.raw, p.kind, p.unit, p.field, p.offset, p.implicit) for s in from_docx.sections for p in s.placeholders]
    assert from_doc.page_markers_removed == from_docx.page_markers_removed
    report = score(from_doc, gold(name[:3]))
    assert report.headings.misses == [] and report.explicit.misses == []


def test_doc_with_word_numbering_and_page_numbers(doc_files, soffice):
    """Seed 004 numbered by Word itself, with converter page numbers: the numbering survives .doc."""
    _compare("004.numbered.docx", doc_files["004.numbered.docx"], soffice)


def test_doc_with_placeholders_split_over_runs(doc_files, soffice):
    """Seed 000 styled, every placeholder split over two runs (one highlighted): all 192 found."""
    _compare("000.styled.docx", doc_files["000.styled.docx"], soffice)
