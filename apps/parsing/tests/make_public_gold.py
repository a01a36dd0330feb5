"""Draft versions of the published reports, with gold annotations.

The five reports in ``samples/public`` (``NNN.txt``, copied unchanged from
``shared/corpus/public``) are complete texts. This script turns each into a
draft as a drafter leaves it, ``samples/public/NNN.draft.txt``, and writes
what a correct parse of that draft must find, ``samples/public/NNN.gold.json``
(same format as the seed gold files, plus the original values):

* a share of the statistical numbers become written placeholders: values
  with their unit (``XX亿元``, ``X.X%``, ``XX余万元``, ``XX万条``), growth
  rates with the ``%`` dropped (``同比增长XX``), ranks (``居全省第X``),
  years (``xx年``, ``20XX年``), dates (``X月XX日``);
* a smaller share are simply deleted where a reader can still tell that a
  number is missing (``总投资亿元``, ``增长%``): only before a unit of
  measure (money, ``%``, points, area, weight, people, households, length,
  power), after a Chinese word, and never before a category word
  (``亿元以上项目``, ``蒸吨及以下``) where a reader could not tell;
* a few names (``建成XX工业园区``) and one whole passage per document
  (``总体要求是：XXX``), chosen by hand.

The title and headings in ``DOCS`` (public_annotations.py, public_annotations_more.py) were read off the
documents by hand; their draft text is derived here by applying the same replacements. The
choice of numbers is pseudo-random with a fixed seed per document, so the
output is the same on every run (``test_public_gold.py`` checks that the
files on disk are what this script writes).

Every entry of ``explicit_placeholders`` and ``implicit_blanks`` carries its
``original`` value; ``originals`` lists them all (explicit and implicit
merged) in document order, so that filling the parse of a draft with them
gives back the published text.

Usage (from the repository root)::

    .venv/bin/python apps/parsing/tests/make_public_gold.py
"""

from __future__ import annotations

import json
import random
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: the repository root on the path for the absolute imports
    sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from apps.parsing.tests.public_annotations import DOCS_001_013, Doc
from apps.parsing.tests.public_annotations_more import DOCS_014_022

PUBLIC = Path(__file__).with_name("samples") / "public"

# Share of candidate numbers turned into written placeholders / deleted.
EXPLICIT_SHARE = 0.33
DELETE_SHARE = 0.15
YEAR_SHARE = 0.35
DATE_SHARE = 0.8
RANK_SHARE = 0.7


# The hand annotations (title, headings, names, passages, clutter) of each report.
DOCS: dict[str, Doc] = {**DOCS_001_013, **DOCS_014_022}

# --- what counts as a number worth replacing -------------------------------

_NUM = r"\d+(?:\.\d+)?"
# A number that is part of a code or a bigger token is left alone:
# PM2.5, G234, 2+26, 4-6英寸, 6：61：33, [4], 5A.
_NOT_BEFORE = r"(?<![\d.A-Za-z+\-—~～/:：^\[第])"
_NOT_AFTER = r"(?![\d.A-Za-z+\-—~～/:：\]])"

_MULT = "(?:万亿|亿|万|千)?"
_BASE = (
    "平方公里|平方千米|平方米|立方米|公顷|公里|千米|米|亩|吨|千瓦时|千瓦|兆瓦|千伏|元|美元|"
    "人次|人|户|家|个百分点|个月|个|项|条|座|所|处|台|辆|套|件|起|次|批|张|名|头|只|株|棵|册|"
    "篇|场|栋|盏|眼|宗|类|支|天|小时|倍|羽|斤|公斤|千克|度"
)
# "余"/"多" (more than) may stand before or inside the unit: 2300余人, X亿多元.
_UNIT = rf"(?:余|多)?(?:{_MULT}(?:余|多)?(?:{_BASE})|万亿|亿)"
VALUE = re.compile(rf"{_NOT_BEFORE}(?P<num>{_NUM}){_NOT_AFTER}(?P<unit>{_UNIT})")
PERCENT = re.compile(rf"{_NOT_BEFORE}(?P<num>{_NUM})(?P<unit>[%％])")
YEAR = re.compile(rf"{_NOT_BEFORE}(?P<num>(?:19|20)\d\d)(?=年)")
DATE = re.compile(rf"{_NOT_BEFORE}(?P<month>\d{{1,2}})月(?P<day>\d{{1,2}})日")
RANK = re.compile(
    r"(?:(?:全国|全省|全市|全区|全县|全盟|全球)第|排名第)(?P<num>\d{1,3}|[一二三四五六七八九十]{1,2})(?=位|名|[，。；、,;）)]|$)"
)
# A unit that is really a word (蒸吨: boiler rating; 千家万户).
_SKIP_UNIT_AFTER = re.compile(r"蒸|家万")

# Units before which a deleted number is still visibly missing.
_DELETABLE = re.compile(
    r"(?:万亿|亿|万|千)?元|(?:万|亿)?美元|[%％]|个百分点|(?:万)?平方(?:公里|米)|(?:万)?立方米|(?:万)?亩|(?:万)?吨"
    r"|(?:万)?公顷|万人(?:次)?|万户|公里|(?:万)?千瓦"
)
# After the unit, these make it a category a reader could not tell from a
# missing number ("亿元以上项目", "万元以下").
_CATEGORY_AFTER = re.compile(r"(?:及)?以[上下内]|级|大关|量级|规模|项目|企业|工程|产业")
_AFTER_QUANTITY = re.compile(r"$|[\n，,。；;、）)：:！？!?和及与的]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CN_NUMERALS = "一二三四五六七八九十百千万亿两几数多余近超逾"
_GROWTH = re.compile(r"(?:增长|增|下降|提高|提升|回落|降低|减少|增速)了?$")


@dataclass
class Edit:
    start: int
    end: int
    raw: str
    kind: str
    unit: str | None
    implicit: bool = False

    def original(self, text: str) -> str:
        return text[self.start : self.end]


def _filler(doc: Doc, digits: str, rng: random.Random) -> str:
    """A placeholder for ``digits`` ("12.5" → "XX" or "XX.X") in the document's filler."""
    f = doc.filler
    whole, _, frac = digits.partition(".")
    width = 1 if len(whole) == 1 and rng.random() < 0.7 else 2
    if len(whole) >= 4 and rng.random() < 0.3:
        width = 3
    raw = f * width
    if frac and rng.random() < 0.4:
        raw += "." + f
    return raw


def _deletable(text: str, start: int, unit_start: int, unit_end: int) -> bool:
    """Whether a reader could still tell that a number is missing here."""
    before = text[start - 1] if start else ""
    if not (_CJK.match(before) or before == "、") or before in _CN_NUMERALS:
        return False
    unit = text[unit_start:unit_end]
    if not _DELETABLE.fullmatch(unit) or _CATEGORY_AFTER.match(text, unit_end):
        return False
    # "%" and points never stand without a number; other units only read as
    # a quantity when the clause or list goes on after them ("完成造林万亩。"),
    # not before a noun ("启动万亩“菜篮子”工程" reads as an adjective).
    return unit in ("%", "％", "个百分点") or _AFTER_QUANTITY.match(text, unit_end) is not None


def _line_of(text: str, pos: int) -> tuple[int, int]:
    return text.rfind("\n", 0, pos) + 1, (text.find("\n", pos) + 1 or len(text) + 1) - 1


def make_edits(name: str, doc: Doc, text: str, salt: str = "") -> list[Edit]:
    """Choose the replacements for one document (deterministic for a given ``salt``)."""
    rng = random.Random(f"public-gold-{name}{salt}")
    edits: list[Edit] = []
    taken: set[int] = set()

    def add(edit: Edit) -> None:
        span = set(range(edit.start, max(edit.end, edit.start + 1)))
        if span & taken:
            return
        taken.update(span)
        edits.append(edit)

    first_line_end = text.find("\n")
    upper = doc.filler
    for ctx, target in doc.texts:
        at = text.index(ctx) + len(ctx)
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        if target is not None:
            end = at + len(target)
        add(Edit(at, end, upper * 3, "text", None))
    for ctx, target in doc.names:
        assert text.count(ctx) == 1, (name, ctx)
        at = text.index(ctx) + ctx.index(target)
        add(Edit(at, at + len(target), upper * 2, "name", None))

    for m in DATE.finditer(text):
        if m.start() < first_line_end or rng.random() >= DATE_SHARE:
            continue
        for group, unit in (("month", "月"), ("day", "日")):
            a, b = m.span(group)
            add(Edit(a, b, upper * (b - a), "date", unit))
    for m in YEAR.finditer(text):
        if m.start() < first_line_end or rng.random() >= YEAR_SHARE:
            continue
        a, b = m.span("num")
        if doc.year_style == "20XX" and rng.random() < 0.7:
            add(Edit(a, b, "20" + upper * 2, "year", "年"))
        else:
            add(Edit(a, b, (upper if rng.random() < 0.5 else upper.lower()) * 2, "year", "年"))
    for m in RANK.finditer(text):
        if rng.random() >= RANK_SHARE:
            continue
        a, b = m.span("num")
        add(Edit(a, b, upper * (1 if b - a == 1 else 2), "rank", None))

    for m in PERCENT.finditer(text):
        a, b = m.span("num")
        roll = rng.random()
        if roll < DELETE_SHARE:
            if _deletable(text, a, b, m.end()):
                add(Edit(a, b, "", "percent", "%", implicit=True))
            continue
        if roll < DELETE_SHARE + EXPLICIT_SHARE:
            raw = _filler(doc, m.group("num"), rng)
            line_start = _line_of(text, a)[0]
            if _GROWTH.search(text[line_start:a]) and rng.random() < 0.3 and "." not in raw:
                # The drafter dropped the % sign too: "同比增长XX，".
                add(Edit(a, m.end(), raw, "percent", None))
            else:
                add(Edit(a, b, raw, "percent", "%"))

    for m in VALUE.finditer(text):
        a, b = m.span("num")
        if m.start() < first_line_end or _SKIP_UNIT_AFTER.match(text, m.start("unit")):
            continue
        written = m.group("unit")
        unit = written.replace("余", "").replace("多", "")
        roll = rng.random()
        if roll < DELETE_SHARE:
            if unit == written and _deletable(text, a, m.start("unit"), m.end("unit")):
                add(Edit(a, b, "", "number", unit, implicit=True))
            continue
        if roll < DELETE_SHARE + EXPLICIT_SHARE:
            add(Edit(a, b, _filler(doc, m.group("num"), rng), "number", unit))
    edits.sort(key=lambda e: (e.start, e.end))
    return edits


def apply_edits(text: str, edits: list[Edit], start: int = 0, end: int | None = None) -> str:
    end = len(text) if end is None else end
    out = []
    pos = start
    for e in edits:
        if e.start < start or e.end > end:
            continue
        out.append(text[pos : e.start])
        out.append(e.raw)
        pos = e.end
    out.append(text[pos:end])
    return "".join(out)


def _clean(s: str) -> str:
    """The text as the parser normalises it (spaces, invisible characters)."""
    s = re.sub(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]", " ", s)
    return re.sub(r"[\u200b-\u200d\u2060\ufeff\u00ad]", "", s)


def clutter_spans(doc: Doc, text: str) -> list[tuple[int, int]]:
    """Spans of the web clutter of ``doc`` in ``text`` (see ``Doc.clutter_lines``), in order."""
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    lines = text.split("\n")
    spans = [(starts[n - 1], starts[n - 1] + len(lines[n - 1])) for n in doc.clutter_lines]
    footer_at = None
    if doc.footer:
        footer_at = lines.index(doc.footer)
    for fragment in doc.clutter_fragments:
        assert text.count(fragment) == 1, fragment
        at = text.index(fragment)
        spans.append((at, at + len(fragment)))
    if footer_at is not None:
        spans += [(starts[k], starts[k] + len(lines[k])) for k in range(footer_at, len(lines))]
    return sorted(spans)


def _title_span(doc: Doc, text: str) -> list[tuple[int, int]]:
    if not doc.title:
        return []
    at = re.search(rf"^[ \u3000]*{re.escape(doc.title)}[ \u3000]*$", text, re.MULTILINE)
    return [at.span()]


def _context(draft: str, pos: int, end: int, before: int = 10, after: int = 6) -> tuple[str, str]:
    """Words around a placeholder in the draft, within its line and never across a space."""
    line_start, line_end = _line_of(draft, pos)
    left = _clean(draft[max(line_start, pos - before) : pos])
    right = _clean(draft[end : min(line_end, end + after)])
    left = re.split(r"\s", left)[-1]
    right = re.split(r"\s", right)[0]
    return left, right


def build(name: str, salt: str = "") -> tuple[str, dict]:
    """The draft text and gold annotation of ``samples/public/<name>.txt``.

    ``salt`` varies the choice of numbers: the files on disk use ``""``; other
    values give fresh drafts of the same documents (``bench/parse_accuracy.py
    --variants N`` scores the parser on them, as a check that it was not
    fitted to the one choice on disk).
    """
    doc = DOCS[name]
    text = (PUBLIC / f"{name}.txt").read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text)
    clutter = clutter_spans(doc, text)
    # No replacement inside web clutter (the parser drops it) or in the title.
    protected = clutter + _title_span(doc, text)
    edits = [e for e in make_edits(name, doc, text, salt) if not any(a <= e.start < b for a, b in protected)]
    draft = apply_edits(text, edits)

    # Offsets of each edit in the draft.
    shift = 0
    placed = []
    for e in edits:
        a = e.start + shift
        placed.append((e, a, a + len(e.raw)))
        shift += len(e.raw) - (e.end - e.start)

    explicit, implicit, originals = [], [], []
    for e, a, b in placed:
        before, after = _context(draft, a, b, *((8, 4) if e.implicit else (10, 6)))
        original = e.original(text)
        originals.append(original)
        if e.implicit:
            implicit.append({"before": before, "after": after, "unit": e.unit, "original": original})
        else:
            explicit.append(
                {"raw": e.raw, "kind": e.kind, "unit": e.unit, "before": before, "after": after, "original": original}
            )

    headings = []
    for level, number, source in doc.headings:
        found = re.search(r"^(?:[ \u3000]|&nbsp;)*" + re.escape(source), text, re.MULTILINE)
        assert found, (name, source)
        start = found.end() - len(source)
        written = apply_edits(text, edits, start, found.end()).replace("\n", "")
        marker = re.match(r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.、]|", written)
        assert marker.end() or not number, (name, source)
        headings.append([level, number, written[marker.end() :]])

    gold = {
        "file": f"public/{name}.txt",
        "draft": f"public/{name}.draft.txt",
        "generated_by": "apps/parsing/tests/make_public_gold.py",
        "title": doc.title,
        "boilerplate": [_clean(text[a:b]).strip() for a, b in clutter if _clean(text[a:b]).strip()],
        "page_markers": 0,
        "headings": headings,
        "explicit_placeholders": explicit,
        "implicit_blanks": implicit,
        "ambiguous_blanks": [],
        "originals": originals,
        "notes": doc.notes,
    }
    return draft, gold


def gold_json(gold: dict) -> str:
    return json.dumps(gold, ensure_ascii=False, indent=1) + "\n"


def main() -> int:
    for name in DOCS:
        draft, gold = build(name)
        (PUBLIC / f"{name}.draft.txt").write_text(draft, encoding="utf-8")
        (PUBLIC / f"{name}.gold.json").write_text(gold_json(gold), encoding="utf-8")
        kinds: dict[str, int] = {}
        for ph in gold["explicit_placeholders"]:
            kinds[ph["kind"]] = kinds.get(ph["kind"], 0) + 1
        print(
            f"{name}: {len(gold['headings'])} headings, {len(gold['explicit_placeholders'])} placeholders "
            f"{dict(sorted(kinds.items()))}, {len(gold['implicit_blanks'])} implicit blanks"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
