"""Drafts made from the published reports: gold scores and the round trip to the original.

``samples/public/NNN.draft.txt`` and ``NNN.gold.json`` are written by
``make_public_gold.py`` from the published ``NNN.txt`` (numbers replaced by
``XX`` or deleted, the originals kept in the gold).
"""

from __future__ import annotations

import json
import re

import pytest

from apps.parsing import assemble_text, parse_draft
from apps.parsing.evaluation import score

from . import make_public_gold
from .conftest import SAMPLES

PUBLIC = SAMPLES / "public"
DOCS = sorted(make_public_gold.DOCS)

# Known gaps of the placeholder and implicit-blank rules (placeholders.py,
# blanks.py) on the reports added with issue 17; structure, title and
# clutter are exact on every document. Strict: a fix makes the test pass
# and the entry must then go.
PLACEHOLDER_GAPS = {
    "008": "'提高X个位次': unit read as '个位次' instead of '个'",
    "011": "the published text's own typo '面积达35.4达到了万亩' is taken for a blank",
    "017": "unit '万元/人' read whole; '增长XX%，全市旅游人次' taken for a blank",
}


def _with_gaps(names, gaps):
    return [pytest.param(n, marks=pytest.mark.xfail(reason=gaps[n], strict=True)) if n in gaps else n for n in names]


_INVISIBLE = re.compile(r"\s")


def load(name: str) -> tuple[bytes, bytes, dict]:
    gold = json.loads((PUBLIC / f"{name}.gold.json").read_text(encoding="utf-8"))
    return (PUBLIC / f"{name}.txt").read_bytes(), (PUBLIC / f"{name}.draft.txt").read_bytes(), gold


@pytest.fixture(scope="module")
def parsed():
    return {name: parse_draft(load(name)[1], filename=f"{name}.draft.txt") for name in DOCS}


@pytest.mark.parametrize("name", DOCS)
def test_files_are_what_the_generator_writes(name):
    """The drafts and gold files on disk are up to date with make_public_gold.py."""
    draft, gold = make_public_gold.build(name)
    assert (PUBLIC / f"{name}.draft.txt").read_text(encoding="utf-8") == draft
    assert (PUBLIC / f"{name}.gold.json").read_text(encoding="utf-8") == make_public_gold.gold_json(gold)


@pytest.mark.parametrize("name", DOCS)
def test_title_and_headings(parsed, name):
    result = parsed[name]
    gold = load(name)[2]
    assert result.title == gold["title"]
    assert [[s.level, s.number, s.heading] for s in result.sections if s.level] == gold["headings"]
    assert list(result.boilerplate_removed) == gold["boilerplate"]


@pytest.mark.parametrize("name", _with_gaps(DOCS, {k: v for k, v in PLACEHOLDER_GAPS.items() if k != "011"}))
def test_placeholders_and_blanks(parsed, name):
    """Every written placeholder with kind and unit, no extras; blanks at the seed targets."""
    report = score(parsed[name], load(name)[2])
    assert report.explicit.misses == []
    assert report.explicit.found == report.explicit.expected
    assert report.implicit.recall >= 0.95, report.implicit.misses
    assert len(report.implicit.extras) <= 1, report.implicit.extras
    assert parsed[name].warnings == ()


@pytest.mark.parametrize(
    "name", _with_gaps(DOCS, {k: v for k, v in PLACEHOLDER_GAPS.items() if k not in ("008", "012")})
)
def test_filling_the_originals_gives_back_the_published_text(parsed, name):
    """Fill each placeholder, in document order, with the gold's ``originals``.

    The result is the published text as the parser normalises any text:
    spaces unified, lines stripped, empty lines dropped, a heading broken over
    two lines re-joined, run-together paragraphs split at their spaces, web
    clutter removed. So it equals the rebuilt parse of the published text,
    and holds the same visible characters as the file once its clutter (the
    gold's ``boilerplate``) is taken out.
    """
    original, _draft, gold = load(name)
    result = parsed[name]
    keys = [(si, pi) for si, s in enumerate(result.sections) for pi in range(len(s.placeholders))]
    assert len(keys) == len(gold["originals"])
    # The gold's own matching agrees with the document order used here.
    report = score(result, gold)
    by_gold = {("e", gi): key for gi, key in report.explicit.pairs} | {
        ("i", gi): key for gi, key in report.implicit.pairs
    }
    entries = [("e", gi, g) for gi, g in enumerate(gold["explicit_placeholders"])]
    entries += [("i", gi, g) for gi, g in enumerate(gold["implicit_blanks"])]
    for tag, gi, g in entries:
        assert gold["originals"][keys.index(by_gold[tag, gi])] == g["original"]

    filled = assemble_text(result, dict(zip(keys, gold["originals"], strict=True)))
    assert filled == assemble_text(parse_draft(original, filename=f"{name}.txt"))
    assert _INVISIBLE.sub("", filled) == _INVISIBLE.sub("", _report_text(name, original.decode("utf-8")))


def _report_text(name: str, text: str) -> str:
    """The published text without its web clutter (read by hand in ``DOCS``), as the parser repairs lines.

    The title line is kept; ``&nbsp;`` and ``??`` noise become spaces
    (removed here with the other spaces).
    """
    spans = make_public_gold.clutter_spans(make_public_gold.DOCS[name], text)
    for a, b in reversed(spans):
        text = text[:a] + text[b:]
    text = re.sub(r"&(?:nbsp|ensp|emsp|thinsp|#160|#12288);?", "", text)
    return re.sub(r"\?{2,}", "", text)
