"""The confusion list of :mod:`apps.parsing.proofread`: converter look-alikes and their contexts.

A draft that went through a simplified → traditional → simplified round trip *with vocabulary
conversion* (Word's 简繁转换 "转换常用词汇", online PDF/Word converters built on OpenCC-style phrase
tables) comes back with whole words swapped for another word that the tables map to the same
traditional phrase: ``发展`` → ``开展``, ``项目`` → ``工程``, ``服务`` → ``效劳``, ``基础`` → ``根底``,
``原则`` → ``原那么`` (``則`` read as the conjunction ``那麼``) … Sources and the reasoning behind each
context list are in ``docs/proofreading.md``.

Each pair is ``(wrong, right)`` as it appears in the damaged text. Most wrong forms are also
ordinary words (``开展活动`` is right), so each pair carries the contexts that decide:

* ``right_after`` / ``right_before``: the word is used correctly here (checked first);
* ``strong_after`` / ``strong_before``: the word is certainly the look-alike here, in any document;
* ``weak``: with no context either way, offered only in a document that shows the certain signs of
  a round trip (:data:`CERTAIN`), where the look-alike is by far the likelier reading.

``*_after`` patterns are matched at the end of the word, ``*_before`` at its start (against the
text before it, anchored at its end). They are plain regular expressions over a short window.
"""

from __future__ import annotations

from dataclasses import dataclass

# Never a real word in a report: each one is a sign that the whole draft went through a converter.
CERTAIN: dict[str, str] = {
    "原那么": "原则",
    "否那么": "否则",
    "规那么": "规则",
    "准那么": "准则",
    "细那么": "细则",
    "总那么": "总则",
    "效劳": "服务",
    "根底": "基础",
}

# Nouns an activity verb takes: ``开展…活动/工作/检查`` is right.
ACTIVITY = (
    "活动|工作|行动|调研|调查|检查|督查|督导|排查|培训|试点|宣传|教育|整治|治理|竞赛|演练|评估|评比|评议|交流"
    "|合作|研究|攻坚|帮扶|巡查|巡察|巡视|志愿|义诊|慰问|清理|清查|普查|审计|会商|对接|学习|专项|创建|比武|监测"
    "|执法|观摩|讲座|座谈|走访|摸底|结对|认证|测评|考核|考评|体检|筛查|救助|救援|演出|展览|展示|讲解|宣讲|打击"
    "|扫黑|禁毒|整改|核查|复查|验收|问诊|服务|诊疗|培育|协作|试验|示范|联创|共建|普法|咨询|招聘|招商|推介"
    "|夜校|课堂|实践|回头看|大讨论|大走访|大排查|大整治|大比武|大会战|百日|月|周|年|测试|鉴定|评定|考试|比赛|赛事"
    "|运动|检测|检验|抽检|抽查|督办|调度|考察|对标|比选|建设|演讲|访谈|谈心|家访|接访|约谈|宣誓|植树|义务|互助"
)

# What only a noun ``发展`` is followed by (``开展的势头``, ``开展势头``, ``开展壮大``).
DEVELOPMENT_AFTER = (
    "势头|后劲|态势|速度|步伐|空间|理念|成果|成就|需要|潜力|前景|短板|瓶颈|动力|活力"
    "|阶段|机遇|道路|方向|大局|壮大|迅猛|缓慢|滞后|不平衡|不充分|载体|后盾"
    "|改革委|和改革|成效|新优势|新动能|新格局|新阶段|新理念|到\\d|到了"
    # Nouns that could also be what is carried out (开展规划修编, 开展质量提升): only when they end the
    # phrase (产业开展规划，; 优化开展环境等).
    "|(?:规划|战略|环境|质量|方式|模式|格局|水平|规模|目标|平台|中心|需求|支撑|根底)(?=[，,。；;：:！？!?、和与等\n]|$)"
    "|的(?:势头|后劲|态势|速度|步伐|空间|环境|理念|战略|规划|成果|成就|需要|需求|潜力|前景|短板|瓶颈|动力|活力"
    "|质量|方式|格局|阶段|机遇|道路|方向|大局|载体|根底|基础|支撑|保障|主题|主线|难题|第一|关键|核心"
    "|根本|全局|成效|良好|强劲|要求|目标|水平|规模|平台|中心|大计|大事|机会)"
)
# What only ``发展`` follows (``经济社会开展``, ``可持续开展``). Adverbs that also go with 开展
# (科学开展, 共同开展, 加速开展) are left to the weak reading of a converted document.
DEVELOPMENT_BEFORE = (
    # (在全社会开展…, 面向社会开展…, 在城乡开展… are where something is carried out, not what develops.)
    "经济社会|经济|(?<![全向])社会|产业|事业|可持续|协调|高质量|跨越式|又好又快|(?<!在)城乡|和谐|绿色|转型"
    "|蓬勃|长远|均衡|永续|集群|差异化|特色化|规模化|产业化|多元化|全面协调"
)


@dataclass(frozen=True)
class Pair:
    wrong: str
    right: str
    right_after: str = ""
    right_before: str = ""
    strong_after: str = ""
    strong_before: str = ""
    weak: bool = True
    # A strong context wins over a right one (``存在的缺乏以及…``: 缺乏 is followed by a word, yet wrong).
    strong_first: bool = False


PAIRS: tuple[Pair, ...] = (
    Pair(
        "开展",
        "发展",
        # The activity may come several words later (开展了全县…房屋集中征收活动), within the clause.
        right_after=rf"[^，,。；;：:！？!?\n]{{0,20}}?(?:{ACTIVITY})",
        # Passive: 各项工作有序开展。
        right_before=rf"(?:{ACTIVITY})[^，,。；;：:！？!?\n]{{0,6}}",
        strong_after=rf"(?:{DEVELOPMENT_AFTER})",
        strong_before=rf"(?:{DEVELOPMENT_BEFORE})",
    ),
    Pair(
        "工程",
        "项目",
        # Real engineering and named programmes (民生工程, “五年大提升工程).
        right_after="建设|师|技术|机械|质量|管理|项目|院|学|造价|监理|施工|安全|队|设计|款|竣工|车|兵|化",
        right_before=(
            "水利|民生|惠民|安居|系统|基础|根底|建筑|道路|交通|绿化|亮化|美化|净化|硬化|电力|供水|排水|污水|管网"
            "|引水|灌溉|生态|农田|造林|防护林|防洪|治理|整治|改造|提升|修复|保护|堤防|水库|市政|希望|人才|菜篮子"
            "|村村通|户户通|凝聚力|德政|富民|暖心|惠农|强基|固本|筑基|铸魂|育人|扶贫|安全|消防|防汛|土建|水电|灌区"
            "|饮水|供气|供热|雨污|分流|通信|光纤|生物|基因|软件|化学|系统|环境|能源|节能|减排|标志性|样板|精品|示范"
            "|“[^”，,。\n]{2,10}"
        ),
        strong_after="落户|签约|招商|为龙头|准入|库|储备|谋划|(?<=各工程)标",
        strong_before="引进|签约|招商|储备|谋划|报|落|推|抓|争|跑|包装|洽谈|在谈|三产",
    ),
    Pair(
        "方案",
        "计划",
        right_before="实施|工作|行动|规划|设计|建设|改革|整治|治理|应急|预案|制定|编制|出台|印发|完善|优化|技术|解决|总体|试点|专项|管理",
        strong_after="生育|单列|指标|经济|总投资|投资额|投资",
        strong_before="年度|年初|中长期|国民经济和社会发展|国民经济",
        weak=False,
    ),
    Pair(
        "缺乏",
        "不足",
        # 缺乏 + its object is right (缺乏资金); as a noun (存在的缺乏以及…) it is 不足. At a clause end
        # (用地指标缺乏，) both read: offered only in a converted document.
        right_after="[\u4e00-\u9fff]",
        strong_after="之处|以及|和不足",
        strong_before="存在的|存在|存在一些|存在诸多|存在许多|还有|诸多",
        strong_first=True,
    ),
    Pair(
        "局部",
        "部分",
        right_after="地区|区域|地段|路段|时段|性|范围|降雨|暴雨|冲突|利益|的|与|和|服从|战役|调整|改造|修复|损坏|地方|出现|发生",
        strong_after="指标|企业|群众|干部|人员|农户|单位|行业|产品|资金|项目|工程|国家|学校|医院|职工|党员|贫困",
    ),
    Pair(
        "到达",
        "达到",
        strong_after=r"[0-9０-９Xx×]|亿|万|千|百|%|％|要求|标准|水平|目标|预期|峰值|高峰|了[0-9０-９]|历史最|全年|顶峰",
        weak=False,
    ),
    Pair(
        "奉献",
        "贡献",
        right_after="精神|青春|力量|爱心|者|社会|自我|热血|汗水|智慧|光和热|一切|终身|余热|奖|意识",
        right_before="无私|默默|甘于|乐于|敬业|爱岗|忠诚|拼搏|担当|无怨无悔地|勇于",
        strong_after="率|度|值",
        strong_before=r"(?:作出|做出)了?(?:重要|应有的|积极|突出|巨大|重大|新的|更大|较大|很大)的?|重要|应有的",
    ),
    Pair(
        "反响",
        "反馈",
        right_after="强烈|热烈|良好|很大|较大|不错|积极",
        right_before="强烈|良好|热烈|社会|广泛|巨大|积极|很大|较大|一致|不同|各界|引起|产生|取得|获得",
        strong_after="至|到|给|的数|的情况|的信息|的意见|的问题|意见|机制|信息|情况|结果|渠道|时间",
        strong_before="及时|最终|信息|意见|整改|情况|结果|未|没有|已|并|收集|跟踪|定期|逐级|统计",
    ),
    Pair("表达在", "体现在", weak=False, strong_after=""),
    Pair(
        "根本",
        "基本",
        strong_after="(?:完成|建成|实现|形成|到位|具备|持平|竣工|完工|覆盖|普及|摸清|理顺|达到|到达|齐全)(?!不|了不)",
        weak=False,
    ),
    Pair(
        "别离",
        "分离",
        strong_before="管干|政企|政事|政资|管办|事企|主辅|厂办|两权|网|管养|管运|政社|审管|医药|农牧",
        weak=False,
    ),
    Pair(
        "撤除",
        "拆除",
        strong_after="房屋|违建|违章|违法|建筑|危房|旧房|厂房|棚户|广告|围墙|猪舍|圈舍|养殖|砖瓦|烟囱|老旧",
        weak=False,
    ),
    Pair(
        "比照",
        "对比",
        strong_after="今年|去年|上年|同期|上半年|并不|来看|看|分析|之下|结果|明显|鲜明",
        weak=False,
    ),
    Pair(
        "广阔",
        "广大",
        strong_after="干部|群众|人民|农民|党员|职工|师生|妇女|青年|市民|居民|员工|官兵|消费者|客商|投资者|青少年|城乡居民",
        weak=False,
    ),
    Pair("华美", "华丽", strong_after="转身|蜕变|转型|变身", weak=False),
)

# "表达在" has no free form: it is always the converter's 体现在 (表达 alone is a real word).
ALWAYS_STRONG = frozenset({"表达在"})
