"""Accuracy of the proofreader (apps/parsing/proofread.py) on seed 004 and the clean public reports.

Run from the repository root::

    python bench/proofread_accuracy.py            # prints the figures
    python bench/proofread_accuracy.py --check    # exits 1 when a target is missed

Seed 004 (``apps/parsing/tests/samples/004.utf8.txt``, the converter-damaged draft) is scored
against ``bench/data/proofread_004.json`` (how it was written: its ``notes``). A suggestion is
right when it marks exactly a gold error's span (or its ``also_at`` span); one that touches a
``correct`` use or nothing in the gold is false; one inside an ``ambiguous`` passage is not
counted. Targets: precision >= 95 %, recall >= 90 %.

The clean public reports (``apps/parsing/tests/samples/public/001.txt`` … ``022.txt``) have no
converter damage. Every suggestion on them was read: the real slips are listed in
``bench/data/proofread_public_reviewed.json`` (half-width punctuation between Chinese
characters is a real slip by GB/T 15834 and counted apart, per file); anything else is a false
suggestion. Target: at most one false suggestion per 20,000 characters of cleaned text, per file.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from apps.parsing import parse_draft  # noqa: E402
from apps.parsing.proofread import KIND_HALFWIDTH, proofread_result  # noqa: E402

SAMPLES = ROOT / "apps" / "parsing" / "tests" / "samples"
GOLD = ROOT / "bench" / "data" / "proofread_004.json"
REVIEWED = ROOT / "bench" / "data" / "proofread_public_reviewed.json"
MIN_PRECISION = 0.95
MIN_RECALL = 0.90
CHARS_PER_FALSE = 20_000


def _field_text(result, section: int, field: str) -> str:
    """``title``, or a section's ``marker``, ``heading`` or ``body``."""
    return result.title if field == "title" else getattr(result.sections[section], field)


def locate(text: str, context: str) -> tuple[int, int]:
    """The span marked ``[...]`` in ``context`` inside ``text``; the context must occur exactly once."""
    before, rest = context.split("[", 1)
    marked, after = rest.rsplit("]", 1)
    plain = before + marked + after
    at = text.find(plain)
    if at < 0 or text.find(plain, at + 1) >= 0:
        raise ValueError(f"gold context not found exactly once: {context!r}")
    return at + len(before), at + len(before) + len(marked)


def score_seed(result, gold: dict) -> dict:
    def spans(entries):
        out = []
        for e in entries:
            text = _field_text(result, e["section"], e["field"])
            keys = [(e["section"], e["field"], *locate(text, e["context"]))]
            if "also_at" in e:
                keys.append((e["section"], e["field"], *locate(text, e["also_at"])))
            out.append((e, keys))
        return out

    errors = spans(gold["errors"])
    correct = spans(gold["correct"])
    ambiguous = spans(gold["ambiguous"])
    by_key = {k: e for e, keys in errors for k in keys}
    found: set[int] = set()
    tp = fp = exact = ignored = 0
    false_list = []
    kinds_tp: Counter = Counter()
    kinds_fp: Counter = Counter()

    def overlaps(entries, section, field, start, end):
        return any(s == section and f == field and start < e and a < end for _, keys in entries for s, f, a, e in keys)

    for section, field, s in proofread_result(result):
        key = (section, field, s.start, s.end)
        if key in by_key:
            entry = by_key[key]
            if id(entry) not in found:
                found.add(id(entry))
                tp += 1
                kinds_tp[s.kind] += 1
                exact += s.replacement == entry["replacement"]
            continue
        at = (section, field, s.start, s.end)
        if overlaps(ambiguous, *at) and not overlaps(correct, *at):
            ignored += 1
            continue
        fp += 1
        kinds_fp[s.kind] += 1
        text = _field_text(result, section, field)
        marked = f"[{s.original}→{s.replacement}]"
        false_list.append(f"{text[max(0, s.start - 8) : s.start]}{marked}{text[s.end : s.end + 8]}")
    missed = [e["context"] for e, _ in errors if id(e) not in found]
    return {
        "errors": len(errors),
        "suggested": tp + fp,
        "tp": tp,
        "fp": fp,
        "exact": exact,
        "ignored": ignored,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / len(errors) if errors else 1.0,
        "kinds_tp": dict(kinds_tp),
        "kinds_fp": dict(kinds_fp),
        "false": false_list,
        "missed": missed,
    }


def score_public(path: Path, reviewed: list[dict]) -> dict:
    result = parse_draft(path.read_bytes(), filename=path.name)
    chars = len(result.title) + sum(len(s.heading) + len(s.body) for s in result.sections)
    true_keys = set()
    for e in reviewed:
        text = _field_text(result, e["section"], e["field"])
        true_keys.add((e["section"], e["field"], *locate(text, e["context"])))
    kinds: Counter = Counter()
    false_list = []
    halfwidth = 0
    for section, field, s in proofread_result(result):
        kinds[s.kind] += 1
        if s.kind == KIND_HALFWIDTH:
            halfwidth += 1
        elif (section, field, s.start, s.end) not in true_keys:
            text = _field_text(result, section, field)
            false_list.append(
                f"{s.kind} {text[max(0, s.start - 8) : s.start]}[{s.original}→{s.replacement}]{text[s.end : s.end + 8]}"
            )
    return {
        "chars": chars,
        "suggestions": sum(kinds.values()),
        "halfwidth": halfwidth,
        "true_other": sum(kinds.values()) - halfwidth - len(false_list),
        "false": false_list,
        "allowed": chars / CHARS_PER_FALSE,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the false and missed suggestions")
    args = parser.parse_args()

    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    seed = parse_draft((SAMPLES / "004.utf8.txt").read_bytes(), filename="004.utf8.txt")
    s = score_seed(seed, gold)
    print("seed 004 (converter-damaged draft)")
    print(
        f"  gold errors {s['errors']}, suggestions {s['suggested']} (+{s['ignored']} in ambiguous passages): "
        f"right {s['tp']}, false {s['fp']}, of the right ones with exactly the gold correction {s['exact']}"
    )
    print(f"  precision {s['precision']:.1%}  recall {s['recall']:.1%}")
    print(f"  right by kind {s['kinds_tp']}  false by kind {s['kinds_fp']}")
    if args.verbose:
        for line in s["false"]:
            print("    false:", line)
        for line in s["missed"]:
            print("    missed:", line)
    ok = s["precision"] >= MIN_PRECISION and s["recall"] >= MIN_RECALL

    reviewed = json.loads(REVIEWED.read_text(encoding="utf-8"))
    print("\nclean public reports: false suggestions per file (allowed: 1 per 20,000 characters)")
    total_chars = total_false = 0
    for path in sorted((SAMPLES / "public").glob("0[0-9][0-9].txt")):
        p = score_public(path, reviewed.get(path.name, []))
        total_chars += p["chars"]
        total_false += len(p["false"])
        verdict = "ok" if len(p["false"]) <= p["allowed"] else "TOO MANY"
        print(
            f"  {path.name}: {p['chars']:>6} chars, {len(p['false'])} false, {p['true_other']} real slips, "
            f"{p['halfwidth']} half-width marks (real slips)  {verdict}"
        )
        for line in p["false"]:
            print("      false:", line)
        ok = ok and len(p["false"]) <= p["allowed"]
    print(f"  all: {total_chars} chars, {total_false} false suggestions")
    if args.check and not ok:
        print("TARGET MISSED")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
