"""From raw lines to the paragraphs of the report.

Four kinds of damage are repaired here, before any structure is sought:

* website boilerplate copied along with the text, removed and reported in
  order: single lines (``本文系…投稿``, ``来源：``, ``时间：…作者：…阅读：``,
  a photo caption ``本报记者 戴冰摄``), the site header (a site category
  ``工作报告`` above the real title, the ``下载 打印 全屏 收藏`` toolbar and
  ``【字号：加大 还原 减小】`` bar, a label's value on the next line such as
  the ``内容摘要：`` summary), and the page footer: from ``分享到：``,
  ``相关报道：``, ``上一篇`` … to the end, when only short lines follow;
* HTML leftovers inside lines (``&nbsp;``) and ``??`` standing for lost
  spaces: replaced by a space;
* page numbers left by a bad converter, either as ``N、`` opening every page
  (every line) or as stand-alone ``- 3 -`` lines: removed, counted, and the
  broken lines re-joined with no separator (the breaks fall mid-word); lines
  hard-wrapped at one width, ``N、`` on each page's first, are joined back
  first (``joined_text.py``), and a site header a converter joined into the
  first line is cut at its spaces and cleaned as header lines;
* several paragraphs run together on one line, separated by spaces: split
  where a space follows a sentence end, a heading, or the title; and, in a
  long line, before a heading number (``一、``, ``（一）``, ``1.``) that
  directly follows a sentence end and after a standalone heading glued to
  its first sentence (text whose every break was lost: ``lost_breaks.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .joined_text import PAGE_MARK, carry_page_end_spaces, page_number_lines, unwrap_hard_breaks, wrapped_heading
from .lost_breaks import cut_summary, split_lost_breaks
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

# Metadata of a web page or a data set, one label per line or several on one
# line ("时间：2022-11-22 作者：中国县域 来源：政府官网 阅读："), a bare
# time stamp, a photo caption or by-line ("本报记者 戴冰摄").
_METADATA = re.compile(
    r"^(?:时间|日期|发布时间|发布日期|发文时间|作者|阅读|评论|点击|浏览|发文单位|来源URL|来源网址|原文链接|原文地址"
    r"|报告人|正文|内容摘要|摘要|关键词|分享)\s*[：:]"
    # A page's time stamp: digits with dashes or slashes ("2022-11-22"), or a
    # date with a time of day ("2026年02月10日 07时41分"); a signature date
    # alone ("2021年1月5日") belongs to the report.
    r"|^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s*(?:\d{1,2}[:：]\d{1,2}(?:[:：]\d{1,2})?)?$"
    r"|^\d{4}年\d{1,2}月\d{1,2}日\s*\d{1,2}[:：时]\d{1,2}(?:[:：分]\d{1,2})?分?秒?$"
    r"|记者[^，,。；;！？!?]{1,12}$"
)
# The value of a label left alone on its line ("来源:" then "四川日报",
# "阅读：" then "147"): short, no sentence punctuation. The summary after
# "内容摘要：" is any length (a truncated copy of the report's opening).
_VALUE_MAX = 20
_SUMMARY_LABEL = re.compile(r"^(?:内容摘要|摘要)\s*[：:]$")
_VALUE_LABEL = re.compile(
    r"(?:^|\s)(?:时间|日期|发布时间|发布日期|作者|阅读|评论|点击|浏览|来源|责任编辑|编辑|内容摘要|摘要)\s*[：:]$"
)
# Navigation: "首页 > 政务公开 > 工作报告", "当前位置：…"; a site's name ("某某县人民政府门户网站").
_NAVIGATION = re.compile(
    r"^(?:当前位置|您的位置|您现在的位置|首页)\s*[：:>＞»]|^.{2,24}(?:门户网站|政府网站|网站首页)$"
)
# Toolbar and font-size bar of a page header.
_TOOLBAR = re.compile(
    r"下载|打印|全屏|收藏|关闭|返回|加大|还原|减小|默认|放大|缩小|分享(?:到)?[：:]?|】|【?(?:字号|字体)[：:]?"
)
_FONT_BAR_ITEM = re.compile(r"大|中|小|默认|标准|加大|还原|减小|放大|缩小")
# First line of a page footer: everything from it to the end is the page's
# furniture (share bar, previous/next, related articles, tag cloud).
_FOOTER_START = re.compile(
    r"^(?:分享到|相关报道|相关文章|相关阅读|相关链接|相关附件|相关新闻|本栏最新|本栏推荐|阅读排行|热门文章|标签云"
    r"|上一篇|下一篇|责任编辑|扫一扫|打印本页|关闭窗口|【打印】|【关闭】|免责声明|版权所有)"
)
# A footer holds only short lines: a report paragraph after it means the
# line was not a footer.
_FOOTER_LINE_MAX = 80
# HTML entities left by a copy from a page's source; "??" standing for lost
# spaces (a GBK page read as Latin-1).
# A heading's text never ends in these: the heading goes on after them.
_HEADING_GOES_ON = frozenset("、，,：:（(“‘《")
_HTML_SPACE = re.compile(r"&(?:nbsp|ensp|emsp|thinsp|#160|#12288);?")
_LOST_SPACES = re.compile(r" *\?{2,} *")

_PAGE_LINE = re.compile(
    r"[-—－–~]\s*\d{1,4}\s*[-—－–~]"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}"
)

# A first line this long holds many paragraphs joined by spaces (converter output).
_JOINED_MIN = 300


@dataclass
class Cleaned:
    paragraphs: list[str]
    boilerplate: list[str] = field(default_factory=list)
    page_markers: int = 0
    warnings: list[str] = field(default_factory=list)


def is_boilerplate(line: str) -> bool:
    """True for a short line of website furniture (disclaimer, source, metadata, nav)."""
    return len(line) <= _BOILERPLATE_MAX and (
        _BOILERPLATE.search(line) is not None or _METADATA.search(line) is not None
    )


def repair_line(line: str) -> str:
    """Replace HTML space entities and ``??`` noise by a space (spaces then collapsed there)."""
    if "&" in line:
        line = _HTML_SPACE.sub(" ", line)
    if "??" in line:
        line = _LOST_SPACES.sub(" ", line)
    return line.strip()


def _footer_start(lines: list[str]) -> int:
    """Index of the first line of the page footer, or ``len(lines)``.

    A footer follows the report proper (some paragraph longer than a footer
    line stands before it) and holds only short lines.
    """
    long_lines = [i for i, line in enumerate(lines) if len(line) > _FOOTER_LINE_MAX]
    if not long_lines:
        return len(lines)
    for i in range(long_lines[-1] + 1, len(lines)):
        if _FOOTER_START.match(lines[i]) and len(lines[i]) <= _BOILERPLATE_MAX:
            return i
    return len(lines)


def _remove_clutter(lines: list[str], removed: list[str]) -> list[str]:
    """Drop boilerplate lines, the page header's bars and the footer; report each in ``removed``."""
    footer = _footer_start(lines)
    kept: list[str] = []
    i = 0
    while i < footer:
        line = lines[i]
        # Font-size bar "【字号：" "加大" "还原" "减小" "】" (or "【字体：" "大" "中" "小" "】").
        if re.match(r"【\s*(?:字号|字体)", line):
            end = i
            while end + 1 < footer and end - i < 8 and _FONT_BAR_ITEM.fullmatch(lines[end + 1]):
                end += 1
            if end + 1 < footer and lines[end + 1] == "】":
                end += 1
            removed.extend(lines[i : end + 1])
            i = end + 1
            continue
        # A page summary opening the one line of a text whose breaks were
        # lost: the summary goes, the report after it stays.
        summary = None if kept else cut_summary(line)
        if summary is not None and not summary[0].strip() and len(summary[2]) >= _FOOTER_LINE_MAX:
            removed.append(summary[1])
            lines[i] = line = summary[2].strip()
        # In the page header (before any kept line): toolbar words, navigation,
        # the site's name, an automatic summary however long.
        header = not kept and (
            _TOOLBAR.fullmatch(line) is not None
            or _NAVIGATION.search(line) is not None
            or re.match(r"(?:内容摘要|摘要)\s*[：:]", line) is not None
        )
        if header or is_boilerplate(line):
            removed.append(line)
            i += 1
            # A label alone on its line takes its value from the next line.
            if i < footer and _VALUE_LABEL.search(line):
                value = lines[i]
                if _SUMMARY_LABEL.match(line) or (
                    len(value) <= _VALUE_MAX
                    and not re.search(r"[。；;！？!?，,：:]", value)
                    and match_marker(value) is None
                ):
                    removed.append(value)
                    i += 1
            continue
        kept.append(line)
        i += 1
    # A site category above the real title ("工作报告" / "2021年涞水县政府工作报告").
    if len(kept) >= 2 and len(kept[0]) <= 8 and len(kept[1]) <= 60 and kept[1].endswith(kept[0]) and kept[1] != kept[0]:
        removed.insert(_position_of(removed, lines, kept[0]), kept.pop(0))
    removed.extend(lines[footer:])
    return kept


def _position_of(removed: list[str], lines: list[str], line: str) -> int:
    """Where ``line`` goes in ``removed`` to keep document order (lines before it come first)."""
    before = set(lines[: lines.index(line)])
    k = 0
    while k < len(removed) and removed[k] in before:
        k += 1
    return k


def clean_lines(lines: list[str]) -> Cleaned:
    """Remove boilerplate and page numbers and split run-together paragraphs.

    Args:
        lines: the text lines (or .docx paragraphs), already whitespace
            normalised.

    Returns:
        A :class:`Cleaned` with the non-empty paragraphs in order.
    """
    out = Cleaned(paragraphs=[])
    lines, wrapped_pages = unwrap_hard_breaks(carry_page_end_spaces(lines))
    stripped = [line.strip() for line in lines]
    kept = [line for line in _remove_clutter([line for line in stripped if line], out.boilerplate) if line]
    kept = [line for line in (repair_line(line) for line in kept) if line]
    kept, out.page_markers = _remove_page_numbers(kept)
    out.page_markers += wrapped_pages
    if kept:
        kept[0] = _remove_joined_header(kept[0], out.boilerplate)
    glued: list[str] = []
    for i, line in enumerate(kept):
        summary = cut_summary(line) if i == 0 else None
        if summary is not None:
            # A page summary inside the one line of a text whose breaks were lost.
            glued.append(summary[1])
            pieces = [p for p in (summary[0], summary[2]) if p.strip()]
        else:
            pieces = [line]
        for paragraph in (
            p for k, piece in enumerate(pieces) for p in split_run_together(piece, first=(i == 0 and k == 0))
        ):
            # Boilerplate glued to a report line ("…而努力奋斗！ 来源：某某网").
            if i and is_boilerplate(paragraph) and paragraph != line:
                glued.append(paragraph)
            else:
                out.paragraphs.append(paragraph)
    if glued:
        # Before the footer lines, which come last in the document.
        tail = [k for k, line in enumerate(out.boilerplate) if _FOOTER_START.match(line)]
        at = tail[0] if tail else len(out.boilerplate)
        out.boilerplate[at:at] = glued
    return out


def _remove_joined_header(line: str, removed: list[str]) -> str:
    """The page header at the start of a line whose paragraphs were joined by spaces.

    A converter that joins the paragraphs with a space (seed 004) joins the
    site's header lines too: ``工作报告 2020年某县政府工作报告 时间：… 作者：…
    阅读： 147 …``. Up to the first sentence end followed by a space, the line
    is cut at every space and, when one of the pieces is page furniture, the
    pieces go through the same clutter removal as lines; the rest is joined
    back with spaces. A head with no furniture is left as written.
    """
    if " " not in line or len(line) < _JOINED_MIN:
        return line
    # The site summary (``内容摘要：…......``) holds spaces of its own: it goes whole.
    summary = cut_summary(line)
    text = f"{summary[0].rstrip()} {summary[2].lstrip()}" if summary else line
    end = re.search(r"[。！？!?；;] ", text)
    head, rest = (text[: end.start() + 1], text[end.start() + 1 :]) if end else (text, "")
    pieces = [p for p in head.split(" ") if p]
    if not any(_TOOLBAR.fullmatch(p) or is_boilerplate(p) or _VALUE_LABEL.search(p) for p in pieces):
        return line
    found: list[str] = []
    kept = _remove_clutter(pieces, found)
    if summary:
        # In document order: after the furniture written before it.
        before = set(summary[0].split(" "))
        found.insert(sum(1 for p in found if p in before), summary[1])
    removed[0:0] = found
    return " ".join(kept) + rest


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
    candidates = page_number_lines(lines)
    if not candidates:
        return lines, count
    marked = set(candidates)
    result: list[str] = []
    for i, line in enumerate(lines):
        if i in marked:
            count += 1
            line = line[PAGE_MARK.match(line).end() :]
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
    segments = split_lost_breaks(line)
    if " " not in line:
        return segments
    return [p for k, segment in enumerate(segments) for p in _split_at_spaces(segment, first and k == 0, len(line))]


def _split_at_spaces(line: str, first: bool, length: int) -> list[str]:
    """Split ``line`` (a piece of a document line ``length`` long) at the spaces that are paragraph breaks."""
    parts: list[str] = []
    start = 0
    carried = ""
    for m in re.finditer(r" +", line):
        left = carried + line[start : m.start()]
        if not left or m.end() >= len(line):
            continue
        if _is_break(left, length, first and not parts):
            parts.append(left)
            start = m.end()
            carried = ""
        elif wrapped_heading(left):
            # A heading wrapped after "、" or "，" (two lines joined by a space):
            # one heading, joined with no space, as its two lines would be.
            carried = left
            start = m.end()
    parts.append(carried + line[start:])
    return [p.strip() for p in parts if p.strip()]


def _is_break(left: str, length: int, title_position: bool) -> bool:
    if ends_sentence(left):
        return True
    found = match_marker(left)
    if found is not None:
        rest = left[found[2].end() :]
        # A heading that ends mid-clause ("一是一、") goes on after the space: the structure would join the
        # next line to it anyway, without the space, and a second parse would then split elsewhere.
        if (
            heading_allowed(rest)
            and len(rest) <= 60
            and not re.search(r"[。！？!?；;]", rest)
            and rest.rstrip()[-1:] not in _HEADING_GOES_ON
        ):
            return True
    # A title on the same line as the text (converter output): short, no
    # punctuation, and the line goes on for much longer.
    return title_position and length > 100 and len(left) <= 50 and not re.search(r"[，,。；;：:！？!?、]", left)
