"""Time ``build_docx`` on a realistic annual report and on a 200-page one.

Run from the repository root::

    python bench/export_speed.py            # prints the figures
    python bench/export_speed.py --check    # exits 1 when a target is missed

Targets: the realistic report (~25 sections, ~24,000 characters, ~190
placeholders) in 150 ms or less, the "200-page" report (~335,000 characters)
in 2 s or less, each the median of several runs after a warm-up. At 22 lines
of 28 characters a page, 335,000 characters set nearer 550 pages than 200, so
the large case errs on the heavy side. The documents are generated
deterministically so figures compare between runs and machines.
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


def _stats(document: ExportDocument) -> tuple[int, int]:
    chars = placeholders = 0
    for section in document.sections:
        for segments in (section.heading, *section.paragraphs):
            for segment in segments:
                chars += len(segment.text)
                placeholders += segment.placeholder
    return chars, placeholders


def time_build(document: ExportDocument, runs: int) -> tuple[float, int]:
    """Median seconds of ``runs`` builds (after one warm-up) and the output size."""
    size = len(build_docx(document))
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        build_docx(document)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings), size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)

    cases = (
        ("realistic report", make_report(sections=25, chars=24_000, placeholders=190), 7, 0.150),
        ("200-page report", make_report(sections=350, chars=335_000, placeholders=2_660), 5, 2.0),
    )
    missed = False
    for name, document, runs, target in cases:
        chars, placeholders = _stats(document)
        seconds, size = time_build(document, runs)
        ok = seconds <= target
        missed |= not ok
        print(
            f"{name:17} {len(document.sections):4} sections {chars:8,} chars {placeholders:5} placeholders "
            f"-> {seconds * 1000:7.1f} ms median of {runs} (target {target * 1000:.0f} ms) "
            f"{size / 1024:6.0f} KiB {'OK' if ok else 'SLOW'}"
        )
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
