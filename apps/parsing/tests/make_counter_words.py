"""Words that merely end or begin with a counter character (``企业家``, ``个人``).

A counter (个 家 项 条 所 件 人 …) with nothing before it is a deleted
number (``推进个村``, ``达到家，``) only when it does not belong to a word:
``企业家``, ``弱项``, ``零部件``, ``残疾人``, ``各个`` end with one, ``个人``,
``个性``, ``项目``, ``家庭`` begin with one. This script writes
``apps/parsing/data/counter_words.txt``: the words of the parser's jieba
dictionary (``data/jieba_dict.txt``, frequency >= 10) of two to five
characters that hold a counter (``有条不紊`` too), plus the report vocabulary of
``EXTRA`` that the dictionary lacks. ``test_blanks.py`` checks that the file
is what this script writes.

Usage (from the repository root)::

    .venv/bin/python apps/parsing/tests/make_counter_words.py
"""

from __future__ import annotations

import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
TARGET = DATA / "counter_words.txt"
COUNTERS = "个家项条所件人座户名套张处辆批次台场宗栋间"

# Report vocabulary ending or beginning with a counter that jieba's dictionary lacks.
EXTRA = """
弱项 短板弱项 强项 事项 专项 款项 立项 选项 单项 逐项 分项 各项 多项 要项 子项 大项 小项
脱贫户 监测户 边缘户 低保户 五保户 特困户 示范户 种植户 养殖户 困难户 重点户 贫困户 建档立卡户 散户 大户
拆迁户 购房户 买房户 低收入户 不稳定户 搬迁户 一般户 卡户 残疾人户 慢病户 危房户 农户 商户 住户 用户 客户
纳税人 责任人 带头人 领头人 传承人 残疾人 贫困人 老年人 年轻人 法人 经纪人 监护人 新市民 外来人 致富带头人
非遗传承人 明白人 户厕 户籍 户均 户容 户貌 户外 户口 户型 户主 户用 人居 人社 人防 人才 人均 人次
零部件 部件 配件 构件 器件 元件 文件 案件 事件 条件 软件 硬件 信件 邮件 证件 稿件 要件 物件 附件 组件 铸件
件事 件次 家次 户次 场次 批次 台次 人次 个案 个税 个私 个体 个别 个性 个人 所需 所盼 所急 所忧 所想 所难 所往 所向
所望 所愿 所属 所辖 所得 所在 所有 所以 所谓 所长 名校 名城 名镇 名村 名院 名医 名中医 名师 名企 名品 名牌 名优 名录
名单 名称 名额 名义 名列 排名 知名 著名 命名 提名 报名 署名 联名 点名 冠名 更名 实名 署名 匿名 指名 盛名 声名
等次 等处 等人 之处 好处 用处 难处 住处 去处 出处 益处 短处 长处 深处 高处 各处 到处 处处 办事处 管理处
首台套 台套 平台 柜台 看台 出台 舞台 站台 阳台 后台 前台 讲台 灶台 擂台 电视台 台账 台阶 台风 台湾 台区
场所 场馆 场景 场地 场次 场站 市场 现场 立场 广场 商场 战场 农场 牧场 林场 机场 会场 剧场 赛场 球场 考场
座谈 讲座 宝座 星座 张力 张贴 主张 扩张 紧张 开张 批准 审批 获批 报批 限批 批示 批发 批复 次要 其次 层次 档次
依次 首次 多次 再次 屡次 名次 位次 班次 人次 车次 频次 条例 条款 条约 条码 链条 产业链条 面条 油条 金条 萧条
家庭 家园 家乡 家长 家属 家电 家政 家禽 家族 家风 家访 家务 家畜 家居 家具 家纺 家里 家外 家门 家底
有条不紊 次干道 主干道 争项 争资争项 个转企 家国 所能 所必需 所必须 院所 人与自然 签批 审批 清套
企业家 专家 国家 大家 作家 科学家 艺术家 农家 商家 厂家 东家 卖家 买家 玩家 行家 名家 管家 人家 自家 全家 回家 在家
"""


def build() -> str:
    words = set()
    for line in (DATA / "jieba_dict.txt").read_text(encoding="utf-8").splitlines():
        word = line.split(" ", 1)[0]
        if 2 <= len(word) <= 5 and any(c in COUNTERS for c in word):
            words.add(word)
    words.update(w for w in EXTRA.split() if any(c in COUNTERS for c in w))
    return "\n".join(sorted(words)) + "\n"


def main() -> int:
    TARGET.write_text(build(), encoding="utf-8")
    print(f"{TARGET}: {len(TARGET.read_text(encoding='utf-8').split())} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
