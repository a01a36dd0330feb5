"""How many indicators of a report find last year's figure (apps/sheets: the predecessor, ADR 0054).

Usage (from the repository root)::

    .venv/bin/python bench/predecessor_match.py           # the table and the total
    .venv/bin/python bench/predecessor_match.py --check   # exits 1 below 80 %

The consecutive-year public reports (the copies the parser's tests keep in
``apps/parsing/tests/samples/public/``, identical to ``corpus/public/``): 涞源 2020 (007) → 2021 (001) → 2022
(008), 定兴 2021 (009) → 2022 (010), 顺平 2020 (011) → 2021 (012) → 2022 (013). For each pair the later report
is turned into a draft (every figure → XX, ``apps.sheets.figures.draftify``) and parsed as an upload would be;
the earlier one is read as an uploaded finished report (``figures_from_text``); the draft's indicators are
matched to its figures (``match_figures``, as the pages do).

*Indicators in both* is decided without the parser: an indicator of the draft (one per name) whose name the
earlier report's text writes with a number in the same clause (``生产总值…65亿元``), outside the sentences that
set targets (``预期目标``, ``力争``, ``增长8%左右``: a target is no figure of last year). The share counting
target-only names too is printed as well. *Found*: those the matching
gives a figure; *right value*: found ones whose figure's value (or growth) the earlier text writes in a clause
with the name.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from apps.consistency.rules import FieldItem, blanks_of_field, check, is_plan_heading  # noqa: E402
from apps.parsing import parse_draft  # noqa: E402
from apps.sheets.figures import aligned_numbers, draftify, figures_from_text  # noqa: E402
from apps.sheets.matching import ALIASES, Target, convert, match_figures  # noqa: E402

PUBLIC = ROOT / "apps" / "parsing" / "tests" / "samples" / "public"
PAIRS = (
    ("涞源", "007", "001"),
    ("涞源", "001", "008"),
    ("定兴", "009", "010"),
    ("顺平", "011", "012"),
    ("顺平", "012", "013"),
)
TARGET = 0.80
_CLAUSE = re.compile(r"[^，,。；;：:\n]+")
_SENTENCE = re.compile(r"[^。；;\n]+")
_TARGET = re.compile(r"目标|预期|力争|计划|\d[%％]?(?:左右|以上)")


def _spellings(name: str) -> set[str]:
    canonical = ALIASES.get(name, name)
    return {name, canonical} | {alias for alias, c in ALIASES.items() if c == canonical}


def clauses_naming(text: str, name: str, *, targets: bool = True) -> list[str]:
    """The clauses of ``text`` that write ``name`` (or an alias); without the sentences that set targets
    (预期目标, 力争 …) when ``targets`` is False: a target is no figure of last year."""
    names = _spellings(name)
    out = []
    for sentence in _SENTENCE.findall(text):
        if not targets and _TARGET.search(sentence):
            continue
        out.extend(c for c in _CLAUSE.findall(sentence) if any(n in c or n.upper() in c for n in names))
    return out


def year_on_year_checks(draft, draftified, figures) -> dict:
    """The later report filled with its own (true) numbers, last year's values from the earlier one: the
    year-on-year warnings are false ones. Then each value with a last-year value is typed 10,000 times too
    large (万元 as 亿元), one at a time: caught when a yoy_magnitude warning names it."""
    values = aligned_numbers(draft, draftified)
    targets = [
        Target(key=k, name=i.name, scope=i.scope, period=i.period, unit=i.unit or "")
        for k, i in enumerate(draft.indicators)
    ]
    matched = match_figures(figures, targets)
    last = {k: convert(fig.value, factor) for k, (fig, factor) in matched.items() if fig.value}
    estimate = {k: fig.period != "actual" for k, (fig, _) in matched.items()}

    def blanks(override=None):
        out, chain = [], []
        for s_index, section in enumerate(draft.sections):
            chain = [*chain[: max(section.level - 1, 0)], section.heading] if section.level else []
            for f_index, field in enumerate(("title", "heading", "body")):
                text = {"title": draft.title, "heading": section.heading, "body": section.body}[field]
                items = []
                for p_index, p in enumerate(section.placeholders):
                    if p.field != field:
                        continue
                    value = values.get((s_index, p_index), "")
                    if override and override[0] == (s_index, p_index):
                        value = override[1]
                    items.append(
                        FieldItem(
                            key=(s_index, p_index),
                            offset=p.offset,
                            raw=p.raw,
                            value=value,
                            kind=p.kind,
                            role=p.role or "",
                            unit=p.unit or "",
                            indicator=p.indicator,
                            label=p.label,
                            name=draft.indicators[p.indicator].name if p.indicator is not None else "",
                            last_value=last.get(p.indicator, "") if p.role == "value" else "",
                            last_estimate=estimate.get(p.indicator, False),
                        )
                    )
                if items:
                    base = (s_index * 3 + f_index) * 100_000
                    out.extend(blanks_of_field(text, items, sentence_base=base, plan=is_plan_heading(chain)))
        return out

    baseline = blanks()
    false = [f for f in check(baseline) if f.code.startswith("yoy_")]
    compared = [b for b in baseline if b.last_value and b.role == "value"]
    caught = 0
    for b in compared:
        slip = str(float(b.value) * 10000).removesuffix(".0")
        found = check(blanks(override=(b.key, slip)))
        caught += any(f.code == "yoy_magnitude" and b.key in f.keys for f in found)
    return {
        "compared": len(compared),
        "false": len(false),
        "slips": len(compared),
        "caught": caught,
        "false_messages": [f.message for f in false],
    }


def run_pair(earlier: str, later: str) -> dict:
    old_text = (PUBLIC / f"{earlier}.txt").read_text(encoding="utf-8")
    new_text = (PUBLIC / f"{later}.txt").read_text(encoding="utf-8")
    draftified = draftify(new_text)
    draft = parse_draft(draftified.text.encode("utf-8"), filename=f"{later}.txt")
    figures = figures_from_text(old_text.encode("utf-8"), filename=f"{earlier}.txt")
    # One target per name (the parser keeps 实际 and 预计 apart; a reader asks about the indicator).
    targets, seen = [], set()
    for k, ind in enumerate(draft.indicators):
        if ind.name not in seen:
            seen.add(ind.name)
            targets.append(Target(key=k, name=ind.name, scope=ind.scope, period=ind.period, unit=ind.unit or ""))
    named = [t for t in targets if any(re.search(r"\d", c) for c in clauses_naming(old_text, t.name))]
    in_both = [t for t in named if any(re.search(r"\d", c) for c in clauses_naming(old_text, t.name, targets=False))]
    found_named = match_figures(figures, named)
    found = match_figures(figures, in_both)
    right = 0
    for t in in_both:
        if t.key not in found:
            continue
        fig, _ = found[t.key]
        written = " ".join(clauses_naming(old_text, t.name))
        # A clause after the name holds the number too: 生产总值完成65亿元，增长7.5%.
        near = " ".join(
            old_text[m.start() : m.start() + 60]
            for n in _spellings(t.name)
            for m in re.finditer(re.escape(n), old_text)
        )
        if any(v and (v in written or v in near) for v in (fig.value, fig.growth, fig.rank)):
            right += 1
    missed = [t.name for t in in_both if t.key not in found]
    checks = year_on_year_checks(draft, draftified, figures)
    return {
        "named": len(named),
        "found_named": len(found_named),
        "in_both": len(in_both),
        "found": len(found),
        "right": right,
        "missed": missed,
        "targets": len(targets),
        **checks,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="exit 1 when under the target")
    args = parser.parse_args()
    totals = dict.fromkeys(
        ("named", "found_named", "in_both", "found", "right", "compared", "false", "slips", "caught"), 0
    )
    print(f"{'county':<6} {'pair':<10} {'indicators':>10} {'in both':>8} {'found':>6} {'right':>6}  missed")
    for county, earlier, later in PAIRS:
        r = run_pair(earlier, later)
        for k in totals:
            totals[k] += r[k]
        for message in r["false_messages"]:
            print(f"    false warning: {message}")
        print(
            f"{county:<6} {earlier}→{later:<5} {r['targets']:>10} {r['in_both']:>8} {r['found']:>6} {r['right']:>6}  "
            f"{'、'.join(r['missed'][:6])}"
        )
    share = totals["found"] / totals["in_both"] if totals["in_both"] else 0.0
    right = totals["right"] / totals["found"] if totals["found"] else 0.0
    print(
        f"total: {totals['found']}/{totals['in_both']} indicators in both find their predecessor = {share:.1%} "
        f"(target {TARGET:.0%}); the figure's number written with the name in last year's text: {totals['right']}/"
        f"{totals['found']} = {right:.1%}"
    )
    print(
        f"counting also names last year's report writes only in targets (预期目标 …): {totals['found_named']}/"
        f"{totals['named']} = {totals['found_named'] / max(totals['named'], 1):.1%}"
    )
    print(
        f"year-on-year checks on the true later reports: {totals['compared']} values compared with last year's, "
        f"{totals['false']} false warnings; 万元 typed as 亿元 (×10,000) caught {totals['caught']}/{totals['slips']}"
    )
    return 1 if args.check and share < TARGET else 0


if __name__ == "__main__":
    sys.exit(main())
