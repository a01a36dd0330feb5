"""How the consistency checks (数据核对, apps/consistency/rules.py) do on real reports.

Usage (from the repository root)::

    .venv/bin/python bench/consistency_checks.py            # 50 injected mistakes
    .venv/bin/python bench/consistency_checks.py --mistakes 200 --seed 7

1. **True reports.** Each public draft (``apps/parsing/tests/samples/public/NNN.draft.txt``, 001-022)
   is parsed and every placeholder the parser found is filled with the number the published report
   had there (the gold's ``original``). The checks then run on values that are all true: every
   warning is a false one (aim: none).
2. **Injected mistakes.** On those filled reports, typical slips are made one at a time, each where
   its kind applies: a fall typed as a negative number (``下降-3%``), a negative growth after rise
   wording (``增长-3%``), a share above 100 %, a rank of 0, a 其中 item larger than its total, one
   mention of an indicator given another value than the other mention. A mistake is caught when a
   warning that was not there before names its placeholder (aim: >= 90 %). Slips that need last
   year's report (万元 typed as 亿元, a value against last year's and the growth rate) are not made.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from apps.consistency.rules import FieldItem, blanks_of_field, check, is_plan_heading  # noqa: E402
from apps.parsing import parse_draft  # noqa: E402
from apps.parsing.evaluation import score  # noqa: E402

PUBLIC = ROOT / "apps" / "parsing" / "tests" / "samples" / "public"


def filled_report(name: str):
    """(parse result, {(section, index): true value}) for one public draft."""
    draft = (PUBLIC / f"{name}.draft.txt").read_bytes()
    gold = json.loads((PUBLIC / f"{name}.gold.json").read_text(encoding="utf-8"))
    result = parse_draft(draft, filename=f"{name}.txt")
    report = score(result, gold)
    values = {}
    for gold_index, where in report.explicit_located.pairs:
        values[where] = gold["explicit_placeholders"][gold_index]["original"]
    for gold_index, where in report.implicit.pairs:
        values[where] = gold["implicit_blanks"][gold_index]["original"]
    return result, values


def blanks(result, values: dict) -> list:
    out = []
    chain: list[str] = []  # the headings above the current section, by level
    for s_index, section in enumerate(result.sections):
        chain = [*chain[: max(section.level - 1, 0)], section.heading] if section.level else []
        for f_index, field in enumerate(("title", "heading", "body")):
            text = {"title": result.title, "heading": section.heading, "body": section.body}[field]
            items = [
                FieldItem(
                    key=(s_index, p_index),
                    offset=p.offset,
                    raw=p.raw,
                    value=values.get((s_index, p_index), ""),
                    kind=p.kind,
                    role=p.role or "",
                    unit=p.unit or "",
                    indicator=p.indicator,
                    label=p.label,
                    name=result.indicators[p.indicator].name if p.indicator is not None else "",
                )
                for p_index, p in enumerate(section.placeholders)
                if p.field == field
            ]
            if items:
                base = (s_index * 3 + f_index) * 100_000
                out.extend(blanks_of_field(text, items, sentence_base=base, plan=is_plan_heading(chain)))
    return out


def _mistakes(all_blanks: list, values: dict) -> list[tuple[str, tuple, str]]:
    """Every (kind, key, wrong value) this report offers."""
    from apps.consistency import rules

    offered = []
    by_indicator: dict = {}
    for b in all_blanks:
        number = rules._number(b.value)
        if number is None:
            continue
        if b.kind == "percent" and rules._FALL.search(b.before) and number > 0:
            offered.append(("下降写成负数", b.key, f"-{b.value}"))
        if b.kind == "percent" and b.role == "growth" and rules._RISE.search(b.before) and number > 0:
            offered.append(("增长写成负数", b.key, f"-{b.value}"))
        if b.role == "share" or (b.kind == "percent" and rules._SHARE.search(b.before)):
            offered.append(("比重超过100%", b.key, f"{number + 100:g}"))
        if b.kind == "rank":
            offered.append(("位次为0", b.key, "0"))
        total = rules.part_total(b)
        if total is not None:
            # Typed larger than the total it is part of (a digit too many, 万 for 亿 …).
            offered.append(("其中大于总数", b.key, f"{rules._number(total.group(1)) * 10 + 1:g}"))
        if b.indicator is not None and b.role == "value" and rules._names_itself(b):
            by_indicator.setdefault((b.indicator, b.unit), []).append(b)
    for group in by_indicator.values():
        if len({g.sentence for g in group}) > 1 and len({g.value for g in group}) == 1:
            offered.append(("同一指标两个数值", group[-1].key, f"{rules._number(group[-1].value) * 10:g}"))
    return offered


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mistakes", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    names = sorted(p.name[:3] for p in PUBLIC.glob("*.draft.txt"))
    reports = {}
    print(f"{'file':<8}{'filled':>8}{'false warnings':>16}")
    total_filled = total_false = 0
    for name in names:
        result, values = filled_report(name)
        found = check(blanks(result, values))
        reports[name] = (result, values, {(f.code, f.keys) for f in found})
        total_filled += len(values)
        total_false += len(found)
        print(f"{name:<8}{len(values):>8}{len(found):>16}")
        for finding in found:
            print(f"         {finding.code}: {finding.message}")
    print(f"{'total':<8}{total_filled:>8}{total_false:>16}")

    rng = random.Random(args.seed)
    pool = []
    for name, (result, values, _base) in reports.items():
        for kind, key, wrong in _mistakes(blanks(result, values), values):
            pool.append((name, kind, key, wrong))
    rng.shuffle(pool)
    # Spread the sample over the kinds of mistake: round-robin over kinds.
    by_kind: dict[str, list] = {}
    for item in pool:
        by_kind.setdefault(item[1], []).append(item)
    sample = []
    while len(sample) < args.mistakes and any(by_kind.values()):
        for kind in sorted(by_kind):
            if by_kind[kind] and len(sample) < args.mistakes:
                sample.append(by_kind[kind].pop())
    caught_by_kind: dict[str, list[int]] = {}
    for name, kind, key, wrong in sample:
        result, values, base = reports[name]
        changed = dict(values)
        changed[key] = wrong
        found = [f for f in check(blanks(result, changed)) if (f.code, f.keys) not in base]
        hit = any(key in f.keys for f in found)
        caught_by_kind.setdefault(kind, [0, 0])
        caught_by_kind[kind][0] += hit
        caught_by_kind[kind][1] += 1
    print()
    print(f"{'injected mistake':<20}{'caught':>8}")
    caught = made = 0
    for kind, (hits, count) in sorted(caught_by_kind.items()):
        print(f"{kind:<20}{hits:>4}/{count:<4}")
        caught += hits
        made += count
    print(f"{'total':<20}{caught:>4}/{made:<4} = {caught / made:.0%}" if made else "no mistakes could be made")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
