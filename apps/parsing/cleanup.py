"""From raw lines to the paragraphs of the report.

Three kinds of damage are repaired here, before any structure is sought:

* website boilerplate (``本文系…投稿``, ``来源：``, ``上一篇``) copied along
  with the text: removed and reported;
* page numbers left by a bad converter, either as ``N、`` opening every page
  (every line) or as stand-alone ``- 3 -`` lines: removed, counted, and the
  broken lines re-joined with no separator (the breaks fall mid-word);
* several paragraphs run together on one line, separated by spaces: split
  where a space follows a sentence end, a heading, or the title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .markers import ends_sentence, heading_allowed, match_marker

_BOILERPLATE = re.compile(
    r"本文系.{0,24}投稿|仅供(?:学习|参考|学习参考|交流)|请勿(?:照搬|抄袭|转载|复制)|照搬照抄"
    r"|^[（(【\[]?(?:文章|信息|稿件)?来源[：:]|责任编辑|^[（(【\[]?编辑[：:]"
    r"|^(?:上一篇|下一篇|上一页|下一页)|免责声明|^分享到|版权所有|版权声明|转载请注明"
    r"|^(?:发布时间|发布日期|发布者|浏览次数|阅读次数|点击数|访问量|字号)[：:]"
    r"|^(?:打印本页|关闭窗口|返回顶部|【打印】|【关闭】|扫一扫)"
    r"|^(?:相关(?:阅读|文章|链接|推荐))[：:]?$"
)
# Report lines can be long; boilerplate lines are short. A long line that
# merely mentions 来源 must not be dropped.
_BOILERPLATE_MAX = 80

_PAGE_MARK_AT_START = re.compile(r"(\d{1,4})、")
_PAGE_LINE = re.compile(
    r"[-—－–~]\s*\d{1,4}\s*[-—－–~]"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}"
)

# A line-start number is a page number only if the line before it is long
# (a page of text) and breaks mid-sentence; short items of a real list are
# neither.
_PAGE_MIN_PREV = 40


@dataclass
class Cleaned:
    paragraphs: list[str]
    boilerplate: list[str] = field(default_factory=list)
    page_markers: int = 0
    warnings: list[str] = field(default_factory=list)


def is_boilerplate(line: str) -> bool:
    """True for a short line of website furniture (disclaimer, source, nav)."""
    return len(line) <= _BOILERPLATE_MAX and _BOILERPLATE.search(line) is not None


def clean_lines(lines: list[str]) -> Cleaned:
    """Remove boilerplate and page numbers and split run-together paragraphs.

    Args:
        lines: the text lines (or .docx paragraphs), already whitespace
            normalised.

    Returns:
        A :class:`Cleaned` with the non-empty paragraphs in order.
    """
    out = Cleaned(paragraphs=[])
    kept: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if is_boilerplate(line):
            out.boilerplate.append(line)
            continue
        kept.append(line)
    kept, out.page_markers = _remove_page_numbers(kept)
    for i, line in enumerate(kept):
        out.paragraphs.extend(split_run_together(line, first=(i == 0)))
    return out


def _remove_page_numbers(lines: list[str]) -> tuple[list[str], int]:
    count = 0
    # Stand-alone page-number lines.
    if any(_PAGE_LINE.fullmatch(line) for line in lines):
        joined: list[str] = []
        glue = False
        for line in lines:
            if _PAGE_LINE.fullmatch(line):
                count += 1
                glue = bool(joined) and not ends_sentence(joined[-1])
                continue
            if glue and match_marker(line) is None:
                joined[-1] += line
            else:
                joined.append(line)
            glue = False
        lines = joined

    # "N、" opening every page, N running 1, 2, 3 ... line by line.
    candidates: list[int] = []
    expected = 1
    for i, line in enumerate(lines):
        m = _PAGE_MARK_AT_START.match(line)
        if m and int(m.group(1)) == expected:
            candidates.append(i)
            expected += 1
    if len(candidates) < 2:
        return lines, count
    broken = sum(
        1 for i in candidates[1:] if i > 0 and len(lines[i - 1]) >= _PAGE_MIN_PREV and not ends_sentence(lines[i - 1])
    )
    if broken < max(1, 0.6 * (len(candidates) - 1)):
        return lines, count
    marked = set(candidates)
    result: list[str] = []
    for i, line in enumerate(lines):
        if i in marked:
            count += 1
            line = line[_PAGE_MARK_AT_START.match(line).end() :]
            if result:
                result[-1] += line
                continue
            if not line:
                continue
        result.append(line)
    return [line for line in result if line.strip()], count


def split_run_together(line: str, first: bool = False) -> list[str]:
    """Split a line holding several paragraphs separated by spaces.

    A space is a paragraph break when the text before it ends a sentence
    (``…意见。 去年…``), when the text before it is a heading with no closing
    punctuation (``一、换届以来政府主要工作成效 换届以来…``), or, on the first
    line of a long document line, after a short title. Other spaces
    (``工程建设 招商引资``, ``提高了 1、和``) are kept as written.

    Args:
        line: one stripped line.
        first: whether this is the document's first line (title rule).

    Returns:
        The paragraphs, stripped and non-empty.
    """
    if " " not in line:
        return [line]
    parts: list[str] = []
    start = 0
    for m in re.finditer(r" +", line):
        left = line[start : m.start()]
        if not left or m.end() >= len(line):
            continue
        if _is_break(left, line, first and not parts):
            parts.append(left)
            start = m.end()
    parts.append(line[start:])
    return [p.strip() for p in parts if p.strip()]


def _is_break(left: str, line: str, title_position: bool) -> bool:
    if ends_sentence(left):
        return True
    found = match_marker(left)
    if found is not None:
        rest = left[found[2].end() :]
        if heading_allowed(rest) and len(rest) <= 60 and not re.search(r"[。！？!?；;]", rest):
            return True
    # A title on the same line as the text (converter output): short, no
    # punctuation, and the line goes on for much longer.
    return title_position and len(line) > 100 and len(left) <= 50 and not re.search(r"[，,。；;：:！？!?、]", left)
