"""Proofreading: converter look-alikes and the slips reviewers hunt for by eye.

Pure Python, no Django. Input is cleaned text as the parser returns it (a section's heading or
body: page markers removed, lines re-joined); output is a list of :class:`Suggestion`, each a
span of that text, the proposed replacement (``None``: flagged only, no safe correction) and the
reason in Chinese. Public API::

    profile = document_profile([s.body for s in result.sections])
    for s in proofread(section.body, profile=profile): ...
    proofread_result(result)   # every field of a parse, with the document's profile

Kinds (``KIND_*``): converter look-alikes judged in context (:mod:`.proofread_words`),
half-width punctuation between Chinese characters, unmatched ``“”`` ``（）`` ``《》``, mixed
``%``/``％``, characters that are never doubled, spaces inside Chinese text, and digits glued to a
placeholder (``XX3亿元``). Every rule is one regular-expression scan plus a bounded look at the
context of each hit, so the time is linear in the text (``bench/proofread_speed.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .proofread_words import ALWAYS_STRONG, CERTAIN, PAIRS, Pair

KIND_CONVERTER = "converter"
KIND_HALFWIDTH = "halfwidth"
KIND_UNPAIRED = "unpaired"
KIND_PERCENT = "percent"
KIND_DOUBLED = "doubled"
KIND_SPACE = "space"
KIND_GLUED = "glued"
PROOF_KINDS = (KIND_CONVERTER, KIND_HALFWIDTH, KIND_UNPAIRED, KIND_PERCENT, KIND_DOUBLED, KIND_SPACE, KIND_GLUED)
KIND_LABELS = {
    KIND_CONVERTER: "疑似格式转换错词",
    KIND_HALFWIDTH: "中文中的半角标点",
    KIND_UNPAIRED: "标点不成对",
    KIND_PERCENT: "百分号全角半角混用",
    KIND_DOUBLED: "重复字词",
    KIND_SPACE: "中文中的多余空格",
    KIND_GLUED: "待填项与数字相连",
}

# How many occurrences of the certain signs (原那么, 效劳, 根底 …) mark a document as converted.
CONVERTED_MIN_SIGNS = 3
# Converter look-alikes in a clean document are offered only from a strong context; confidence
# is lower there (a real 开展势头 is rarer than a converted one).
CONFIDENCE_CERTAIN = 0.95
CONFIDENCE_STRONG_CONVERTED = 0.9
CONFIDENCE_STRONG_CLEAN = 0.75
CONFIDENCE_WEAK_CONVERTED = 0.7
_WINDOW = 24

_HAN = "\u4e00-\u9fff"
_CLAUSE_END = "，,。；;：:！？!?\n"


@dataclass(frozen=True)
class Suggestion:
    """One proposed correction of ``text[start:end]`` (``original``).

    ``replacement`` is ``None`` when the slip is only flagged (no correction can be proposed
    safely, e.g. an opening quote whose end the sentence does not make clear).
    """

    original: str
    replacement: str | None
    kind: str
    reason: str
    start: int
    end: int
    confidence: float

    def to_dict(self) -> dict:
        return {
            "original": self.original,
            "replacement": self.replacement,
            "kind": self.kind,
            "reason": self.reason,
            "start": self.start,
            "end": self.end,
            "confidence": self.confidence,
        }


@dataclass(frozen=True)
class Profile:
    """What the whole document says about how to read one of its parts."""

    converted: bool = False
    signs: int = 0
    # The percent sign most of the document uses, or None when it uses only one (or none).
    percent_majority: str | None = None


_CERTAIN_RE = re.compile("|".join(sorted(CERTAIN, key=len, reverse=True)))


def document_profile(texts: Iterable[str]) -> Profile:
    """Read the signs of a converter round trip and the dominant percent sign over all texts."""
    signs = 0
    half = full = 0
    for text in texts:
        signs += len(_CERTAIN_RE.findall(text))
        half += text.count("%")
        full += text.count("％")
    majority = None
    if half and full:
        majority = "%" if half >= full else "％"
    return Profile(converted=signs >= CONVERTED_MIN_SIGNS, signs=signs, percent_majority=majority)


def proofread(text: str, *, profile: Profile | None = None) -> list[Suggestion]:
    """Suggestions for one cleaned text, sorted by position, never overlapping.

    Args:
        text: a section's heading or body as the parser returns it.
        profile: the document's :func:`document_profile`; by default the text's own.

    Returns:
        The suggestions; where two would overlap, the one found first by kind order is kept.
    """
    if profile is None:
        profile = document_profile([text])
    found: list[Suggestion] = []
    found += _converter(text, profile)
    found += _unpaired(text)
    found += _halfwidth(text)
    found += _percent(text, profile)
    found += _doubled(text)
    found += _spaces(text, profile.converted)
    found += _glued(text)
    found.sort(key=lambda s: (s.start, s.end))
    kept: list[Suggestion] = []
    last_end = -1
    for s in found:
        if s.start < last_end or (kept and s.start == kept[-1].start):
            continue
        kept.append(s)
        last_end = max(last_end, s.end)
    return kept


def proofread_result(result) -> list[tuple[int, str, Suggestion]]:
    """Every suggestion of a :class:`~apps.parsing.types.ParseResult`: ``(section, field, s)``.

    ``field`` is ``title`` (section 0 only), ``marker`` (the heading's number as written, see
    :func:`proofread_marker`), ``heading`` or ``body``; the profile is the whole document's.
    """
    fields: list[tuple[int, str, str]] = [(0, "title", result.title)]
    for i, section in enumerate(result.sections):
        fields.append((i, "heading", section.heading))
        fields.append((i, "body", section.body))
    profile = document_profile(t for _, _, t in fields)
    out = []
    for i, field, text in fields:
        if field == "heading":
            out += [(i, "marker", s) for s in proofread_marker(result.sections[i].marker)]
        for s in proofread(text, profile=profile):
            out.append((i, field, s))
    return out


_MARKER_HALF_RE = re.compile(r"\(([一二三四五六七八九十百零〇]{1,4}|[0-9]{1,3})\)")


def proofread_marker(marker: str) -> list[Suggestion]:
    """A heading number in half-width brackets, ``(一)`` or ``(1)``: GB/T 9704 writes ``（一）``, ``（1）``."""
    m = _MARKER_HALF_RE.fullmatch(marker)
    if m is None:
        return []
    reason = "标题序号使用了半角括号：{}→{}"
    return [
        Suggestion("(", "（", KIND_HALFWIDTH, reason.format("(", "（"), 0, 1, 0.9),
        Suggestion(")", "）", KIND_HALFWIDTH, reason.format(")", "）"), m.end() - 1, m.end(), 0.9),
    ]


# --- converter look-alikes -------------------------------------------------------------------

_PAIRS_BY_WRONG: dict[str, Pair] = {p.wrong: p for p in PAIRS}
_WORDS_RE = re.compile("|".join(sorted([*CERTAIN, *_PAIRS_BY_WRONG], key=len, reverse=True)))
_COMPILED: dict[tuple[str, str], re.Pattern | None] = {}


def _pattern(pair: Pair, attr: str) -> re.Pattern | None:
    key = (pair.wrong, attr)
    if key not in _COMPILED:
        source = getattr(pair, attr)
        if not source:
            _COMPILED[key] = None
        elif attr.endswith("_before"):
            _COMPILED[key] = re.compile(f"(?:{source})$")
        else:
            _COMPILED[key] = re.compile(f"(?:{source})")
    return _COMPILED[key]


def _after_matches(pair: Pair, attr: str, text: str, end: int) -> bool:
    pattern = _pattern(pair, attr)
    if pattern is None:
        return False
    return pattern.match(text, end, end + _WINDOW) is not None


def _before_matches(pair: Pair, attr: str, text: str, start: int) -> bool:
    pattern = _pattern(pair, attr)
    if pattern is None:
        return False
    return pattern.search(text[max(0, start - _WINDOW) : start]) is not None


def _converter(text: str, profile: Profile) -> list[Suggestion]:
    out = []
    for m in _WORDS_RE.finditer(text):
        word, start, end = m.group(), m.start(), m.end()
        if word in CERTAIN:
            right = CERTAIN[word]
            out.append(_converter_suggestion(word, right, start, end, CONFIDENCE_CERTAIN, "确定"))
            continue
        pair = _PAIRS_BY_WRONG[word]
        confidence = _judge(pair, text, start, end, profile)
        if confidence:
            out.append(_converter_suggestion(word, pair.right, start, end, confidence, ""))
    return out


def _judge(pair: Pair, text: str, start: int, end: int, profile: Profile) -> float:
    strong_conf = CONFIDENCE_STRONG_CONVERTED if profile.converted else CONFIDENCE_STRONG_CLEAN
    if pair.wrong in ALWAYS_STRONG:
        return strong_conf
    strong = _after_matches(pair, "strong_after", text, end) or _before_matches(pair, "strong_before", text, start)
    if strong and pair.strong_first:
        return strong_conf
    if _after_matches(pair, "right_after", text, end) or _before_matches(pair, "right_before", text, start):
        return 0.0
    if strong:
        return strong_conf
    if pair.weak and profile.converted:
        return CONFIDENCE_WEAK_CONVERTED
    return 0.0


def _converter_suggestion(word: str, right: str, start: int, end: int, confidence: float, _tag: str) -> Suggestion:
    return Suggestion(
        original=word,
        replacement=right,
        kind=KIND_CONVERTER,
        reason=f"疑似格式转换错词：{word}→{right}",
        start=start,
        end=end,
        confidence=confidence,
    )


# --- unmatched quotes, brackets and book-title marks ------------------------------------------

_PAIRS_OPEN = {"“": "”", "（": "）", "《": "》"}
_PAIRS_CLOSE = {v: k for k, v in _PAIRS_OPEN.items()}
_MARKS_RE = re.compile("[“”（）《》]")
# Where a quoted phrase ends when the converter lost its closing mark: before ``的`` + one of
# these (“系责于心、履责为民的原则), or before one of them closing the clause (“…新城战略目标,).
_FRAME_NOUNS = (
    "原则|原那么|要求|理念|战略|定位|目标|机制|精神|思路|方针|口号|部署|格局|布局|模式|工作法|思想|路线|总要求"
    "|主题|标准|方略|目标任务|重要论述|重要指示|决策部署|战略定位"
)
_DE_FRAME_RE = re.compile(f"的(?:{_FRAME_NOUNS})")
_SUFFIX_FRAME_RE = re.compile(f"(?:战略目标|战略定位|发展战略|产业布局|发展格局|总体布局|工作格局|{_FRAME_NOUNS})$")
_QUOTE_SPAN_MAX = 24


def _unpaired(text: str) -> list[Suggestion]:
    out: list[Suggestion] = []
    stacks: dict[str, list[int]] = {o: [] for o in _PAIRS_OPEN}

    def flush():
        for opener, stack in stacks.items():
            for pos in stack:
                out.append(_unclosed(text, pos, opener))
            stack.clear()

    # Not reset at line ends: a quote may span a lost line break (“双向\n揭榜\n挂帅”).
    for m in _MARKS_RE.finditer(text):
        ch, pos = m.group(), m.start()
        if ch in _PAIRS_OPEN:
            stack = stacks[ch]
            if ch == "“" and stack:
                # A second opening quote before any closing one: the first was never closed.
                out.append(_unclosed(text, stack.pop(), ch))
            stack.append(pos)
        else:
            stack = stacks[_PAIRS_CLOSE[ch]]
            if stack:
                stack.pop()
            else:
                reason = f"标点不成对：{ch}前面没有对应的{_PAIRS_CLOSE[ch]}"
                out.append(Suggestion(ch, None, KIND_UNPAIRED, reason, pos, pos + 1, 0.6))
    flush()
    return out


def _unclosed(text: str, pos: int, opener: str) -> Suggestion:
    closer = _PAIRS_OPEN[opener]
    at = _closing_position(text, pos) if opener == "“" else None
    if at is None:
        return Suggestion(opener, None, KIND_UNPAIRED, f"标点不成对：{opener}后面缺少{closer}", pos, pos + 1, 0.6)
    prev = text[at - 1]
    return Suggestion(prev, prev + closer, KIND_UNPAIRED, f"标点不成对：此处疑缺{closer}", at - 1, at, 0.8)


def _closing_position(text: str, pos: int) -> int | None:
    """Where the lost ``”`` of the quote opened at ``pos`` belongs, or None when unclear."""
    end = pos + 1
    limit = min(len(text), pos + 1 + _QUOTE_SPAN_MAX + 8)
    while end < limit and text[end] not in _CLAUSE_END and text[end] not in "“”":
        end += 1
    if end >= len(text) or text[end] in "“”":
        return None
    span = text[pos + 1 : end]
    m = _DE_FRAME_RE.search(span)
    if m and m.start() >= 2:
        return pos + 1 + m.start()
    m = _SUFFIX_FRAME_RE.search(span)
    if m and m.start() >= 2:
        de = span.find("的")
        if de < 0:
            return pos + 1 + m.start()
        if de >= 2 and span.count("的") == 1:
            # “六大指挥部、五位一体的重大重点项目推进机制: the name ends at the one 的.
            return pos + 1 + de
    if "的" in span or len(span) > _QUOTE_SPAN_MAX or len(span) < 2:
        return None
    return end


# --- half-width punctuation, percent signs, doubles, spaces, glued digits ---------------------

_FULL = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "?": "？", "!": "！"}
# Between Chinese characters (a placeholder ``XX`` counts as one), or closing a Chinese line.
# A lone ``?`` between Chinese characters stands for a character the web page lost, not a question.
# After a number a comma opening a Chinese clause (1/5,初步测算; 1/6,2023年) is a slip too, but a
# thousands separator (3,000) is not.
_HALF_RE = re.compile(
    rf"(?<=[{_HAN}”）》)])(?:[,;:!](?=[{_HAN}“（《]|$|\n)|\?(?=$|\n))"
    rf"|(?<=[{_HAN}”）)])[,;:](?=[Xx]{{2}}|[0-9])"
    rf"|(?<=[0-9%％])[,;](?=[{_HAN}]|[0-9]{{4}}年)",
    re.M,
)
_PAREN_RE = re.compile(r"\(([^()\n]{1,80})\)")
_HAS_HAN = re.compile(f"[{_HAN}]")


def _halfwidth(text: str) -> list[Suggestion]:
    out = []
    for m in _HALF_RE.finditer(text):
        ch = m.group()
        reason = f"中文中使用了半角标点：{ch}→{_FULL[ch]}"
        out.append(Suggestion(ch, _FULL[ch], KIND_HALFWIDTH, reason, m.start(), m.end(), 0.9))
    for m in _PAREN_RE.finditer(text):
        inner = m.group(1)
        if not _HAS_HAN.search(inner):
            continue
        before = text[m.start() - 1] if m.start() else ""
        if before and before.isascii() and before.isalnum():
            continue
        for pos, ch in ((m.start(), "("), (m.end() - 1, ")")):
            reason = f"中文中使用了半角括号：{ch}→{_FULL[ch]}"
            out.append(Suggestion(ch, _FULL[ch], KIND_HALFWIDTH, reason, pos, pos + 1, 0.85))
    return out


def _percent(text: str, profile: Profile) -> list[Suggestion]:
    majority = profile.percent_majority
    if majority is None:
        return []
    minority = "％" if majority == "%" else "%"
    return [
        Suggestion(
            minority, majority, KIND_PERCENT, f"全文百分号应统一：{minority}→{majority}", m.start(), m.end(), 0.8
        )
        for m in re.finditer(minority, text)
    ]


# Characters a sentence never doubles; the exceptions are words (的的确确, 不了了之).
# 目的的 / 标的的 / 众矢之的的 are a word ending in 的 before 的; 为了了解, 除了了结 a 了 before 了解.
_DOUBLED_RE = re.compile(r"(?<![目标之])的的(?!确)|(?<!不)了了(?![之解结却如然无断])|。。|，，|、、|；；|：：")


def _doubled(text: str) -> list[Suggestion]:
    return [
        Suggestion(m.group(), m.group()[0], KIND_DOUBLED, f"重复：{m.group()}→{m.group()[0]}", m.start(), m.end(), 0.9)
        for m in _DOUBLED_RE.finditer(text)
    ]


_SHORT_LINE = 30


def _inside_quote(text: str, pos: int, line_start: int) -> bool:
    opened = text.rfind("“", line_start, pos)
    return opened >= 0 and text.rfind("”", opened, pos) < 0


_SPACE_RE = re.compile(rf"(?<=[{_HAN}，。、；：“”（）])[ \u3000\u00a0]+(?=[{_HAN}，。、；：“”（）])")
_PUNCT = set("，。、；：“”（）")


def _spaces(text: str, converted: bool) -> list[Suggestion]:
    out = []
    for m in _SPACE_RE.finditer(text):
        before, after = text[m.start() - 1], text[m.end()]
        if before in _PUNCT and after in _PUNCT:
            continue
        # A short line is a signature or a caption ("县长 袁大海"), where a space separates on purpose.
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        if (line_end if line_end >= 0 else len(text)) - line_start < _SHORT_LINE:
            continue
        if before not in _PUNCT and after not in _PUNCT:
            # Between two words a clean document uses a space on purpose, as a separator in a
            # name (“大美河山 醉美涞源”, 系列活动 河北涞源站); a converter leaves it mid-sentence.
            if not converted or _inside_quote(text, m.start(), line_start):
                continue
        # A paragraph's leading indent or a name padded to two characters ("王  伟") is left alone:
        # only single spaces between two runs of at least two Chinese characters are flagged.
        if before not in _PUNCT and after not in _PUNCT:
            left = text[max(0, m.start() - 2) : m.start()]
            right = text[m.end() : m.end() + 2]
            if len(_HAS_HAN.findall(left)) < 2 or len(_HAS_HAN.findall(right)) < 2:
                continue
        out.append(Suggestion(m.group(), "", KIND_SPACE, "中文中有多余空格", m.start(), m.end(), 0.75))
    return out


# ``20XX年`` is a year written with a placeholder, not digits glued to one.
_GLUED_RE = re.compile(
    r"(?:[Xx×]{2,}[0-9０-９.]+|(?<![0-9])(?!(?:19|20)[Xx]{2}年)[0-9０-９]+[Xx×]{2,})(?=[\u4e00-\u9fff%％])"
)


def _glued(text: str) -> list[Suggestion]:
    return [
        Suggestion(m.group(), None, KIND_GLUED, "待填项与数字相连，请确认数值", m.start(), m.end(), 0.8)
        for m in _GLUED_RE.finditer(text)
    ]


def context_of(text: str, start: int, end: int, width: int = 10) -> tuple[str, str]:
    """Up to ``width`` characters of ``text`` before ``start`` and after ``end``."""
    return text[max(0, start - width) : start], text[end : end + width]


def proofread_listing(result) -> list[dict]:
    """The suggestions of a parse as the ``proofread`` command prints them.

    Each is ``{original, replacement, kind, reason, before, after}`` (plus ``section`` and
    ``field``), ``before``/``after`` being up to 10 characters of the cleaned text around it.
    """
    texts = {(0, "title"): result.title}
    for i, section in enumerate(result.sections):
        texts[(i, "marker")] = section.marker
        texts[(i, "heading")] = section.heading
        texts[(i, "body")] = section.body
    out = []
    for i, field, s in proofread_result(result):
        before, after = context_of(texts[(i, field)], s.start, s.end)
        out.append(
            {
                "original": s.original,
                "replacement": s.replacement,
                "kind": s.kind,
                "reason": s.reason,
                "before": before,
                "after": after,
                "section": i,
                "field": field,
                "confidence": s.confidence,
            }
        )
    return out
