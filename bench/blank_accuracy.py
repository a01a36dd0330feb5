"""Score the implicit-blank rules on drafts with EVERY visibly missing number deleted.

Usage (from the repository root)::

    .venv/bin/python bench/blank_accuracy.py            # table and totals
    .venv/bin/python bench/blank_accuracy.py --check    # exit 1 below recall 0.90 / precision 0.97
    .venv/bin/python bench/blank_accuracy.py --show 012 # also list the misses and false blanks of 012

``bench/parse_accuracy.py`` scores the public gold of
``apps/parsing/tests/make_public_gold.py``, whose generator deletes numbers
only before money, area and weight units and ``%``: it cannot see what
offices really delete. Here each published report
(``apps/parsing/tests/samples/public/NNN.txt``) becomes a draft in which
every Arabic number a reader can still see is missing is deleted:

* before a counter (个 家 项 条 所 件 人 座 户 名 套 张 处 辆 批 次 台 场 …,
  ``万人``, ``万户``, ``人次``) or a unit (元, 万元, 亿元, %, 个百分点, 亩,
  吨, 公里, 平方米, 千瓦 …), also when ``以上``/``以下``/``以内``/``左右``
  and the clause end follow (``增长8%以上，`` → ``增长%以上，``);
* after 超/近/约/由…提高到 (``超20%`` → ``超%``), except before a
  unit opening with a multiplier (``超100亿元`` → ``超亿元`` reads as "over
  a hundred million": the published reports write exactly that);
* a deleted number before a multiplier unit (万元, 亿元, 万人, 万亩 …) only
  where the clause or list goes on after the unit (``完成投资亿元，``), not
  before a noun (``带动万人就业`` reads as "ten thousand") nor a limit
  (``增收万元以上`` reads as "over ten thousand yuan").

Never deleted, since a reader could not tell: a number after another digit
or numeral, a letter, ``第``/``每``, a range (``3至5个``), inside a date
or year (``2021年``, ``3月``), codes (``PM2.5``, ``G234``, ``[4]``), a
category (``亿元以上项目``, ``5000万元以上的``), numbers in the title or
the web clutter (read off by hand in ``make_public_gold.DOCS``).

With a fixed seed, one deletion in five leaves a space where the number was
(``投资 万元``), as when a drafter blanks a number with the space bar.

A deletion is found when the parser reports an implicit blank at the same
place (whitespace ignored: the parse is aligned to the draft); every other
implicit blank it reports is false. Recall, precision per file and in total.
A second total (``mixed``) uses drafts in which, with a fixed seed, half the
deletable numbers are deleted, a third become ``XX`` and the rest stay.
"""

from __future__ import annotations

import argparse
import bisect
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from apps.parsing import assemble_with_spans, parse_draft, warm_up  # noqa: E402
from apps.parsing.tests import make_public_gold  # noqa: E402

PUBLIC = ROOT / "apps" / "parsing" / "tests" / "samples" / "public"
SEED = "blank-accuracy"
SPACE_SHARE = 0.2
TARGET_RECALL = 0.90
TARGET_PRECISION = 0.97

# Units with a multiplier in front read as a number on their own before a
# noun ("万人就业", "亿元项目"); the others never do.
_MULTIPLIED = (
    "万亿元|亿元|万元|千元|亿美元|万美元|万平方米|万平米|万立方米|亿立方米|万亩|万公顷|万吨|亿斤|万千瓦时|"
    "亿千瓦时|万千瓦|万人次|万人|万户|万家|万辆|万套|万个|万名|万条|万件|万张|万台|万头|万只|万株|万标箱|万册"
)
_PLAIN = (
    "平方公里|平方千米|平方米|平米|立方米|公顷|公里|千米|亩|吨|千瓦时|千瓦|兆瓦|元|美元|"
    "个百分点|百分点|%|％|倍|个月|人次|家次|"
    "个|家|项|条|所|件|人|座|户|名|套|张|处|辆|批|次|台|场|宗|栋|间|支|头|只|株|棵|篇|届|期"
)
_UNITS = sorted(set(_MULTIPLIED.split("|")) | set(_PLAIN.split("|")), key=len, reverse=True)
_MULT_SET = frozenset(_MULTIPLIED.split("|"))
NUMBER = re.compile(
    r"(?<![\d.A-Za-zＡ-Ｚａ-ｚ+\-—~～/:：^\[第每])(?P<num>\d+(?:\.\d+)?)(?P<unit>"
    + "|".join(re.escape(u) for u in _UNITS)
    + ")"
)
_CN_NUMERALS = "〇零一二三四五六七八九十百千万亿两几数"
# Words after which a multiplier unit reads as an amount ("超亿元", "近万人").
_APPROX = "超近约逾上破过"
_CLAUSE_END = re.compile(r"$|[\n，,。；;、：:！？!?）)”]")
_GOES_ON = re.compile(r"$|[\n，,。；;、：:！？!?）)”和及与的]")
_RANGE_BEFORE = re.compile(r"\d[至到~～\-—－]$")
# After the unit: a category ("亿元以上项目", "5A级"), a longer word ("3项目"?),
# or the unit is really part of a name ("5G", "1号").
_CATEGORY = re.compile(r"级|大关|量级|规模|强|号|型|届")
_LIMIT = re.compile(r"(?:及)?(?:以上|以下|以内)|左右")


@dataclass
class Deletion:
    start: int
    end: int
    unit: str
    original: str


@dataclass
class Tally:
    expected: int = 0
    found: int = 0
    correct: int = 0
    misses: list = field(default_factory=list)
    extras: list = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.expected += other.expected
        self.found += other.found
        self.correct += other.correct

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0


def visibly_missing(text: str, m: re.Match) -> bool:
    """Whether a reader of ``text`` without ``m``'s number could still see it is missing."""
    a = m.start("num")
    before = text[a - 1] if a else "\n"
    if before in _CN_NUMERALS or _RANGE_BEFORE.search(text, max(0, a - 2), a):
        return False
    if not ("\u4e00" <= before <= "\u9fff" or before in "、，,：:；;（(“ \n。"):
        return False
    unit, end = m.group("unit"), m.end("unit")
    if _CATEGORY.match(text, end):
        return False
    limit = _LIMIT.match(text, end)
    if limit:
        if unit in _MULT_SET or not _CLAUSE_END.match(text, limit.end()):
            return False  # "亿元以上项目", "5000万元以上的"
        return True
    if unit in _MULT_SET:
        if before in _APPROX:
            return False
        return bool(_GOES_ON.match(text, end))
    return not _reads_as_word(text, a, m.end("num"), unit)


def _reads_as_word(text: str, a: int, b: int, unit: str) -> bool:
    """Whether, the number gone, a counter joins the words around it (``高新技术企业家``, ``个人``).

    Decided by jieba (its full dictionary) on the clause as it would read.
    """
    import jieba

    start = max(0, a - 12)
    left = re.split(r"[\s，,。；;、：:！？!?（）()“”]", text[start:a])[-1]
    right = re.split(r"[\s，,。；;、：:！？!?（）()“”]", text[b : b + 6])[0]
    pos = 0
    for word in jieba.lcut(left + right, HMM=False):
        if pos <= len(left) < pos + len(word):
            return pos < len(left) or len(word) > len(unit)
        pos += len(word)
    return False


def make_draft(name: str, mixed: bool = False) -> tuple[str, list[Deletion]]:
    """The draft of ``public/<name>.txt`` and the deletions made (offsets into the draft)."""
    doc = make_public_gold.DOCS[name]
    text = (PUBLIC / f"{name}.txt").read_text(encoding="utf-8")
    protected = make_public_gold.clutter_spans(doc, text) + make_public_gold._title_span(doc, text)
    rng = random.Random(f"{SEED}-{name}-{'mixed' if mixed else 'all'}")
    out: list[str] = []
    deletions: list[Deletion] = []
    pos = 0
    here = 0
    for m in NUMBER.finditer(text):
        a, b = m.span("num")
        if any(s <= a < e for s, e in protected) or not visibly_missing(text, m):
            continue
        roll = rng.random()
        space = rng.random() < SPACE_SHARE
        if mixed and roll >= 0.5:
            replacement = None if roll >= 0.83 else doc.filler * (1 if len(m.group("num")) == 1 else 2)
        else:
            replacement = " " if space and text[a - 1 : a] != " " else ""
        if replacement is None:
            continue
        kept = text[pos:a]
        out.append(kept)
        here += len(kept)
        if replacement and replacement.strip():
            out.append(replacement)  # a written placeholder, not a deletion
            here += len(replacement)
        else:
            out.append(replacement)
            here += len(replacement)
            deletions.append(Deletion(here, here, m.group("unit"), m.group("num")))
        pos = b
    out.append(text[pos:])
    return "".join(out), deletions


_DROP = re.compile(r"\s|&(?:nbsp|ensp|emsp|thinsp|#160|#12288);?|\?{2,}")


def _strip(text: str) -> tuple[str, list[int]]:
    """``text`` without whitespace and entity noise, and each kept character's offset."""
    kept, where = [], []
    pos = 0
    for m in _DROP.finditer(text):
        for k in range(pos, m.start()):
            kept.append(text[k])
            where.append(k)
        pos = m.end()
    for k in range(pos, len(text)):
        kept.append(text[k])
        where.append(k)
    return "".join(kept), where


def _align(parsed: str, draft: str) -> list[int]:
    """For each index of ``parsed`` (and its end), the matching index of ``draft``.

    ``parsed`` is ``draft`` less what the parser dropped (web clutter), so a
    greedy walk that skips ahead on a mismatch finds every character.
    """
    out = [0] * (len(parsed) + 1)
    j = 0
    i = 0
    while i < len(parsed):
        if j < len(draft) and parsed[i] == draft[j]:
            out[i] = j
            i += 1
            j += 1
            continue
        for width in (16, 8, 4, 1):
            k = draft.find(parsed[i : i + width], j)
            if k >= 0:
                j = k
                break
        else:
            out[i] = j
            i += 1
    out[len(parsed)] = j
    return out


def score_file(name: str, mixed: bool = False) -> Tally:
    draft, deletions = make_draft(name, mixed)
    result = parse_draft(draft.encode("utf-8"), filename=f"{name}.txt")
    text, spans = assemble_with_spans(result)
    found = []
    for (si, pi), (a, _b) in spans.items():
        if result.sections[si].placeholders[pi].implicit:
            found.append(a)
    d_stripped, d_where = _strip(draft)
    p_stripped, p_where = _strip(text)

    # Stripped index of an insertion point: the number of kept characters before it.
    def d_index(pos: int) -> int:
        return bisect.bisect_left(d_where, pos)

    mapping = _align(p_stripped, d_stripped)
    want: dict[int, list[Deletion]] = {}
    for d in deletions:
        want.setdefault(d_index(d.start), []).append(d)
    got: dict[int, int] = {}
    for a in found:
        k = mapping[bisect.bisect_left(p_where, a)]
        got[k] = got.get(k, 0) + 1
    tally = Tally(expected=len(deletions), found=len(found))

    def ctx(k: int) -> str:
        pos = d_where[k] if k < len(d_where) else len(draft)
        return (draft[max(0, pos - 12) : pos] + "▮" + draft[pos : pos + 8]).replace("\n", "⏎")

    for k, items in want.items():
        hit = min(len(items), got.get(k, 0))
        tally.correct += hit
        for d in items[hit:]:
            tally.misses.append(f"{ctx(k)}  ({d.original}{d.unit})")
    for k, n in got.items():
        extra = n - min(n, len(want.get(k, [])))
        tally.extras += [ctx(k)] * extra
    return tally


def _row(label: str, t: Tally) -> str:
    return f"{label:14} {t.expected:7} {t.found:7} {t.correct:7} {t.recall:8.1%} {t.precision:9.1%}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 below the targets (all-deleted drafts)")
    parser.add_argument("--show", nargs="*", default=None, help="list misses and false blanks (of these files)")
    args = parser.parse_args()
    warm_up()
    names = sorted(make_public_gold.DOCS)
    header = f"{'draft':14} {'deleted':>7} {'found':>7} {'right':>7} {'recall':>8} {'precision':>9}"
    print(header)
    print("-" * len(header))
    total, mixed_total = Tally(), Tally()
    shown = []
    for name in names:
        t = score_file(name)
        total.add(t)
        mixed_total.add(score_file(name, mixed=True))
        print(_row(f"{name}.txt", t))
        if args.show is not None and (not args.show or name in args.show):
            shown.append((name, t))
    print("-" * len(header))
    print(_row("total", total))
    print(_row("total mixed", mixed_total))
    for name, t in shown:
        print(f"\n== {name}: {len(t.misses)} missed, {len(t.extras)} false")
        for line in t.misses:
            print("  miss  ", line)
        for line in t.extras:
            print("  false ", line)
    ok = total.recall >= TARGET_RECALL and total.precision >= TARGET_PRECISION
    targets = f"recall >= {TARGET_RECALL:.0%} at precision >= {TARGET_PRECISION:.0%}"
    print(f"\ntargets: {targets}:", "met" if ok else "MISSED")
    return 0 if ok or not args.check else 1


if __name__ == "__main__":
    raise SystemExit(main())
