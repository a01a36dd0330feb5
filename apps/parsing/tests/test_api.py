"""Public API: assembling text with values, JSON export, no Django import."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from apps.parsing import assemble_text, parse_draft, result_to_dict

from .conftest import sample

ROOT = Path(__file__).resolve().parents[3]


def test_assemble_with_values_fills_explicit_and_implicit():
    result = parse_draft("报告\n（一）经济。全县生产总值完成XX亿元，财政收入完成亿元。".encode())
    section = 1
    phs = result.sections[section].placeholders
    assert [p.implicit for p in phs] == [False, True]
    text = assemble_text(result, {(section, 0): "12.5", (section, 1): "3.2"})
    assert text == "报告\n（一）经济。全县生产总值完成12.5亿元，财政收入完成3.2亿元。"
    assert assemble_text(result) == "报告\n（一）经济。全县生产总值完成XX亿元，财政收入完成亿元。"


def test_heading_placeholder_filled():
    result = parse_draft("报告\n一、XX年工作回顾\n正文。".encode())
    ph = result.sections[1].placeholders[0]
    assert (ph.field, ph.offset, ph.kind) == ("heading", 0, "year")
    assert assemble_text(result, {(1, 0): "2018"}).split("\n")[1] == "一、2018年工作回顾"


def test_result_to_dict_is_json():
    result = parse_draft(sample("000.styled.docx"))
    data = result_to_dict(result)
    again = json.loads(json.dumps(data, ensure_ascii=False))
    assert again["title"] == result.title
    assert len(again["sections"]) == len(result.sections)
    assert again["sections"][2]["placeholders"][0]["label"] == "全县生产总值（亿元）"


def test_django_is_never_imported():
    """Importing and running the parser must not pull in Django (separate interpreter)."""
    code = (
        "import sys\n"
        "from apps.parsing import parse_draft, warm_up, assemble_text, result_to_dict\n"
        "warm_up()\n"
        f"r = parse_draft(open({str(ROOT / 'apps/parsing/tests/samples/000.numbered.docx')!r}, 'rb').read())\n"
        "assemble_text(r); result_to_dict(r)\n"
        "assert 'django' not in sys.modules, [m for m in sys.modules if m.startswith('django')]\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
