"""Punctuation and layout slips for :mod:`apps.parsing.proofread`: unmatched marks, half-width
punctuation in Chinese text, mixed percent signs, doubled characters, spaces, digits glued to a
placeholder, heading numbers in half-width brackets. Pure Python, no Django; each rule one scan.
"""

from __future__ import annotations

import re

from .proofread_types import (
    CLAUSE_END,
    HAN,
    KIND_DOUBLED,
    KIND_GLUED,
    KIND_HALFWIDTH,
    KIND_PERCENT,
    KIND_SPACE,
    KIND_UNPAIRED,
    Profile,
    Suggestion,
)

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


def unpaired(text: str) -> list[Suggestion]:
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
    while end < limit and text[end] not in CLAUSE_END and text[end] not in "“”":
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
    rf"(?<=[{HAN}”）》)])(?:[,;:!](?=[{HAN}“（《]|$|\n)|\?(?=$|\n))"
    rf"|(?<=[{HAN}”）)])[,;:](?=[Xx]{{2}}|[0-9])"
    rf"|(?<=[0-9%％])[,;](?=[{HAN}]|[0-9]{{4}}年)",
    re.M,
)
_PAREN_RE = re.compile(r"\(([^()\n]{1,80})\)")
_HAS_HAN = re.compile(f"[{HAN}]")


def halfwidth(text: str) -> list[Suggestion]:
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


def percent(text: str, profile: Profile) -> list[Suggestion]:
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


def doubled(text: str) -> list[Suggestion]:
    return [
        Suggestion(m.group(), m.group()[0], KIND_DOUBLED, f"重复：{m.group()}→{m.group()[0]}", m.start(), m.end(), 0.9)
        for m in _DOUBLED_RE.finditer(text)
    ]


_SHORT_LINE = 30


def _inside_quote(text: str, pos: int, line_start: int) -> bool:
    opened = text.rfind("“", line_start, pos)
    return opened >= 0 and text.rfind("”", opened, pos) < 0


_SPACE_RE = re.compile(rf"(?<=[{HAN}，。、；：“”（）])[ \u3000\u00a0]+(?=[{HAN}，。、；：“”（）])")
_PUNCT = set("，。、；：“”（）")


def spaces(text: str, converted: bool) -> list[Suggestion]:
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


def glued(text: str) -> list[Suggestion]:
    return [
        Suggestion(m.group(), None, KIND_GLUED, "待填项与数字相连，请确认数值", m.start(), m.end(), 0.8)
        for m in _GLUED_RE.finditer(text)
    ]
