"""Score the draft parser on every upload form of the public drafts.

Usage (from the repository root)::

    .venv/bin/python bench/parse_forms.py            # every form, one table each, then the totals
    .venv/bin/python bench/parse_forms.py --check    # exit 1 when a form misses a target
    .venv/bin/python bench/parse_forms.py --form converter --verbose   # one form, with the misses
    .venv/bin/python bench/parse_forms.py --variants 3   # also 3 fresh drafts of each report

``bench/parse_accuracy.py`` scores the public drafts ``samples/public/NNN.draft.txt``
as UTF-8 text only. Users upload the same reports as GBK or UTF-16 text,
as a converter's output and as Word files, so here each draft (001-022) is
rebuilt in memory in each form by ``apps/parsing/tests/upload_forms.py``
(the shapes of the seed forms ``samples/000.*`` / ``004.*``) and scored
against the same gold with :func:`apps.parsing.evaluation.score`:

* ``utf8``, ``gbk``, ``utf16``: the text as saved by an editor;
* ``converter``: seed 004's shape (paragraphs joined by a space, one line
  per 300-character page started by ``N、``); ``converter-lines``: hard
  breaks every 35-45 characters, ``N、`` on the first of each 22 lines.
  The gold then counts the page numbers (``page_markers``), as seed 004's;
* ``plain.docx``, ``styled.docx`` (fonts, bold, placeholders split over two
  runs, one highlighted), ``numbered.docx`` (level-1 ``一、`` numbered by
  Word: chineseCounting ``%1、``) and ``numbered2.docx`` (also the
  full-width ``（一）`` under them, ``（%2）``; the seeds number level 1 only).

Columns: titles right; headings (level, number, text) precision/recall;
written placeholders located (raw + context) precision/recall and the share
of those located with the right kind and unit; implicit blanks
precision/recall; page numbers removed right. Targets (``--check``): headings
P and R >= 97 %, titles >= 95 %, written P and R >= 99.5 %, kind >= 99 %,
implicit R >= 85 % at P >= 95 %.

Figures (2026-12-06, totals over 001-022; docs/parsing.md has the story)::

                          title   headings P/R    written P/R   kind   implicit P/R  pages
    before (parser of 196f1c9)
    utf8, gbk, utf16      22/22  100.0% 100.0%  100.0% 100.0%  99.9%   99.1% 100.0%  22/22
    converter              7/22   99.4%  99.4%  100.0% 100.0%  99.9%   99.1% 100.0%  22/22
    converter-lines        3/22   26.4%  50.9%   60.4%  61.9%  99.8%   52.5%  70.8%  12/22
    plain/styled/numbered 22/22  100.0% 100.0%  100.0% 100.0%  99.9%   99.1% 100.0%  22/22
    after: every form     22/22  100.0% 100.0%  100.0% 100.0%  99.9%   99.1% 100.0%  22/22
    --variants 3: every form 88/88, headings 100/100, written >= 99.9/99.9, implicit 99.1/99.9
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from apps.parsing import parse_draft, warm_up  # noqa: E402
from apps.parsing.evaluation import Score, score  # noqa: E402
from apps.parsing.tests.upload_forms import FORMS, build_form  # noqa: E402
from bench.parse_accuracy import PUBLIC, _pr  # noqa: E402

KEYS = ("headings", "explicit_located", "implicit")
TARGETS = "headings P/R >= 97 %, titles >= 95 %, written P/R >= 99.5 %, kind >= 99 %, implicit R >= 85 % at P >= 95 %"


def _sum(a: Score, b: Score) -> None:
    a.expected += b.expected
    a.found += b.found
    a.correct += b.correct


class Totals:
    def __init__(self) -> None:
        self.parts = {k: Score() for k in KEYS}
        self.kind_ok = 0
        self.titles = self.runs = self.pages_ok = 0

    def add(self, rep) -> None:
        for key in KEYS:
            _sum(self.parts[key], getattr(rep, key))
        self.kind_ok += rep.explicit.correct
        self.titles += rep.title_ok
        self.pages_ok += rep.page_markers[0] == rep.page_markers[1]
        self.runs += 1

    @property
    def kind(self) -> float:
        located = self.parts["explicit_located"].correct
        return self.kind_ok / located if located else 1.0

    def row(self, label: str) -> str:
        p = self.parts
        return (
            f"{label:20} {f'{self.titles}/{self.runs}':>6} {_pr(p['headings']):>14} {_pr(p['explicit_located']):>14} "
            f"{self.kind:6.1%} {_pr(p['implicit']):>14} {f'{self.pages_ok}/{self.runs}':>6}"
        )

    def meets(self) -> bool:
        h, e, i = (self.parts[k] for k in KEYS)
        return (
            h.precision >= 0.97
            and h.recall >= 0.97
            and self.titles >= 0.95 * self.runs
            and e.precision >= 0.995
            and e.recall >= 0.995
            and self.kind >= 0.99
            and i.recall >= 0.85
            and i.precision >= 0.95
        )


HEADER = f"{'':20} {'title':>6} {'headings P/R':>14} {'written P/R':>14} {'kind':>6} {'implicit P/R':>14} {'pages':>6}"


def _drafts(names: list[str], variants: int):
    """(label, draft, gold): the drafts on disk, then ``variants`` fresh drafts of each report."""
    for name in names:
        draft = (PUBLIC / f"{name}.draft.txt").read_text(encoding="utf-8")
        yield name, draft, json.loads((PUBLIC / f"{name}.gold.json").read_text(encoding="utf-8"))
    if variants:
        from apps.parsing.tests.make_public_gold import build

        for k in range(variants):
            for name in names:
                draft, gold = build(name, salt=f"-variant-{k}")
                yield f"{name}-v{k}", draft, gold


def run_form(form: str, names: list[str], verbose: bool, variants: int = 0) -> Totals:
    totals = Totals()
    print(f"form: {form}")
    print(HEADER)
    print("-" * len(HEADER))
    for name, draft, gold in _drafts(names, variants):
        data, filename, form_gold = build_form(form, draft, gold, name)
        rep = score(parse_draft(data, filename=filename), form_gold)
        one = Totals()
        one.add(rep)
        totals.add(rep)
        print(one.row(name))
        if verbose:
            if not rep.title_ok:
                print("    title:", repr(gold["title"]))
            for h in rep.headings.misses:
                print("    heading missed:", h)
            for h in rep.headings.extras:
                print("    heading extra: ", h)
            for g in rep.explicit_located.misses:
                print("    written missed:", g["before"], g["raw"], g["after"])
            for g in rep.implicit.misses:
                print("    implicit missed:", g["before"], "▮", g["after"])
            for x in rep.implicit.extras:
                print("    implicit extra: ", x)
    print("-" * len(HEADER))
    print(totals.row("total"))
    print()
    return totals


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--form", action="append", choices=FORMS, help="only this form (repeatable)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a form misses a target")
    parser.add_argument("--verbose", action="store_true", help="list each miss and extra")
    parser.add_argument(
        "--variants", type=int, default=0, help="also N fresh drafts of each report (as parse_accuracy.py --variants)"
    )
    args = parser.parse_args()
    warm_up()
    names = sorted(p.name[:3] for p in PUBLIC.glob("*.gold.json"))
    results = {form: run_form(form, names, args.verbose, args.variants) for form in args.form or FORMS}
    print("totals per form")
    print(HEADER)
    print("-" * len(HEADER))
    ok = True
    for form, totals in results.items():
        print(totals.row(form) + ("" if totals.meets() else "  MISSED"))
        ok &= totals.meets()
    print(f"\ntargets: {TARGETS}")
    print("result:", "all targets met" if ok else "TARGETS MISSED")
    return 0 if ok or not args.check else 1


if __name__ == "__main__":
    raise SystemExit(main())
