"""The batch commands offices use: parse_draft, import_draft, export_report, load_demo."""

import io
import json
from pathlib import Path

import docx
import pytest
from django.core.management import CommandError, call_command

from apps.accounts.models import Membership, Role
from apps.reports.models import Report

SAMPLES = Path(__file__).resolve().parents[1] / "apps" / "parsing" / "tests" / "samples"


def _run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_parse_draft_prints_the_parse_as_json_without_touching_the_database(db):
    data = json.loads(_run("parse_draft", str(SAMPLES / "004.gbk.txt")))
    assert data["title"] == "书记在县级领导述职会发言"
    headings = [s for s in data["sections"] if s["level"]]
    assert [(s["level"], s["number"]) for s in headings][:3] == [(1, "一"), (2, "一"), (2, "二")]
    placeholders = [p for s in data["sections"] for p in s["placeholders"]]
    assert {"raw", "kind", "unit", "implicit", "offset"} <= set(placeholders[0])
    assert any(p["implicit"] for p in placeholders)
    assert "warnings" in data and "indicators" in data
    assert not Report.objects.exists()


def test_parse_draft_explains_a_bad_file(tmp_path, db):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(CommandError) as exc:
        _run("parse_draft", str(bad))
    assert "无法解析" in str(exc.value)


def test_import_then_export_from_the_command_line(tmp_path, org, drafter, admin_user):
    report_id = int(
        _run("import_draft", str(SAMPLES / "000.utf8.txt"), "--org", org.slug, "--user", "drafter", "--sync")
    )
    report = Report.objects.get(pk=report_id)
    assert report.organization == org and report.placeholders.count() >= 192
    out = tmp_path / "draft.docx"
    _run("export_report", str(report_id), "--out", str(out), "--draft")
    document = docx.Document(str(out))
    assert document.paragraphs[0].text.startswith("县政府2018年工作总结")
    with pytest.raises(CommandError) as exc:
        _run("export_report", str(report_id), "--out", str(tmp_path / "final.docx"))
    assert "定稿" in str(exc.value)
    with pytest.raises(CommandError) as exc:
        _run("export_report", str(report_id), "--out", str(tmp_path / "final.docx"), "--finalize")
    assert "还不能定稿" in str(exc.value)


def test_import_draft_refuses_an_unknown_organisation(db):
    with pytest.raises(CommandError):
        _run("import_draft", str(SAMPLES / "000.utf8.txt"), "--org", "nowhere", "--user", "nobody", "--sync")


def test_load_demo_is_idempotent(db, settings):
    settings.DEMO_PASSWORD = "demo-pass-2026"
    first = _run("load_demo")
    _run("load_demo")
    assert "drafter" in first and "demo-pass-2026" in first
    assert Report.objects.count() == 1
    assert Membership.objects.filter(organization__slug="demo-county").count() == 3
    assert Membership.objects.get(user__username="reviewer").role == Role.REVIEWER
