"""Score the draft parser on every gold-annotated sample.

Usage (from the repository root)::

    .venv/bin/python bench/parse_accuracy.py

For each sample file with a gold annotation in ``apps/parsing/tests/samples``
(``NNN.*.txt`` / ``NNN.*.docx`` next to ``NNN.gold.json``) prints precision and
recall for headings, explicit placeholders (position + kind + unit), implicit
blanks and page markers, then the totals.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from apps.parsing import parse_draft, warm_up  # noqa: E402
from apps.parsing.evaluation import Score, score  # noqa: E402

SAMPLES = ROOT / "apps" / "parsing" / "tests" / "samples"


def _pr(s: Score) -> str:
    return f"{s.precision:6.1%} {s.recall:6.1%}"


def main() -> int:
    warm_up()
    totals = {k: Score() for k in ("headings", "explicit", "implicit")}
    pm_ok = pm_total = 0
    all_ok = True
    header = (
        f"{'file':22} {'title':5} {'headings P/R':>14} {'explicit P/R':>14} {'implicit P/R':>14} "
        f"{'page marks':>10} {'boilerpl.':>9}"
    )
    print(header)
    print("-" * len(header))
    for path in sorted(SAMPLES.iterdir()):
        if path.suffix not in (".txt", ".docx") or not (SAMPLES / f"{path.name[:3]}.gold.json").exists():
            continue
        gold = json.loads((SAMPLES / f"{path.name[:3]}.gold.json").read_text(encoding="utf-8"))
        result = parse_draft(path.read_bytes(), filename=path.name)
        rep = score(result, gold)
        for key in totals:
            part = getattr(rep, key)
            totals[key].expected += part.expected
            totals[key].found += part.found
            totals[key].correct += part.correct
        got, want = rep.page_markers
        pm_total += 1
        pm_ok += got == want
        all_ok &= (
            rep.title_ok
            and rep.headings.recall == rep.headings.precision == 1
            and rep.explicit.recall == rep.explicit.precision == 1
            and got == want
            and rep.boilerplate_ok
            and rep.implicit.recall >= 0.95
            and len(rep.implicit.extras) <= 1
        )
        print(
            f"{path.name:22} {'ok' if rep.title_ok else 'BAD':5} {_pr(rep.headings):>14} {_pr(rep.explicit):>14} "
            f"{_pr(rep.implicit):>14} {f'{got}/{want}':>10} {'ok' if rep.boilerplate_ok else 'BAD':>9}"
        )
    print("-" * len(header))
    print(
        f"{'total':22} {'':5} {_pr(totals['headings']):>14} {_pr(totals['explicit']):>14} "
        f"{_pr(totals['implicit']):>14} {f'{pm_ok}/{pm_total} ok':>10}"
    )
    print("\ngold targets: headings and explicit placeholders exact; implicit recall >= 95 %, <= 1 false per file")
    print("result:", "all targets met" if all_ok else "TARGETS MISSED")
    return 0 if all_ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
