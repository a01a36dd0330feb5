"""What the builder tests share: sample documents, the built parts (module fixtures) and readers of their XML."""

from __future__ import annotations

import datetime
from pathlib import Path

from apps.exporting.builders import (
    ExportDocument,
    ExportSection,
    Segment,
)
from apps.exporting.docx_xml import W_NS

NS = {"w": W_NS}
REPO_ROOT = Path(__file__).resolve().parents[3]
TITLE = "XX县人民政府关于2024年度法治政府建设情况的报告"


def w(name: str) -> str:
    return f"{{{W_NS}}}{name}"


def seg(text: str) -> Segment:
    return Segment(text)


def value(text: str) -> Segment:
    return Segment(text, placeholder=True)


def blank(raw: str = "") -> Segment:
    return Segment(raw, placeholder=True, empty=True)


def sample(**changes) -> ExportDocument:
    """A short report with every level, inline bodies, filled and empty values."""
    fields = {
        "title": TITLE,
        "sections": (
            ExportSection(0, "", (), "", False, ((seg("2024年，全县生产总值达"), value("123.4"), seg("亿元。")),)),
            ExportSection(
                1,
                "一、",
                (seg("主要成绩"),),
                "",
                False,
                ((seg("全县完成投资"), blank("XX"), seg("亿元，增长"), blank(), seg("%。")),),
            ),
            ExportSection(
                2,
                "（一）",
                (seg("经济运行稳中趋好"),),
                "。",
                True,
                (
                    (seg("全县规上工业增加值"), value("45.6"), seg("亿元。")),
                    (seg("第二段正文。"),),
                ),
            ),
            ExportSection(3, "1.", (seg("农业生产"),), "。", False, ((seg("粮食"), value("7.8"), seg("万吨。")),)),
            ExportSection(4, "（1）", (seg("粮食"),), "", False, ((seg("第四级正文。"),),)),
        ),
        "signer": "XX县人民政府",
        "date": datetime.date(2019, 1, 8),
    }
    fields.update(changes)
    return ExportDocument(**fields)


def draft_sample() -> ExportDocument:
    return sample(draft=True, empty_labels=("一、主要成绩：全县完成投资（亿元）", "一、主要成绩：增长（%）"))


def body_paragraphs(parts) -> list:
    return parts["word/document.xml"].findall("w:body/w:p", NS)


def paragraph_text(p) -> str:
    return "".join(t.text or "" for t in p.iter(w("t")))


def paragraph_starting(parts, prefix: str):
    return next(p for p in body_paragraphs(parts) if paragraph_text(p).startswith(prefix))


def run_fonts(run) -> dict[str, str]:
    rfonts = run.find("w:rPr/w:rFonts", NS)
    return {key.split("}")[1]: val for key, val in rfonts.attrib.items()}


def run_size(run) -> int:
    return int(run.find("w:rPr/w:sz", NS).get(w("val")))


def all_parts_text(parts) -> str:
    return "".join(t.text or "" for root in parts.values() for t in root.iter(w("t")))
