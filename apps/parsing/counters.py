"""Deleted numbers before counters: ``竣工项目个，``, ``推进个村``, ``抓好件实事``, ``达到家，``.

A counter (个 家 项 条 所 件 座 套 …) never stands without a number or a
determiner before it, unless it belongs to a word: ``企业家``, ``弱项``,
``零部件``, ``各个`` end with one, ``个人``, ``个性``, ``项目``, ``家庭``
begin with one (``data/counter_words.txt``, from the parser's jieba
dictionary plus report vocabulary). So a counter after a Chinese word that
it does not join, and before a word it does not start, marks a missing
number. ``人 户 名 次 处`` join too many words that no list holds
(``脱贫户``, ``传承人``, ``名校长``, ``等次``, ``细微之处``): before them a
blank also needs a sign that a number belongs there — a word that takes a
count (``培训``, ``新增``, ``帮扶``, ``等``), a space where the number was
(``脱贫户 人``), or another count right before (``户人``).

Where a word-list match and a count word disagree (``达到家``: ``到家`` is a
word, ``达到`` a count word), the count word wins when it is the longer.
"""

from __future__ import annotations

import re
from pathlib import Path

COUNTERS = "个家项条所件座套张处辆批次台场宗栋间人户名"
# Counters that end or begin too many words to be read without a count word.
_NEEDS_CUE = frozenset("人户名次处所场台张宗批套条间")
# Longer units starting with a counter (the unit reported is the whole).
_LONGER = ("个百分点", "百分点", "个月", "人次", "户次", "家次", "场次", "台次", "件次")

_WORDS = Path(__file__).with_name("data") / "counter_words.txt"
_ENDS: dict[str, frozenset[str]] = {}
_STARTS: dict[str, frozenset[str]] = {}
# Words with a counter inside ("有条不紊", "次干道" after "6条"): (offset of the counter, word).
_INSIDE: dict[str, tuple[tuple[int, str], ...]] = {}


def _load() -> None:
    ends: dict[str, set[str]] = {c: set() for c in COUNTERS}
    starts: dict[str, set[str]] = {c: set() for c in COUNTERS}
    inside: dict[str, set[tuple[int, str]]] = {c: set() for c in COUNTERS}
    for word in _WORDS.read_text(encoding="utf-8").split():
        if word[-1] in ends:
            ends[word[-1]].add(word[:-1])
        if word[0] in starts:
            starts[word[0]].add(word[1:])
        for i in range(1, len(word) - 1):
            if word[i] in inside:
                inside[word[i]].add((i, word))
    _ENDS.update({c: frozenset(v) for c, v in ends.items()})
    _STARTS.update({c: frozenset(v) for c, v in starts.items()})
    _INSIDE.update({c: tuple(sorted(v)) for c, v in inside.items()})


_load()

# Before a counter these are the amount or point at one ("一个", "各个", "每项", "这座").
_NOT_BEFORE = frozenset("〇零一二三四五六七八九十百千万亿两几数多余半双俩仨各每这那哪某该本此其整单逐另诸首第")
# Words that take a count right after them ("新增家", "培训人", "推进个村").
_CUE_WORDS = (
    "完成",
    "达到",
    "达",
    "到达",
    "新增",
    "新建",
    "新开工",
    "新改扩建",
    "改扩建",
    "建成",
    "建设",
    "实施",
    "推进",
    "培育",
    "引进",
    "引育",
    "签约",
    "落地",
    "开工",
    "竣工",
    "投用",
    "改造",
    "培训",
    "帮扶",
    "创建",
    "打造",
    "累计",
    "共",
    "共计",
    "合计",
    "总计",
    "涉及",
    "覆盖",
    "组织",
    "开展",
    "举办",
    "召开",
    "解决",
    "办理",
    "受理",
    "办结",
    "查处",
    "认定",
    "评选",
    "获评",
    "入选",
    "吸纳",
    "带动",
    "安置",
    "救助",
    "资助",
    "慰问",
    "发放",
    "培养",
    "选派",
    "招录",
    "招聘",
    "转移",
    "关停",
    "取缔",
    "拆除",
    "整治",
    "清理",
    "修复",
    "安装",
    "配备",
    "设立",
    "成立",
    "扶持",
    "争取",
    "储备",
    "谋划",
    "走访",
    "排查",
    "化解",
    "消除",
    "超过",
    "突破",
    "实现",
    "惠及",
    "接待",
    "侦破",
    "抓获",
    "破获",
    "打掉",
    "新认定",
    "新培育",
    "新引进",
    "培树",
    "评为",
    "获批",
    "认证",
    "脱贫",
    "减贫",
    "就业",
    "参与",
    "参加",
    "录取",
    "考入",
    "考取",
    "输送",
    "提供",
    "增加",
    "减少",
    "分别为",
    "分别是",
    "约",
    "近",
    "超",
    "逾",
    "等",
    "共有",
    "拥有",
    "现有",
    "其中",
    "有",
    "剩余",
    "其余",
    "保障",
    "抽调",
    "捣毁",
    "搬迁",
)
_CUE = re.compile("(?:" + "|".join(sorted(_CUE_WORDS, key=len, reverse=True)) + ")$")
_CLOSES = re.compile(r"[，,。；;、]")
_CLAUSE_END = re.compile(r"$|[\n，,。；;、）)：:！？!?”]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SCAN = re.compile(f"[{COUNTERS}]")
# A counter needs a Chinese word (or a space left by the number) right before it.
_BEFORE_OK = re.compile(r"[\u4e00-\u9fff]")
# Where no count word stands before them, counters that may still open a
# clause ("，所高职院校升格") or close one after the thing counted ("暖心房户。").
# Not 人 处 次 (之人、, 急需处、, 剂次), nor 张 台 宗 间, parts of names
# (张家口, 春台路, 民宗, 成渝间).
_MAY_OPEN = frozenset("个家项件座辆栋所条套批")
_MAY_CLOSE = frozenset("户名所条套批")

# Punctuation a clause opens after ("，个村", "、家企业", "“个1000”").
_OPENERS = frozenset("，,、；;：:（(“\n。")
# Place names of the form <surname>家<place word>: 范家庄, 杜家坎, 向家坝.
_PLACE_AFTER = re.compile(r"[庄坎坝河台沟营湾峪寨堡屯洼店窑集铺岭坡口嘴桥楼庙埠岗塘垴峁梁]")


def _cue_before(text: str, end: int) -> str:
    m = _CUE.search(text, max(0, end - 4), end)
    return m.group(0) if m else ""


def _joins_before(text: str, u: int, counter: str, cue: str) -> bool:
    """Whether ``text[u]`` ends a word begun before it (``企业家``, ``各个``)."""
    ends = _ENDS[counter]
    for k in range(4, 0, -1):
        if u - k >= 0 and text[u - k : u] in ends:
            # "达到家": "到家" is a word, but "达到" (longer, ending here) takes the count.
            return not (len(cue) > k)
    return False


def _joins_after(text: str, u: int, counter: str) -> bool:
    """Whether ``text[u]`` begins a word (``个人``, ``项目``) or stands inside one (``有条不紊``)."""
    starts = _STARTS[counter]
    if any(text[u + 1 : u + 1 + k] in starts for k in (4, 3, 2, 1)):
        return True
    return any(text.startswith(word, u - i) for i, word in _INSIDE[counter])


def counter_blanks(text: str, taken: set[int]) -> list[tuple[int, str]]:
    """Insertion points of numbers missing before counters in ``text``.

    Args:
        text: one field.
        taken: positions already reported or inside written placeholders.

    Returns:
        ``(position, unit)`` pairs in order.
    """
    found: list[tuple[int, str]] = []
    done: set[int] = set()  # where the units of the blanks found end
    for m in _SCAN.finditer(text):
        u = m.start()
        if u in taken:
            continue
        counter = text[u]
        unit = next((lu for lu in _LONGER if text.startswith(lu, u)), counter)
        if unit in ("个百分点", "百分点"):
            continue  # a unit of measure (blanks.py)
        spaced = text[u - 1] == " "
        b = u - 1 - spaced
        before = text[b] if b >= 0 else "\n"
        if text[u + 1 : u + 2] == counter or before == counter:
            continue  # "件件有着落", "一栋栋"
        if before in _OPENERS and counter in _MAY_OPEN:
            # A clause opening with a counter: "，个村实现…", "、家医疗机构".
            if not _joins_after(text, u, counter) and _CJK.match(text, u + len(unit)):
                found.append((u, unit))
                done.add(u + len(unit) - 1)
            continue
        cue = _cue_before(text, b + 1)
        if not _BEFORE_OK.match(before) or (before in _NOT_BEFORE and not cue):
            continue  # "一个", "各个"; but "其余个村", "剩余户" take a count
        if counter == "家" and _PLACE_AFTER.match(text, u + 1):
            continue  # a village: 范家庄, 郭家台, 唐家河
        if spaced and b >= 1 and text[b - 1].isdigit():
            continue
        end = u + len(unit)
        after_end = bool(_CLAUSE_END.match(text, end))
        if unit == counter and not after_end and _joins_after(text, u, counter):
            continue
        if not spaced and _joins_before(text, u, counter, cue):
            continue
        # "户人" (77户168人 with both numbers gone): a count right before.
        counted = b in done or (b >= 1 and text[b - 1].isdigit() and before in COUNTERS)
        # "暖心房户。", "三级河长名，": a count closing its clause after the thing counted.
        closing = bool(_CLOSES.match(text, end)) and counter in _MAY_CLOSE
        if counter in _NEEDS_CUE and not (spaced or cue or counted or closing):
            continue
        found.append((u, unit))
        done.add(u + len(unit) - 1)
    return found
