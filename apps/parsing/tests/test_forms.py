"""Public drafts in other upload forms parse as their UTF-8 text (``bench/parse_forms.py`` scores them all).

A few drafts that hold each difficulty: 001 (a heading wrapped over two
lines), 006 and 017 (a site header and toolbar before the title, a footer),
014 (the site summary holding spaces).
"""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from apps.parsing import parse_draft
from apps.parsing.evaluation import score

from .conftest import SAMPLES
from .upload_forms import FORMS, build_form

PUBLIC = SAMPLES / "public"


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("name", ["001", "006", "014", "017"])
def test_form_parses_as_the_text(name, form):
    draft = (PUBLIC / f"{name}.draft.txt").read_text(encoding="utf-8")
    gold = json.loads((PUBLIC / f"{name}.gold.json").read_text(encoding="utf-8"))
    data, filename, form_gold = build_form(form, draft, gold, name)
    rep = score(parse_draft(data, filename=filename), form_gold)
    assert rep.title_ok
    assert rep.headings.misses == [] and rep.headings.extras == []
    assert rep.explicit_located.misses == []
    assert rep.page_markers[0] == rep.page_markers[1]


def test_numbered_form_takes_the_number_out_of_the_text():
    draft = (PUBLIC / "006.draft.txt").read_text(encoding="utf-8")
    gold = json.loads((PUBLIC / "006.gold.json").read_text(encoding="utf-8"))
    data, _name, _gold = build_form("numbered2.docx", draft, gold, "006")
    document = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    for level, number, text in gold["headings"]:
        if level == 1:
            assert f"{number}、{text[:6]}" not in document and text[:6] in document
    assert document.count('<w:ilvl w:val="0"/>') == sum(1 for h in gold["headings"] if h[0] == 1)
