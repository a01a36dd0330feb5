"""apps.drafts.filecheck: real drafts pass, and it stays free of Django."""

import io
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from apps.drafts.filecheck import FileRejected, Limits, check_draft
from apps.drafts.tests.hostile.corpus import docx as make_docx
from apps.drafts.tests.hostile.corpus import para

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = ROOT / "apps" / "parsing" / "tests" / "samples"


def test_filecheck_imports_no_django():
    code = "import sys, apps.drafts.filecheck; sys.exit('django' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


@pytest.mark.parametrize("path", sorted(p for p in SAMPLES.rglob("*.*") if p.suffix in (".txt", ".docx")), ids=str)
def test_every_parser_sample_passes(path):
    verdict = check_draft(path.read_bytes(), filename=path.name)
    assert verdict.kind == path.suffix[1:]


def test_a_document_written_by_python_docx_passes_and_a_file_object_is_rewound():
    document = docx.Document()
    document.add_heading("县政府2018年工作总结", 0)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "全县生产总值"
    document.add_paragraph("全县生产总值完成XX亿元。")
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    assert check_draft(buffer, filename="a.docx").kind == "docx"
    assert buffer.tell() == 0


def test_a_deeply_nested_but_legal_table_passes_under_the_limit():
    body = "<w:tbl><w:tr><w:tc>" * 20 + para("里层") + "</w:tc></w:tr></w:tbl>" * 20
    assert check_draft(make_docx(body), filename="a.docx").kind == "docx"


def test_the_caps_come_from_limits():
    data = make_docx(para("全县生产总值完成XX亿元。" * 100))
    with pytest.raises(FileRejected) as refused:
        check_draft(data, filename="a.docx", limits=Limits(max_total_uncompressed=1000))
    assert refused.value.code == "zip_bomb"
    with pytest.raises(FileRejected) as refused:
        check_draft(data, filename="a.docx", limits=Limits(max_bytes=100))
    assert refused.value.code == "too_large"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("全县生产总值".encode(), "utf-8"),
        ("全县生产总值".encode("gb18030"), "gb18030"),
        ("全县生产总值".encode("utf-16"), "utf-16-le"),
        ("\ufeff全县".encode(), "utf-8"),
        ("全县生产总值XX亿元".encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_text_encodings_are_identified(data, encoding):
    assert check_draft(data, filename="a.txt").detail == encoding
