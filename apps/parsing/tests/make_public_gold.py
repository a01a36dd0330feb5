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
  (``总体要求是：XXX``), chosen by hand below.

The title and headings in ``DOCS`` were read off the documents by hand;
their draft text is derived here by applying the same replacements. The
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
from dataclasses import dataclass, field
from pathlib import Path

PUBLIC = Path(__file__).with_name("samples") / "public"

# Share of candidate numbers turned into written placeholders / deleted.
EXPLICIT_SHARE = 0.33
DELETE_SHARE = 0.15
YEAR_SHARE = 0.35
DATE_SHARE = 0.8
RANK_SHARE = 0.7


@dataclass
class Doc:
    title: str
    # (level, bare number, text as written at a line start, marker included;
    # a heading broken over two lines keeps its "\n").
    headings: list[tuple[int, str, str]]
    # (unique context, name inside it): the name becomes a placeholder.
    names: list[tuple[str, str]] = field(default_factory=list)
    # (unique context, passage inside it): the passage becomes "XXX".
    texts: list[tuple[str, str]] = field(default_factory=list)
    filler: str = "X"  # X, x or ×
    year_style: str = "XX"  # "XX" (filler-cased) or "20XX"
    notes: list[str] = field(default_factory=list)


DOCS: dict[str, Doc] = {
    "001": Doc(
        # The aggregator page title was removed with its header; the first
        # line is the occasion line ("…在…会议上"), a subtitle, not a title.
        title="",
        headings=[
            (1, "一", "一、回顾“十三五”，我们以脱贫攻坚为统揽，坚定前行、\n砥砺奋进，全面建成小康社会取得决定性成就"),
            (1, "二", "二、展望“十四五”，我们站在新的历史起点，意气风发、\n豪情满怀，全面开启社会主义现代化建设新征程"),
            (
                2,
                "一",
                "（一）聚焦全面实施乡村振兴战略，奋力打造农业高质高效、乡村宜居宜业、农民富裕富足的美丽乡村示范区",
            ),
            (2, "二", "（二）聚焦积极融入京雄保一体化发展格局，奋力打造绿色低碳循环的现代化产业体系"),
            (2, "三", "（三）聚焦建设世界级综合性旅游目的地，奋力打造宜居宜业的品质生活之城"),
            (2, "四", "（四）聚焦人民至上发展理念，奋力打造安居乐业安定有序的幸福家园"),
            (2, "五", "（五）聚焦自觉践行绿水青山就是金山银山发展理念，奋力打造绿色发展可持续发展的生态示范区"),
            (2, "六", "（六）聚焦统筹发展和安全，奋力打造共建共治共享的社会治理新格局"),
            (
                1,
                "三",
                "三、接续奋斗2021年，主动融入京雄保一体化发展格局，抓住机遇、乘势而上，加快建设经济强县、旅游城市、美丽涞源",
            ),
            (2, "一", "（一）继续巩固脱贫成果同乡村振兴有效衔接，加快实现三农工作战略性转移"),
            (2, "二", "（二）实施产业强县倍增计划，加快把开发区打造成经济实力支撑区"),
            (2, "三", "（三）倾力打造宜居宜业的品质生活之城，加快推进旅游城市建设"),
            (2, "四", "（四）深入践行生态优先绿色发展理念，加快生态环境持续改善"),
            (2, "五", "（五）坚定不移秉持人民至上，加快民生事项落实落地"),
            (2, "六", "（六）积极构建社会治理体系新格局，加快提升社会治理能力"),
            (2, "七", "（七）注重常态化疫情防控，加快公共卫生服务体系建设"),
            (2, "八", "（八）增强政府自身能力建设，加快行政服务效率整体提升"),
        ],
        names=[("玖兴肉鸡养殖项目累计", "玖兴"), ("白石山旅游景观大道", "白石山"), ("依托同光晶体中科院", "同光晶体")],
        notes=[
            "no title line: the aggregator's page title went with its header; line 1 is the occasion line",
            "headings 一、and 二、are broken over two lines after a '、' and must be re-joined",
            "'—— 这是…的五年' paragraphs and '一是…' items are not headings; '（1）' … '（5）' inside "
            "sentences are note references",
        ],
    ),
    "002": Doc(
        title="政府工作报告",
        headings=[
            (1, "一", "一、2021年工作回顾"),
            (2, "一", "（一）坚定不移抓项目、促转型，发展动能加速集聚"),
            (2, "二", "（二）坚持不懈提颜值、增内涵，县城品质明显提升"),
            (2, "三", "（三）统筹兼顾强基础、补短板，乡村振兴全面起势"),
            (2, "四", "（四）精准发力治污染、减排放，生态环境持续改善"),
            (2, "五", "（五）尽心竭力保民生、兜底线，社会事业蓬勃发展"),
            (2, "六", "（六）持之以恒转作风、提效能，自身建设不断加强"),
            (1, "二", "二、2022年主要目标任务"),
            (2, "一", "（一）聚力增强发展后劲，打造更添动能的活力曲阳"),
            (2, "二", "（二）聚力构建现代产业体系，打造更高质量的实力曲阳"),
            (2, "三", "（三）聚力提升城市新颜值，打造更富内涵的品质曲阳"),
            (2, "四", "（四）聚力厚植生态优势，打造更加怡人的美丽曲阳"),
            (2, "五", "（五）聚力乡村全面振兴，打造更有底气的富强曲阳"),
            (2, "六", "（六）聚力深化改革开放，打造更具优势的创新曲阳"),
            (2, "七", "（七）聚力增进民生福祉，打造更有温度的幸福曲阳"),
            (2, "八", "（八）聚力统筹发展安全，打造更高水平的平安曲阳"),
            (1, "三", "三、全面加强政府自身建设"),
        ],
        names=[
            ("下大气力建成骊山工业园区", "骊山"),
            ("大力提升北岳庙景区品质", "北岳庙"),
            ("全力推进中科轻钢、", "中科轻钢"),
        ],
        texts=[("今年政府工作的指导思想是：", None)],
        year_style="20XX",
        notes=[
            "the glossary after '名词解释' numbers its entries '1.“…”工作思路：…': entries, not headings",
            "unnumbered lead-in phrases ('破解园区制约点。') open paragraphs but are not numbered headings",
        ],
    ),
    "003": Doc(
        title="",
        headings=[
            (1, "一", "一、2017年工作回顾"),
            (1, "二", "二、2018年目标任务和重点工作"),
            (2, "一", "（一）持续推进协同创新，借势雄安建设，推进率先联动发展"),
            (2, "二", "（二）突出项目园区建设，围绕高质量发展，提高经济发展持久能力"),
            (2, "三", "（三）加快产业转型升级，振兴实体经济，做强产业发展支撑"),
            (2, "四", "（四）全力聚焦“三农问题”，实施乡村振兴战略，加快农业农村现代化"),
            (2, "五", "（五）加强城市建设管理，提升形象品味，打造宜居宜业保北新区"),
            (2, "六", "（六）打好污染防治攻坚战，全面改善生态环境，营造山青水秀自然生态"),
            (2, "七", "（七）落实共享发展理念，提供更多公共服务，增强人民群众获得感、幸福感和安全感"),
            (1, "三", "三、加强政府自身建设"),
            (2, "一", "（一）坚持依法行政"),
            (2, "二", "（二）坚持高效施政"),
            (2, "三", "（三）坚持廉洁从政"),
        ],
        names=[
            ("师昌绪学校完成主体建设", "师昌绪"),
            ("与埃马克等重点项目签约", "埃马克"),
            ("支持刘伶醉景区", "刘伶醉"),
        ],
        texts=[("今年政府工作的总体要求是：", None)],
        filler="x",
        notes=[
            "no title line; line 1 is the occasion line",
            "the '----过去的一年' paragraphs and '一是…' items are not headings",
            "lower-case fillers (xx, x.x) throughout",
        ],
    ),
    "004": Doc(
        title="",
        headings=[
            (1, "一", "一、2016年工作回顾"),
            (2, "一", "(一)经济实力迈上新台阶"),
            (2, "二", "(二)产业培育实现新突破"),
            (2, "三", "(三)城乡建设呈现新面貌"),
            (2, "四", "(四)民生社会事业达到新水平"),
            (2, "五", "(五)改革开放取得新进展"),
            (2, "六", "(六)民主法治建设取得新成效"),
            (1, "二", "二、2017年工作安排"),
            (2, "一", "(一)全力打造国际化的草原音乐名城、冰雪运动名城、文化旅游名城,带动产业转型升级、融合发展"),
            (2, "二", "(二)全力提升城市建设管理水平,推动中心城区加快发展、协调发展"),
            (2, "三", "(三)全力加强生态文明建设,坚持绿色发展、持续发展"),
            (2, "四", "(四)全面深化改革开放,不断增强经济社会发展活力和动力"),
            (2, "五", "(五)全力保障和改善民生,稳步提高人民生活质量"),
            (2, "六", "(六)全力加强和创新社会治理,促进社会和谐稳定"),
            (2, "七", "(七)全力加强自身建设,切实提升依法行政能力"),
        ],
        names=[("的时代广场商业项目开工", "时代广场"), ("——海拉尔河湿地公园", "海拉尔河")],
        filler="×",
        notes=[
            "no title line; line 1 is the occasion line, opened by a dash",
            "lines are indented with U+3000 and separated by empty lines; half-width '(一)' and commas",
            "fillers are '×' (××亿元, ××.×%) as in official templates",
            "'一要强化学习' items are not headings",
        ],
    ),
    "005": Doc(
        title="",
        headings=[
            (1, "一", "一、2021年工作回顾"),
            (1, "二", "二、2022年主要目标任务"),
            (2, "一", "（一）深入推进品质城市提升工程"),
            (2, "二", "（二）深入推进综合交通体系提升工程"),
            (2, "三", "（三）深入推进创新驱动提升工程"),
            (2, "四", "（四）深入推进产业转型提升工程"),
            (2, "五", "（五）深入推进乡村振兴提升工程"),
            (2, "六", "（六）深入推进品质服务提升工程"),
            (2, "七", "（七）深入推进品质文化提升工程"),
            (2, "八", "（八）深入推进绿色低碳提升工程"),
            (2, "九", "（九）深入推进营商环境提升工程"),
            (2, "十", "（十）深入推进幸福生活提升工程"),
        ],
        names=[("完成东风路、", "东风"), ("、裕华路等重点道路", "裕华"), ("同光晶体涞源", "同光晶体")],
        notes=[
            "no title line; line 1 is the occasion line, opened by '――'",
            "'一是…' … '八是…' paragraphs under 一、 are not headings",
            "note references '^[4]' and a '[1]'…'[22]' glossary after '名词解释'",
        ],
    ),
}

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
    edits = make_edits(name, doc, text, salt)
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
        found = re.search(r"^[ \u3000]*" + re.escape(source), text, re.MULTILINE)
        assert found, (name, source)
        start = found.end() - len(source)
        written = apply_edits(text, edits, start, found.end()).replace("\n", "")
        marker = re.match(r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]", written)
        assert marker, (name, source)
        headings.append([level, number, written[marker.end() :]])

    gold = {
        "file": f"public/{name}.txt",
        "draft": f"public/{name}.draft.txt",
        "generated_by": "apps/parsing/tests/make_public_gold.py",
        "title": doc.title,
        "boilerplate": [],
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
