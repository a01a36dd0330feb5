"""Human labels for placeholders: what value a person is asked to fill in.

With an indicator the label names it and the column: ``全县生产总值（亿元）``,
``全县生产总值 同比增长（%）``, ``全县生产总值 全市排名（位）``. Without
one, the label is built from the words around the placeholder: the noun
phrase before it (``专题专项招商活动（次）``), or the thing counted after it
(``XX名考生`` → ``考生（名）``), or the kind of name (``XX等项目`` →
``项目名称``).
"""

from __future__ import annotations

import re

from .placeholders import Found
from .segmenter import words
from .types import KIND_DATE, KIND_NAME, KIND_NUMBER, KIND_PERCENT, KIND_RANK, KIND_TEXT, KIND_YEAR

SCOPES = (
    "全县",
    "全市",
    "全区",
    "全省",
    "全镇",
    "全乡",
    "全旗",
    "全州",
    "全国",
    "县本级",
    "区本级",
    "市本级",
    "我县",
    "本县",
    "我区",
    "本区",
    "我市",
    "本市",
    "全县域",
)

LEAD = re.compile(
    r"^(?:其中|同时|另外|此外|全年|今年以来|今年|去年|当年|上半年|下半年|前三季度|一季度|以来|"
    r"截至\S{0,8}?底|止\S{0,6}?底|预计到年底|预计|到年底|年底前|目前|共|先后|已|还|再|又|"
    r"进一步|分别|力争|确保|争取|计划|的|在|并|和|及|、)+"
)
TRAIL = re.compile(
    r"(?:完成了?|达到了?|到达|实现了?|为|达|共计?|累计|合计|总计|分别|约|将近|近|仅为|仅有|有|了|的|"
    r"同比|比上年|较上年|较去年|较年初|超过|突破|是|在|于|至|到|以上)+$"
)
GROWTH_CUE = re.compile(r"(增长|增幅|增速|下降|回落|提高|提升|上升|减少|降低|增收|增)(?:了|为|达|到|至)?$")
SHARE_CUE = re.compile(r"(?:占|为)(?P<target>[^，,。；;：:\n]{1,16}?)的(?:的)?(?:比重为|比例为)?$")
_CHANGE_CUE = re.compile(
    r"(?:与[^，,。；;]{0,8}?相比|较|比)[^，,。；;]{0,8}?(?:增加|减少|增长|下降|提高|上升)"
    r"|(?:较|比)[^，,。；;]{0,8}$"
    r"|增收|减收|增加|减少|下降|上升|提高"
)
_RANGE = re.compile(r"全国|全省|全市|全区|全县|全州|全盟")
_RANK_VERB = re.compile(r"(?:居|位居|位列|排名|排在|跃居|列)")
_VERBS = frozenset({"v", "vd", "vi", "vq"})
_STOP_FLAGS = frozenset({"v", "vd", "vi", "vq", "d", "p", "c", "u", "uj", "ul", "r", "m", "x", "f"})
_NAME_TYPES = (
    "有限公司",
    "公司",
    "集团",
    "工业园",
    "产业园",
    "园区",
    "中心",
    "医院",
    "学校",
    "协会",
    "商会",
    "银行",
    "企业",
    "项目",
    "工程",
    "基地",
    "办事处",
    "产业",
    "大道",
    "路",
    "街",
    "巷",
    "线",
    "庄",
    "村",
    "镇",
    "乡",
    "县区",
    "县",
    "区",
    "市",
    "省",
    "交界",
    "段",
    "桥",
    "河",
    "湖",
    "山",
)
_CLAUSE_END = re.compile(r"[，,。；;：:！？!?\n（）()]")
_APPROX = re.compile(r"^(?:以上|以下|左右|多)")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_NUMBER = re.compile(r"[0-9.]+")
_HAS_DIGIT = re.compile(r"\d")
_RELATIVE = re.compile(r"较|比|下降|上升|提高|增加|减少|增收")


def trim_subject(clause: str) -> str:
    """Reduce the words before a value to the noun phrase that names it."""
    subject = TRAIL.sub("", LEAD.sub("", clause.strip(" 、"))).strip(" 、")
    if len(subject) > 12:
        tokens = words(subject)
        # "先后在京津冀…举办专题专项招商活动" → "专题专项招商活动".
        for k in range(len(tokens) - 2, -1, -1):
            if tokens[k][1] in _VERBS:
                tail = "".join(w for w, _ in tokens[k + 1 :])
                if len(tail) >= 3:
                    subject = tail
                    tokens = tokens[k + 1 :]
                break
        while len(subject) > 16 and len(tokens) > 1:
            tokens = tokens[1:]
            subject = "".join(w for w, _ in tokens)
    elif len(subject) >= 5:
        # "举办招商活动" → "招商活动"; "高考成绩进入一本线" keeps its verb.
        tokens = words(subject)
        tail = tokens[1:]
        if tokens[0][1] in _VERBS and sum(len(w) for w, _ in tail) >= 3 and not any(f in _VERBS for _, f in tail):
            subject = "".join(w for w, _ in tail)
    return subject


def noun_after(text: str) -> str:
    """The noun phrase at the start of ``text`` (``考生分别被…`` → ``考生``)."""
    text = _APPROX.sub("", text)
    phrase = _CLAUSE_END.split(text, 1)[0][:16]
    if not phrase or not _HAN.match(phrase):
        return ""
    out = []
    for word, flag in words(phrase):
        if word == "、" and out:
            out.append(word)
            continue
        if flag in _STOP_FLAGS and not (flag.startswith("v") and not out):
            break
        if flag == "vn" and out:
            break  # "垃圾中转站建设": the thing, not the work on it
        out.append(word)
    return "".join(out).strip("、")


# Counters (not measures): after "XX座", "XX家", "XX个" comes the thing counted.
_COUNTERS = frozenset("个家项条所件座套张处辆批次台场宗栋间支人户名位")
_NOT_COUNTED = re.compile(r"[的等余多以左约次]")


def _counted_after(ph: Found, rest: str) -> str:
    """The thing counted right after a count (``XX家上市企业`` → ``上市企业``), or ""."""
    unit = ph.unit or ""
    if ph.kind != KIND_NUMBER or not unit or unit[-1] not in _COUNTERS or len(unit) > 2:
        return ""
    if not _HAN.match(rest) or _NOT_COUNTED.match(rest):
        return ""
    return noun_after(_PLACEHOLDER_OR_DIGIT.split(rest, 1)[0])


_VALUE = re.compile(r"\d[\d.]*")
_WORDS_BEFORE_VALUE = re.compile(r"([\u4e00-\u9fff]{2,})\d")


def _own_words(clause: str) -> str:
    """The words naming this value when the clause lists others first.

    ``新技术企业60家、科技型中小企业`` → ``科技型中小企业``; with only a verb
    left (``新增市场主体7113户、达到``), the thing the previous value counted
    (``市场主体``).
    """
    seg = clause.split("、")[-1]
    values = list(_VALUE.finditer(seg))
    if values:
        seg = seg[values[-1].end() :]
        unit = re.match(r"[^\u4e00-\u9fff]*|", seg)
        seg = seg[unit.end() :] if unit else seg
        seg = re.sub(r"^(?:余|多)?(?:万|亿|千)?[个家项条所件座户名套张处辆批次亩元吨天人%]", "", seg)
    head = trim_subject(seg)
    if head and not _only_verbs(head) and len(head) >= 2:
        return head
    before = _WORDS_BEFORE_VALUE.findall(clause)
    return trim_subject(before[-1]) if before else ""


def split_members(base: str, count: int) -> list[str] | None:
    """The names of the members of a list subject, one per value, or None.

    ``原煤、原油、天然气产量`` (3) → ``原煤产量``, ``原油产量``, ``天然气产量``;
    ``城镇、农村居民人均可支配收入`` and ``城镇和农村居民…`` (2) →
    ``城镇居民…``, ``农村居民…``; ``城乡居民人均可支配收入`` (2) →
    ``城镇居民…``, ``农村居民…`` (城乡 reads "urban and rural"). The shared
    tail is what follows the last member's first word.
    """
    parts = [p for p in re.split(r"、|和|及|与", base) if p]
    if len(parts) == count and count > 1:
        last = parts[-1]
        tokens = [w for w, _ in words(last)]
        first = parts[0]
        if len(tokens) > 1:
            tail = last[len(tokens[0]) :]
        elif len(first) < len(last):
            tail = last[len(first) :]
        else:
            return None
        if not tail or tail == last:
            return None
        return [p if p.endswith(tail) else p + tail for p in parts[:-1]] + [last]
    if count == 2 and base.startswith("城乡") and len(base) > 2:
        return ["城镇" + base[2:], "农村" + base[2:]]
    return None


def _only_verbs(head: str) -> bool:
    tokens = words(head)
    return bool(tokens) and all(f.startswith("v") or f in ("d", "ad") for _, f in tokens)


def unit_suffix(ph: Found) -> str:
    if ph.kind == KIND_PERCENT:
        return "（%）" if ph.unit in (None, "%") else f"（{ph.unit}）"
    if ph.kind == KIND_RANK:
        return "（位）"
    return f"（{ph.unit}）" if ph.unit else ""


def rank_parts(clause: str) -> tuple[str, str]:
    """``完成投资进度居全市第`` → (``完成投资进度``, ``全市``)."""
    ranges = _RANGE.findall(clause)
    where = ranges[-1] if ranges else ""
    verb = _RANK_VERB.search(clause)
    base = clause[: verb.start()] if verb else clause[: clause.rfind(where)] if where else ""
    return trim_subject(base), where


def indicator_label(base: str, ph: Found, role: str, clause: str, forecast: bool) -> str:
    """Label of a placeholder that is a column of an indicator."""
    prefix = "预计" if forecast else ""
    if role == "growth":
        cue = GROWTH_CUE.search(clause)
        verb = cue.group(1) if cue else "增长"
        verb = "增长" if verb == "增" else verb
        return f"{prefix}{base} {'同比' if '同比' in clause else ''}{verb}（%）"
    if role == "rank":
        return f"{prefix}{base} {rank_parts(clause)[1]}排名（位）"
    if role == "share":
        m = SHARE_CUE.search(clause)
        target = m.group("target") if m else ""
        return f"{prefix}{base} 占{target}比例（%）" if target else f"{prefix}{base} 比重（%）"
    if role == "points":
        cue = re.search(r"(高出|低于|高于|下降|提高|上升|回落|降低)了?[^，,。；;]*$", clause)
        return f"{prefix}{base} {cue.group(1) if cue else '变化'}（个百分点）"
    if role == "change":
        cues = list(_CHANGE_CUE.finditer(clause))
        what = re.sub(r"[还又再也了]", "", cues[-1].group(0)) if cues else "变化"
        return f"{prefix}{base} {what}{unit_suffix(ph)}"
    return f"{prefix}{base}{unit_suffix(ph)}"


# What a name ending in one of these characters names ("XX庄" is a village).
_NAMED_BY_SUFFIX = {
    "庄": "村庄",
    "段": "路段",
    "线": "线路",
    "路": "道路",
    "街": "街道",
    "巷": "街巷",
    "桥": "桥梁",
    "河": "河流",
    "湖": "湖泊",
}
_PLACEHOLDER_OR_DIGIT = re.compile(r"[XxＸｘ×○□＊_\d]")


def _name_label(after: str, before: str = "") -> str:
    """The label of a name: the kind of thing named (``XX等项目`` → ``项目名称``).

    Never a bare ``名称``: with no kind of thing after it, the label quotes
    the words around the name (``“积极借鉴□发展集体经济”中的名称``).
    """
    tail = after.lstrip()
    if tail.startswith("等"):
        tail = re.sub(r"^等(?:[0-9]+[个家项条座所])?", "", tail)
    phrase = _PLACEHOLDER_OR_DIGIT.split(_CLAUSE_END.split(tail, 1)[0][:14], 1)[0]
    if phrase.startswith(("同志", "书记", "县长", "区长", "市长", "主任", "局长", "主席", "先生", "女士")):
        return "姓名"
    for t in _NAME_TYPES:
        if phrase.startswith(t):
            return f"{_NAMED_BY_SUFFIX.get(t, t)}名称"
    acc = ""
    for word, _flag in words(phrase) if phrase else ():
        if word in ("等", "的", "与", "和", "至", "到", "、"):
            break
        acc += word
        if acc.endswith(_NAME_TYPES) and len(acc) <= 10:
            return f"{acc}名称"
    left = re.split(r"[，,。；;：:！？!?\n、（）()“”]", before)[-1][-6:]
    left = _PLACEHOLDER_OR_DIGIT.split(left)[-1]
    right = re.split(r"[，,。；;：:！？!?\n、（）()“”的]", tail, maxsplit=1)[0][:8]
    right = _PLACEHOLDER_OR_DIGIT.split(right, 1)[0]
    if left or right:
        return f"“{left}□{right}”中的名称"
    return "名称（请按上下文填写）"


def context_label(ph: Found, text: str, clause: str, subject: str) -> tuple[str, str]:
    """A label from the words around a placeholder that names no indicator.

    Args:
        ph: the placeholder.
        text: the field it points into.
        clause: the words before it in its clause (after any earlier
            placeholder of the same clause).
        subject: the thing the sentence is about so far (for follow-up
            values such as ``较上半年的XX``).

    Returns:
        ``(label, subject)`` where ``subject`` is updated for the next
        placeholder of the sentence.
    """
    after = text[ph.end : ph.end + 24]
    if ph.kind == KIND_YEAR:
        return "年份", subject
    if ph.kind == KIND_DATE:
        return ("月份" if ph.unit == "月" else "日期"), subject
    if ph.kind == KIND_NAME:
        return _name_label(after, text[max(0, ph.start - 12) : ph.start]), subject
    if ph.kind == KIND_TEXT:
        before = re.split(r"[，,。；;！？!?\n]", text[max(0, ph.start - 40) : ph.start].rstrip("：: "))[-1]
        head = trim_subject(re.sub(r"(?:是|为|如下)$", "", before))
        return (f"{head}（文字）" if head else "待补充内容"), subject
    if ph.kind == KIND_RANK:
        base, where = rank_parts(clause)
        return f"{base or subject} {where}排名（位）".strip(), subject
    if text[ph.start - 1 : ph.start] == "第" and ph.start > 0:
        return f"序号（第几{ph.unit or ''}）", subject
    head = trim_subject(clause)
    if _HAS_DIGIT.search(head):
        head = _own_words(clause)
    rest = after
    digits = _NUMBER.match(rest)
    if digits:
        rest = rest[digits.end() :]
    if ph.unit and rest.startswith(ph.unit):
        rest = rest[len(ph.unit) :]
    counted = _counted_after(ph, rest)
    if counted:
        # "XX座公厕XX座垃圾中转站": the count stands before the thing counted.
        return f"{counted}{unit_suffix(ph)}", subject
    if ph.kind == KIND_PERCENT:
        share = SHARE_CUE.search(clause)
        if share:
            base = subject or trim_subject(clause[: share.start()])
            return f"{base} 占{share.group('target')}比例（%）".strip(), subject
        cue = GROWTH_CUE.search(clause)
        if cue and len(head) <= len(cue.group(0)) + 2:
            what = ("同比" if "同比" in clause else "") + cue.group(1)
            return f"{subject} {what}（%）".strip(), subject
        if not head or _HAS_DIGIT.search(head):
            noun = re.split(r"[，,。；;：:！？!?\n（）()、]", rest, maxsplit=1)[0][:16]
            return f"{noun}（%）" if noun else "比例（%）", subject
        if head.startswith(("较", "比")) and subject:
            return f"{subject} {head}（%）", subject
        if len(head) <= 4 and subject:
            return f"{subject} {head}（%）", subject
        return f"{head}（%）", head
    if len(head) <= 4 and subject and _RELATIVE.match(head):
        return f"{subject} {head}{unit_suffix(ph)}", subject
    if not head or head in SCOPES or _HAS_DIGIT.search(head) or len(head) <= 1 or _only_verbs(head):
        noun = noun_after(rest)
        if noun:
            scope = head if head in SCOPES else ""
            head = scope + noun
        elif len(head) <= 1 or _HAS_DIGIT.search(head):
            head = subject
    if not head:
        return f"数值{unit_suffix(ph)}", subject
    return f"{head}{unit_suffix(ph)}", head
