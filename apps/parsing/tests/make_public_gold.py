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
    # Web clutter, read by hand (reports 006-022 are kept as collected from
    # web pages): 1-based numbers of whole lines that are not the report
    # (site category, toolbar, metadata), the first line of the page footer
    # (it and everything after it are clutter), and fragments glued to a
    # report line. The parser must report them in ``boilerplate_removed``.
    clutter_lines: tuple[int, ...] = ()
    footer: str = ""
    clutter_fragments: tuple[str, ...] = ()


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
    "006": Doc(
        notes=[
            "web page as collected: site category, metadata, 内容摘要 line",
            "glossary '[n]…' after '《政府工作报告》名词解释'",
        ],
        title="2020年唐县政府工作报告",
        clutter_lines=(1, 3, 4, 5, 6, 7, 8),
        footer="分享到：",
        headings=[
            (1, "一", "一、2019年工作回顾"),
            (2, "一", "(一)我们精准施策，持续发力，脱贫成效巩固提升"),
            (2, "二", "(二)我们大抓项目，做优平台，发展势能不断积蓄"),
            (2, "三", "(三)我们铁腕治污，绝地反击，环境质量明显向好"),
            (2, "四", "(四)我们统筹城乡，建管并重，城乡面貌持续改观"),
            (2, "五", "(五)我们高标站位，集中攻坚，旅发备战稳步推进"),
            (2, "六", "(六)我们以人为本，为民服务，民生事业扎实推进"),
            (2, "七", "(七)我们改革创新，优化服务，发展活力持续释放"),
            (1, "二", "二、2020年工作"),
            (2, "一", "(一)聚焦脱贫攻坚，在成效提升上攻坚突破"),
            (2, "二", "(二)聚焦项目园区，在动能转换上攻坚突破"),
            (2, "三", "(三)聚焦城乡建设，在扩容提质上攻坚突破"),
            (2, "四", "(四)聚焦旅发大会，在产业升级上攻坚突破"),
            (2, "五", "(五)聚焦污染治理，在优化生态上攻坚突破"),
            (2, "六", "(六)聚焦要素保障，在破解瓶颈上攻坚突破"),
            (2, "七", "(七)聚焦民生事业，在全面小康上攻坚突破"),
            (1, "三", "三、提高政府治理效能"),
        ],
    ),
    "007": Doc(
        notes=["'——一年来…' paragraphs and lead-in phrases ('高质量完成脱贫任务。') are body text"],
        title="2020年涞源县政府工作报告",
        clutter_lines=(1, 3, 4, 5, 6, 7, 8),
        footer="分享到：",
        headings=[
            (1, "一", "一、2019年工作回顾"),
            (1, "二", "二、2020年工作安排"),
            (2, "一", "(一)一鼓作气、乘势而上，坚决夺取脱贫攻坚战的全面胜利"),
            (2, "二", "(二)解放思想、打破藩篱，牢牢扭住招商引资和项目建设的“牛鼻子”"),
            (2, "三", "(三)拓展张力、提升品质，倾力打造景城融合主客共享的山水宜居城市"),
            (2, "四", "(四)科学施策、铁腕治理，构建人与自然和谐共生的网格化生态格局"),
            (2, "五", "(五)尽心尽力、聚焦聚力，让高质量发展成果更多更好更公平惠及全县人民"),
            (2, "六", "(六)筑牢防线、共治共享，坚定不移推进“平安涞源”建设"),
            (1, "三", "三、务实前进，努力加强政府自身建设"),
        ],
    ),
    "008": Doc(
        notes=["the body repeats a bare '政府工作报告' title under the page title"],
        title="2022年涞源县政府工作报告",
        clutter_lines=(1, 3, 4, 5, 6, 7, 8),
        footer="分享到：",
        headings=[
            (1, "一", "一、2021年工作回顾"),
            (1, "二", "二、2022年工作总体要求和主要目标"),
            (2, "一", "（一）抢抓扩大内需政策机遇，奋力开创项目开发区建设新局面"),
            (2, "二", "（二）抢抓城乡融合政策机遇，奋力开创乡村振兴发展新局面"),
            (2, "三", "（三）抢抓区域发展政策机遇，奋力开创旅游城市建设新局面"),
            (2, "四", "（四）抢抓产业政策机遇，奋力开创现代产业体系建设新局面"),
            (2, "五", "（五）抢抓结构政策机遇，奋力开创绿色低碳循环发展新局面"),
            (2, "六", "（六）抢抓社会政策机遇，奋力开创民生事业发展新局面"),
            (2, "七", "（七）抢抓财政货币政策机遇，奋力开创改革开放发展新局面"),
            (2, "八", "（八）抢抓安全政策机遇，奋力开创社会治理体系建设新局面"),
            (1, "三", "三、全面加强政府自身建设"),
        ],
    ),
    "009": Doc(
        notes=["spaced '政 府 工 作 报 告' in the preamble; glossary after '*名词解释'"],
        title="2021年定兴县政府工作报告",
        clutter_lines=(1, 3, 4, 5, 6, 7, 8),
        footer="分享到：",
        headings=[
            (1, "一", "一、2020年和“十三五”工作回顾"),
            (1, "二", "二、“十四五”时期主要目标任务"),
            (2, "一", "（一）持续提升协同创新水平"),
            (2, "二", "（二）持续提升产业综合实力"),
            (2, "三", "（三）持续提升生态环境质量"),
            (2, "四", "（四）持续推进城乡统筹发展"),
            (2, "五", "（五）持续推进乡村振兴战略"),
            (2, "六", "（六）持续提升人民生活品质"),
            (2, "七", "（七）持续提升社会治理能力"),
            (1, "三", "三、2021年重点工作"),
            (2, "一", "（一）强力推动协同创新，全面建设活力定兴"),
            (2, "二", "（二）强力推动园区建设，全面建设实力定兴"),
            (2, "三", "（三）强力推动产业转型，全面建设创新定兴"),
            (2, "四", "（四）强力优化营商环境，全面建设开放定兴"),
            (2, "五", "（五）强力推进城市建设升级，全面建设品质定兴"),
            (2, "六", "（六）强力推进生态文明建设，全面建设绿美定兴"),
            (2, "七", "（七）强力推进京雄农谷建设，全面建设魅力定兴"),
            (2, "八", "（八）强力推进民生建设，全面建设幸福定兴"),
            (2, "九", "（九）强力推进社会治理，全面建设和谐定兴"),
            (1, "四", "四、着力打造人民满意的服务型政府"),
        ],
    ),
    "010": Doc(
        notes=["glossary after '※名词解释※'"],
        title="2022年定兴县政府工作报告",
        clutter_lines=(1, 3, 4, 5, 6, 7, 8),
        footer="分享到：",
        headings=[
            (1, "一", "一、2021年工作回顾"),
            (1, "二", "二、2022年工作安排"),
            (2, "一", "（一）聚焦项目建设，在夯实产业基础、产业做强做优中实现更大突破"),
            (2, "二", "（二）聚焦深化改革，在优化环境、协同创新上实现更大突破"),
            (2, "三", "（三）聚焦县城建设，在绽放城市颜值、提升城市品质上实现更大突破"),
            (2, "四", "（四）聚焦乡村振兴，在农业产业、农村工作上实现更大突破"),
            (2, "五", "（五）聚焦改善生态环境，在污染治理、绿色发展上实现更大突破"),
            (2, "六", "（六）聚焦人民至上，在增进民生福祉上实现更大突破"),
            (1, "三", "三、加强政府自身建设"),
        ],
    ),
    "011": Doc(
        notes=["'一是…' items under （六） are not headings"],
        title="2020年顺平县政府工作报告",
        clutter_lines=(1, 3, 4, 5, 6, 7, 8),
        footer="分享到：",
        headings=[
            (1, "一", "一、2019年工作回顾"),
            (2, "一", "(一)脱贫成效稳步提升"),
            (2, "二", "(二)经济发展稳中向好"),
            (2, "三", "(三)生态环境大幅改善"),
            (2, "四", "(四)城乡面貌明显改观"),
            (2, "五", "(五)社会事业全面进步"),
            (2, "六", "(六)防范风险有力有效"),
            (2, "七", "(七)自身建设不断加强"),
            (1, "二", "二、2020年总体思路"),
            (1, "三", "三、2020年目标任务"),
            (2, "一", "(一)决胜完胜脱贫攻坚，全面建成小康社会"),
            (2, "二", "(二)坚持发展第一要务，全力加快经济增长"),
            (2, "三", "(三)巩固治理成效，持续改善生态环境"),
            (2, "四", "(四)做强现代农业，全面推进乡村振兴"),
            (2, "五", "(五)办好民生实事，全力满足群众期盼"),
            (2, "六", "(六)加强自身建设，努力提升履职能力"),
        ],
    ),
    "012": Doc(
        notes=["三、 has （一）（二）（三） sub-headings standing alone, each followed by '一是…' items"],
        title="2021年顺平县政府工作报告",
        clutter_lines=(1, 3, 4, 5, 6, 7, 8),
        footer="分享到：",
        headings=[
            (1, "一", "一、过去五年工作回顾"),
            (1, "二", "二、今后五年任务目标"),
            (2, "一", "（一）聚焦产业提质增效，强化高质量发展支撑"),
            (2, "二", "（二）精心搭建承接平台，做优高质量发展载体"),
            (2, "三", "（三）建设品质生活之城，打造高质量发展核心"),
            (2, "四", "（四）全面推进乡村振兴，夯实高质量发展基础"),
            (2, "五", "（五）强力实施环保治污，优化高质量发展环境"),
            (2, "六", "（六）以人民为中心创新社会治理，筑牢高质量发展保障"),
            (2, "七", "（七）竭力惠民利民安民，共享高质量发展成果"),
            (1, "三", "三、2021年下半年重点工作"),
            (2, "一", "（一）办好十件实事"),
            (2, "二", "（二）锚定四项工作"),
            (2, "三", "（三）守住三条底线"),
            (1, "四", "四、全面加强政府自身建设"),
        ],
    ),
    "013": Doc(
        notes=["glossary '[n]…' after '名词解释'"],
        title="2022年顺平县政府工作报告",
        clutter_lines=(1, 3, 4, 5, 6, 7, 8),
        footer="分享到：",
        headings=[
            (1, "一", "一、2021年工作回顾"),
            (1, "二", "二、2022年工作安排"),
            (2, "一", "（一）聚焦项目园区，在壮大县域经济上攻坚突破"),
            (2, "二", "（二）聚焦改革创新，在释放发展活力上攻坚突破"),
            (2, "三", "（三）聚焦“三农”增效，在乡村振兴上攻坚突破"),
            (2, "四", "（四）聚焦动能转换，在产业转型升级上攻坚突破"),
            (2, "五", "（五）聚焦品质生活，在县城建设上攻坚突破"),
            (2, "六", "（六）聚焦绿色发展，在生态文明建设上攻坚突破"),
            (2, "七", "（七）聚焦群众期盼，在民生事业保障上攻坚突破"),
            (1, "三", "三、全面加强政府自身建设"),
        ],
    ),
    "014": Doc(
        notes=["glossary entries numbered '【1】…' after '名词解释：'"],
        title="保定市满城区2022年政府工作报告",
        clutter_lines=(1, 3, 4, 5, 6, 7, 8),
        footer="分享到：",
        headings=[
            (1, "一", "一、2021年工作回顾"),
            (1, "二", "二、2022年主要任务"),
            (2, "一", "（一）实施城市更新，提升品质之城新颜值"),
            (2, "二", "（二）加快产业升级，推动转型提质新突破"),
            (2, "三", "（三）致力乡村振兴，打造兴村富民新样板"),
            (2, "四", "（四）积聚动能优势，增添跨越赶超新活力"),
            (2, "五", "（五）突出风险防范，筑牢强基固本新防线"),
            (2, "六", "（六）坚持民生优先，打造美好幸福新生活"),
            (1, "三", "三、全面加强政府自身建设"),
        ],
    ),
    "015": Doc(
        notes=[
            "no title: the text starts with '各位代表：'; '&nbsp;' indents; a watermark glued to the last paragraph"
        ],
        title="",
        clutter_fragments=("来源：百度马 克 数据网",),
        headings=[
            (1, "一", "一、2023年工作回顾"),
            (2, "一", "（一）经济发展稳中向好"),
            (2, "二", "（二）产业转型提能升级"),
            (2, "三", "（三）城市功能持续完善"),
            (2, "四", "（四）乡村振兴提质增效"),
            (2, "五", "（五）文旅文创融合发展"),
            (2, "六", "（六）深化改革纵深推进"),
            (2, "七", "（七）民生福祉不断改善"),
            (2, "八", "（八）社会大局安全稳定"),
            (1, "二", "二、2024年政府工作安排"),
            (2, "一", "（一）突出“项目为王”，持续扩大有效投资"),
            (2, "二", "（二）聚焦“风口”产业，推动工业提质增效"),
            (2, "三", "（三）立足品质提升，建设宜居宜业城镇"),
            (2, "四", "（四）围绕富民增收，打造富美善治农村"),
            (2, "五", "（五）紧扣激发消费，推进文旅融合赋能"),
            (2, "六", "（六）深化改革创新，加快发展动能转换"),
            (2, "七", "（七）坚持民生为本，不断增进人民福祉"),
            (2, "八", "（八）紧盯风险隐患，守牢安全稳定底线"),
            (1, "三", "三、建设人民满意的服务型政府"),
        ],
    ),
    "016": Doc(
        notes=["glossary after '※名词解释※'; '(一)坚持做到“四个不摘”[18]，…' keeps its note reference"],
        title="2020年曲阳县政府工作报告",
        clutter_lines=(1, 3, 4, 5, 6, 7, 8),
        footer="分享到：",
        headings=[
            (1, "一", "一、2019年工作回顾"),
            (1, "二", "二、2020年政府工作总体要求和目标任务"),
            (2, "一", "(一)坚持做到“四个不摘”[18]，持续巩固提升脱贫成果"),
            (2, "二", "(二)坚持生态优先、绿色发展，坚决打好污染防治攻坚战"),
            (2, "三", "(三)坚持经济提质增效，努力推动创新、绿色、高质量发展"),
            (2, "四", "(四)坚持深化改革落地落实落细，不断增强曲阳发展的“驱动力”"),
            (2, "五", "(五)坚持做好“山、水、绿、石、文”五篇文章，不断提升县城品位"),
            (2, "六", "(六)坚持“三农”优先发展，实施乡村振兴战略"),
            (2, "七", "(七)坚持保障和改善民生，着力补齐民生事业短板"),
            (2, "八", "(八)坚持推进治理体系和治理能力现代化，坚决当好首都政治“护城河”"),
            (1, "三", "三、全面加强政府自身建设"),
        ],
    ),
    "017": Doc(
        notes=["toolbar header, '来源：'/'时间：' lines and a photo caption; '一是…' paragraphs are not headings"],
        title="2026年北京市政府工作报告",
        clutter_lines=(1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 15),
        footer="相关报道：",
        headings=[
            (1, "一", "一、2025年工作回顾"),
            (1, "二", "二、“十四五”时期发展成就和“十五五”时期主要目标任务"),
            (1, "三", "三、2026年重点工作"),
            (2, "一", "（一）深入落实城市总体规划，推动京津冀协同发展走深走实"),
            (2, "二", "（二）增强内需主导能力，巩固拓展经济稳中向好势头"),
            (2, "三", "（三）持续推动教育科技人才一体发展，构建有竞争优势的新质生产力发展格局"),
            (2, "四", "（四）推进深层次改革高水平开放，增强高质量发展动力活力"),
            (2, "五", "（五）丰富优质文化供给，增强全国文化中心影响力"),
            (2, "六", "（六）加快超大城市发展方式转型，提升城市精细化治理水平"),
            (2, "七", "（七）推进农业农村现代化，促进城乡区域协调发展"),
            (2, "八", "（八）优化公共服务供给，解决好群众的身边事贴心事具体事"),
            (2, "九", "（九）推动减污降碳扩绿协同增效，建设人与自然和谐共生的美丽北京"),
            (2, "十", "（十）全面推进韧性城市建设，筑牢首都安全防线"),
        ],
    ),
    "018": Doc(
        notes=["ten numbered '1.医疗卫生方面。…' items under （九） are headings at level 3"],
        title="2026年浙江省政府工作报告",
        clutter_lines=(1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13),
        footer="相关报道：",
        headings=[
            (1, "一", "一、2025年主要工作和“十四五”发展成就"),
            (2, "一", "（一）强化创新驱动发展，创新浙江建设成效明显"),
            (2, "二", "（二）巩固实体经济根基，现代化产业体系建设步伐加快"),
            (2, "三", "（三）千方百计扩大内需，高质量发展内生动力持续增强"),
            (2, "四", "（四）扩大高水平对外开放，高能级开放强省建设蹄疾步稳"),
            (2, "五", "（五）加大改革攻坚力度，营商环境持续优化"),
            (2, "六", "（六）加快城乡区域一体融合发展，省域均衡发展水平不断提高"),
            (2, "七", "（七）繁荣发展文化事业文化产业，高水平文化强省建设迈上新台阶"),
            (2, "八", "（八）全力推进绿色低碳发展，美丽浙江品牌进一步擦亮"),
            (2, "九", "（九）持续增进民生福祉，全体人民共同富裕取得新进展"),
            (2, "十", "（十）切实筑牢安全防线，平安浙江法治浙江底座更加稳固"),
            (1, "二", "二、“十五五”时期的主要目标任务"),
            (2, "一", "（一）聚焦加快建设创新浙江，因地制宜发展新质生产力"),
            (2, "二", "（二）聚焦服务融入新发展格局，有效畅通经济循环、促进内外联动"),
            (2, "三", "（三）聚焦担负起新时代的文化使命，不断激发文化创新创造活力"),
            (2, "四", "（四）聚焦共同富裕先行示范，推动城乡一体融合高质量发展"),
            (2, "五", "（五）聚焦经济社会全面绿色转型，加快建设更高水平生态省"),
            (2, "六", "（六）聚焦统筹发展和安全，打造更高水平平安浙江法治浙江"),
            (1, "三", "三、2026年重点工作"),
            (2, "一", "（一）着力提振市场信心增强社会预期"),
            (2, "二", "（二）着力提升创新体系整体效能"),
            (2, "三", "（三）着力完善以先进制造业为骨干的现代化产业体系"),
            (2, "四", "（四）着力推动消费转型升级"),
            (2, "五", "（五）着力抓项目优投资促招商"),
            (2, "六", "（六）着力全面深化改革扩大高水平对外开放"),
            (2, "七", "（七）着力推动城乡区域协调发展"),
            (2, "八", "（八）着力增强群众获得感幸福感安全感"),
            (2, "九", "（九）着力促进高质量发展和高水平安全良性互动"),
            (3, "1", "1.医疗卫生方面"),
            (3, "2", "2.养老帮困方面"),
            (3, "3", "3.关爱儿童方面"),
            (3, "4", "4.就业创业方面"),
            (3, "5", "5.城乡宜居方面"),
            (3, "6", "6.教育助学方面"),
            (3, "7", "7.文化体育方面"),
            (3, "8", "8.交通出行方面"),
            (3, "9", "9.便民服务方面"),
            (3, "10", "10.除险保安方面"),
            (2, "十", "（十）着力加强政府自身建设"),
        ],
    ),
    "019": Doc(
        notes=[
            "no toolbar but a time stamp, '来源:' label and value, font-size bar; glossary '1.…' entries",
            "the footer from '责任编辑：' repeats the title and the first line",
        ],
        title="2026年四川省人民政府工作报告",
        clutter_lines=(2, 3, 4, 5, 6, 7, 8, 9, 10),
        footer="责任编辑：",
        headings=[
            (1, "一", "一、2025年工作回顾和“十四五”发展主要成绩"),
            (1, "二", "二、“十五五”发展的主要考虑"),
            (1, "三", "三、2026年工作安排"),
            (2, "一", "（一）突出扩大内需战略基点，更大力度统筹促消费扩投资"),
            (2, "二", "（二）突出科技创新全链发力，加紧培育壮大发展新动能"),
            (2, "三", "（三）突出壮大实体经济根基，加快建设现代化产业体系"),
            (2, "四", "（四）突出深化改革扩大开放，着力增强发展动力活力"),
            (2, "五", "（五）突出相互赋能协同联动，构建区域协调发展新格局"),
            (2, "六", "（六）突出城乡融合一体发展，统筹新型城镇化和乡村全面振兴"),
            (2, "七", "（七）突出加快全面绿色转型，持续筑牢长江黄河上游生态屏障"),
            (2, "八", "（八）突出提高民生工作质效，更好满足人民群众对美好生活的向往"),
            (2, "九", "（九）突出发展安全良性互动，建设更高水平平安四川法治四川"),
            (2, "十", "（十）突出政府履职效能，切实加强自身建设"),
        ],
    ),
    "020": Doc(
        notes=["'——坚持…' paragraphs are body text"],
        title="2026年河南省政府工作报告",
        clutter_lines=(1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13),
        footer="相关报道：",
        headings=[
            (1, "一", "一、“十四五”时期和2025年工作回顾"),
            (2, "一", "（一）千方百计稳就业稳企业稳市场稳预期"),
            (2, "二", "（二）全面加快融入服务全国统一大市场建设"),
            (2, "三", "（三）全力以赴强治理防风险守底线"),
            (2, "四", "（四）用心用情办好群众关心事操心事"),
            (2, "五", "（五）从严从实开展深入贯彻中央八项规定精神学习教育"),
            (1, "二", "二、“十五五”时期主要目标任务"),
            (1, "三", "三、2026年重点工作安排"),
            (2, "一", "（一）纵深推进融入和服务全国统一大市场"),
            (2, "二", "（二）大力拓展内需增长新空间"),
            (2, "三", "（三）加快建设现代化产业体系"),
            (2, "四", "（四）扎实推进乡村全面振兴"),
            (2, "五", "（五）着力推动城乡区域协调发展"),
            (2, "六", "（六）统筹推进深层次改革高水平开放"),
            (2, "七", "（七）全面激发文化创新创造活力"),
            (2, "八", "（八）加力促进经济社会全面绿色转型"),
            (2, "九", "（九）更大力度保障和改善民生"),
            (2, "十", "（十）有力有效防范化解重点领域风险"),
        ],
    ),
    "021": Doc(
        notes=["unnumbered part titles ('“十四五”时期工作回顾') are level 1, the （一） headings under them level 2"],
        title="2026年甘肃省政府工作报告",
        clutter_lines=(1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 15),
        footer="相关报道：",
        headings=[
            (1, "", "“十四五”时期工作回顾"),
            (1, "", "“十五五”时期的主要目标任务"),
            (1, "", "2026年重点工作"),
            (2, "一", "（一）放大促消费扩投资政策效应"),
            (2, "二", "（二）加快建设现代化产业体系"),
            (2, "三", "（三）持续释放改革开放动能活力"),
            (2, "四", "（四）深化城乡融合和区域联动发展"),
            (2, "五", "（五）坚决筑牢国家西部生态安全屏障"),
            (2, "六", "（六）加快推进文旅强省建设"),
            (2, "七", "（七）加大保障和改善民生力度"),
            (2, "八", "（八）更好统筹发展和安全"),
        ],
    ),
    "022": Doc(
        notes=["四、 has four inline （一）… headings"],
        title="2026年黑龙江省政府工作报告",
        clutter_lines=(1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13),
        footer="相关报道：",
        headings=[
            (1, "一", "一、2025年工作回顾和“十四五”时期发展成就"),
            (2, "一", "（一）内需潜力持续释放"),
            (2, "二", "（二）科技创新及成果转化取得扎实成效"),
            (2, "三", "（三）重点产业提质升级"),
            (2, "四", "（四）现代化大农业迈上新台阶"),
            (2, "五", "（五）特色文旅提质增效"),
            (2, "六", "（六）重点领域改革迈出新步伐"),
            (2, "七", "（七）高水平对外开放进一步扩大"),
            (2, "八", "（八）绿色发展优势不断巩固"),
            (2, "九", "（九）民生保障有力有效"),
            (1, "二", "二、“十五五”时期经济社会发展重点任务"),
            (1, "三", "三、2026年重点工作"),
            (2, "一", "（一）着力优化供给扩大需求，拓展内需增长新空间"),
            (2, "二", "（二）着力发展新质生产力，加快构建以先进制造业为骨干的现代化产业体系"),
            (2, "三", "（三）着力夯实粮食安全根基，加快推进农业农村现代化"),
            (2, "四", "（四）着力深化改革扩大开放，增强高质量振兴发展动力活力"),
            (2, "五", "（五）着力促进协调发展，推动城乡融合和区域联动"),
            (2, "六", "（六）着力加强生态环境保护，增强绿色发展动能"),
            (2, "七", "（七）着力保障和改善民生，不断增进民生福祉"),
            (2, "八", "（八）着力统筹发展和安全，以高水平安全保障高质量发展"),
            (1, "四", "四、持续加强政府自身建设"),
            (2, "一", "（一）加强政治建设"),
            (2, "二", "（二）严格依法行政"),
            (2, "三", "（三）优化能力作风"),
            (2, "四", "（四）坚持清正廉洁"),
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
