"""Time the exports: seed 000 filled, a 200-page report, and seed 000 filled in place.

Run from the repository root::

    python bench/export_speed.py            # prints the figures
    python bench/export_speed.py --check    # exits 1 when a target is missed

Cases, each the median of several runs after a warm-up:

* ``seed 000 filled``: ``apps/parsing/tests/samples/000.utf8.txt`` parsed by
  the application's parser, every placeholder filled with a value of its
  kind, built in the standard layout (``build_docx``). Target 150 ms.
* ``200-page report``: a generated report of ~335,000 characters and ~2,660
  filled placeholders (at 22 lines of 28 characters that sets nearer 550
  pages than 200, so the case errs on the heavy side). Target 2 s.
* ``seed 000 in place``: ``000.styled.docx`` (placeholders split over
  differently formatted runs) parsed and filled in place
  (``fill_in_place``). Target 150 ms.

The generated report is deterministic so figures compare between runs and
machines. Parsing is not timed (it happens once, at upload).
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import sys
import time
from pathlib import Path

# Running as ``python bench/export_speed.py`` puts bench/ on sys.path, not the root.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from apps.exporting.builders import (
    ExportDocument,
    ExportSection,
    Segment,
    build_docx,
)
from apps.exporting.fill_in_place import FillSection, fill_in_place
from apps.exporting.tests.samples import fills_for
from apps.parsing import parse_draft
from apps.reports.segments import split_text

SAMPLES = Path(__file__).resolve().parent.parent / "apps" / "parsing" / "tests" / "samples"
# A value for each placeholder kind, as a user would type it.
VALUES = {
    "number": "12.5",
    "percent": "7.2",
    "rank": "3",
    "year": "2019",
    "date": "2019年1月8日",
    "name": "城南",
    "text": "稳中有进",
}

CN_NUMERALS = "一二三四五六七八九十"
PHRASES = (
    "全县上下坚持以习近平新时代中国特色社会主义思想为指导",
    "深入贯彻落实党的二十大和二十届二中、三中全会精神",
    "坚持稳中求进工作总基调",
    "完整准确全面贯彻新发展理念",
    "统筹推进经济社会高质量发展",
    "扎实做好“六稳”工作、全面落实“六保”任务",
    "持续优化营商环境",
    "着力补齐民生短板",
    "全力推进乡村振兴",
    "加快建设现代化产业体系",
    "坚决守住安全发展底线",
    "各项工作取得新进展新成效",
)
METRICS = (
    ("全县地区生产总值达", "亿元"),
    ("同比增长", "%"),
    ("规模以上工业增加值", "亿元"),
    ("社会消费品零售总额", "亿元"),
    ("一般公共预算收入", "万元"),
    ("城镇居民人均可支配收入", "元"),
    ("农村居民人均可支配收入", "元"),
    ("新增城镇就业", "人"),
    ("粮食总产量", "万吨"),
    ("固定资产投资", "亿元"),
)
HEADINGS = (
    "经济运行稳中趋好",
    "产业结构持续优化",
    "改革开放纵深推进",
    "城乡面貌加快改善",
    "民生福祉不断增进",
    "生态环境持续向好",
    "社会治理成效明显",
    "政府自身建设全面加强",
)


def _paragraph(rng: random.Random, chars: int, placeholders: int) -> tuple[Segment, ...]:
    """A body paragraph of about ``chars`` characters with that many filled values."""
    segments: list[Segment] = []
    # A value with its label and unit takes about 14 characters.
    per_gap = max((chars - 14 * placeholders) // (placeholders + 1), 8)
    for i in range(placeholders + 1):
        text = ""
        while len(text) < per_gap:
            text += rng.choice(PHRASES) + "，"
        text = text[: per_gap - 1] + "，"
        if i < placeholders:
            label, unit = rng.choice(METRICS)
            segments.append(Segment(text + label))
            segments.append(Segment(f"{rng.uniform(1, 999):.2f}", placeholder=True))
            segments.append(Segment(unit + "，"))
        else:
            segments.append(Segment(text[:-1] + "。"))
    return tuple(segments)


def make_report(*, sections: int, chars: int, placeholders: int, seed: int = 9704) -> ExportDocument:
    """Build a filled report with roughly the requested size.

    Args:
        sections: number of sections (a preamble, then 一、 parts with （一） and 1. under them).
        chars: total characters to aim for.
        placeholders: total filled placeholders to aim for.
        seed: random seed; the same arguments give the same document.

    Returns:
        An :class:`ExportDocument` with ``draft=False``.
    """
    rng = random.Random(seed)
    per_section = chars // sections
    per_section_values = placeholders / sections
    out: list[ExportSection] = []
    level1 = level2 = level3 = 0
    owed = 0.0
    for index in range(sections):
        owed += per_section_values
        values = int(owed)
        owed -= values
        paragraph_count = max(1, per_section // 260)
        shares = [
            values // paragraph_count + (1 if i < values % paragraph_count else 0) for i in range(paragraph_count)
        ]
        body = tuple(_paragraph(rng, per_section // paragraph_count, share) for share in shares)
        if index == 0:
            out.append(ExportSection(0, "", (), "", False, body))
            continue
        kind = index % 6
        if kind == 1:
            level1 += 1
            level2 = 0
            marker = CN_NUMERALS[(level1 - 1) % 10] + "、"
            out.append(ExportSection(1, marker, (Segment(rng.choice(HEADINGS)),), "", False, body))
        elif kind in (2, 3, 5):
            level2 += 1
            level3 = 0
            marker = f"（{CN_NUMERALS[(level2 - 1) % 10]}）"
            out.append(ExportSection(2, marker, (Segment(rng.choice(HEADINGS)),), "。", True, body))
        else:
            level3 += 1
            out.append(ExportSection(3, f"{level3}.", (Segment(rng.choice(HEADINGS)),), "。", True, body))
    return ExportDocument(
        title="XX县人民政府关于2024年度经济社会发展和政府工作情况的报告",
        sections=tuple(out),
        signer="XX县人民政府",
        date=datetime.date(2025, 1, 8),
    )


def _printed(placeholder) -> str:
    """The filled value as the report prints it (apps.reports.models.Placeholder.display_value)."""
    value = VALUES[placeholder.kind]
    return f"{value}%" if placeholder.kind == "percent" and placeholder.unit != "%" else value


def _segments(text: str, placeholders) -> list[tuple[Segment, ...]]:
    return [
        tuple(Segment(p.text) if p.placeholder is None else Segment(_printed(p.placeholder), True) for p in pieces)
        for pieces in split_text(text, placeholders)
    ]


def seed_filled(seed: str = "000") -> ExportDocument:
    """Seed ``seed`` parsed from its UTF-8 text and filled, as the export service would pass it."""
    result = parse_draft((SAMPLES / f"{seed}.utf8.txt").read_bytes(), filename=f"{seed}.txt")
    sections = []
    for section in result.sections:
        heading = [p for p in section.placeholders if p.field == "heading"]
        body = [p for p in section.placeholders if p.field == "body"]
        sections.append(
            ExportSection(
                level=section.level,
                marker=section.marker,
                heading=_segments(section.heading, heading)[0] if section.heading else (),
                heading_end=section.heading_end,
                inline_body=section.inline_body,
                paragraphs=tuple(_segments(section.body, body)) if section.body else (),
            )
        )
    return ExportDocument(
        title=result.title, sections=tuple(sections), signer="XX县人民政府", date=datetime.date(2019, 1, 8)
    )


def seed_in_place(seed: str = "000") -> tuple[bytes, str, list[FillSection]]:
    """Seed ``seed``'s styled .docx, its parsed title and its sections with every value filled."""
    data = (SAMPLES / f"{seed}.styled.docx").read_bytes()
    title, sections = fills_for(parse_draft(data, filename=f"{seed}.styled.docx"), _printed)
    return data, title, sections


def _stats(document: ExportDocument) -> tuple[int, int]:
    chars = placeholders = 0
    for section in document.sections:
        for segments in (section.heading, *section.paragraphs):
            for segment in segments:
                chars += len(segment.text)
                placeholders += segment.placeholder
    return chars, placeholders


def _median(function, runs: int) -> tuple[float, bytes]:
    """Median seconds of ``runs`` calls (after one warm-up) and the last output."""
    output = function()
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        output = function()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings), output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)

    seed = seed_filled()
    large = make_report(sections=350, chars=335_000, placeholders=2_660)
    data, title, fills = seed_in_place()
    cases = (
        ("seed 000 filled", lambda: build_docx(seed), _stats(seed), len(seed.sections), 9, 0.150),
        ("200-page report", lambda: build_docx(large), _stats(large), len(large.sections), 5, 2.0),
        (
            "seed 000 in place",
            lambda: fill_in_place(data, title=title, sections=fills),
            (sum(len(s.heading) + len(s.body) for s in fills), sum(len(s.fills) for s in fills)),
            len(fills),
            9,
            0.150,
        ),
    )
    missed = False
    for name, function, (chars, placeholders), sections, runs, target in cases:
        seconds, output = _median(function, runs)
        ok = seconds <= target
        missed |= not ok
        print(
            f"{name:17} {sections:4} sections {chars:8,} chars {placeholders:5} placeholders "
            f"-> {seconds * 1000:7.1f} ms median of {runs} (target {target * 1000:.0f} ms) "
            f"{len(output) / 1024:6.0f} KiB {'OK' if ok else 'SLOW'}"
        )
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
