"""python manage.py proofread PATH: the suggestions of a draft file as JSON, no database."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

SAMPLES = Path(__file__).resolve().parents[2] / "parsing" / "tests" / "samples"


def _run(*args) -> str:
    out = StringIO()
    call_command("proofread", *args, stdout=out)
    return out.getvalue()


def test_prints_the_suggestions_of_a_docx_draft_as_json():
    """No database fixture: a query would fail the test (pytest-django blocks database access)."""
    items = json.loads(_run(str(SAMPLES / "004.styled.docx")))
    assert {"original", "replacement", "kind", "reason", "before", "after"} <= set(items[0])
    wrong = [i for i in items if i["original"] == "缺乏" and i["before"].endswith("存在的")]
    assert wrong and wrong[0]["replacement"] == "不足" and wrong[0]["after"].startswith("以及下半年")
    assert all(len(i["before"]) <= 10 and len(i["after"]) <= 10 for i in items)
    # The page markers of the converter are gone from the context: the text is the parser's.
    assert not any("16、" in i["before"] + i["after"] for i in items)


def test_explains_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="找不到文件"):
        _run(str(tmp_path / "none.docx"))
