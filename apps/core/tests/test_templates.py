"""Template hygiene: a Django ``{# … #}`` comment ends on its own line, or its text is printed on the page."""

from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"


def test_no_template_has_a_multi_line_hash_comment():
    offenders = [
        f"{path.relative_to(TEMPLATES)}:{number}"
        for path in TEMPLATES.rglob("*.html")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if line.count("{#") > line.count("#}")
    ]
    assert not offenders, f"use {{% comment %}} for comments over several lines: {offenders}"
