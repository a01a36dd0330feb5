"""The proofreading rules (apps/parsing/proofread.py): each kind with cases it must flag and must not."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from apps.parsing import parse_draft
from apps.parsing.proofread import (
    KIND_CONVERTER,
    KIND_DOUBLED,
    KIND_GLUED,
    KIND_HALFWIDTH,
    KIND_PERCENT,
    KIND_SPACE,
    KIND_UNPAIRED,
    Profile,
    document_profile,
    proofread,
    proofread_listing,
)

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = Path(__file__).resolve().parent / "samples"
CONVERTED = Profile(converted=True, signs=5)
CLEAN = Profile()


def _of(text, kind, profile=CLEAN):
    return [(s.original, s.replacement) for s in proofread(text, profile=profile) if s.kind == kind]


# --- converter look-alikes, judged in context ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "全县经济社会保持了健康快速的开展势头。",
        "为县域经济和社会全面协调可持续开展作出了应有的贡献。",
        "开展的后劲愈加厚实。",
        "下一步将重点推进创业园的土地申报、工程落户等工作。",
        "仍存在的缺乏以及下半年的工作思路。",
        "本着系责于心的原那么，创新开拓。",
        "财政总收入到达12亿元。",
        "从市统计局最终反响的数字看，任务全部完成。",
        "实际需求与方案指标相比，缺口较大。",
        "为全县发展作出了重要奉献。",
        "现代效劳业不断做精。",
    ],
)
def test_converter_look_alikes_are_found_even_in_a_clean_document(text):
    """A strong context says the word is the converter's, whatever the rest of the document."""
    assert _of(text, KIND_CONVERTER), text


@pytest.mark.parametrize(
    "text",
    [
        "深入开展平安创建活动，全县社会总体和谐稳定。",
        "率先在全市开展用群众工作统揽信访工作。",
        "加快推进水利工程建设，确保汛前完工。",
        "印发了实施方案，明确了责任分工。",
        "由于缺乏资金，部分项目进展缓慢。",
        "实施民生工程，办好十件实事。",
        "各项工作有序开展。",
        "发扬无私奉献精神。",
        "活动在社会上引起强烈反响。",
        "局部地区出现强降雨。",
        "救援队伍及时到达现场。",
        "各项创建活动开展得有声有色。",
        "开展食品质量检测，确保舌尖上的安全。",
        "细化方案内容，完善产业发展方案和招生方案。",
        "资金缺乏和人才短缺制约着企业。",
        "到广阔农村去，到群众中去。",
    ],
)
def test_right_uses_of_the_same_words_are_never_flagged(text):
    """开展活动, 开展工作, 工程建设, 方案 (a real plan), 缺乏资金 … are right, even in a converted draft."""
    assert _of(text, KIND_CONVERTER, CONVERTED) == [], text
    assert _of(text, KIND_CONVERTER, CLEAN) == [], text


def test_an_adverb_shared_by_both_words_is_no_sign_in_a_clean_document():
    assert _of("科学开展常态化补水，统筹配置水资源。", KIND_CONVERTER, CLEAN) == []
    assert _of("深化工程审批制度改革。", KIND_CONVERTER, CLEAN) == []
    carried_out = (
        "开展规划修编，完善空间布局。",
        "开展质量提升，打造精品。",
        "在全社会开展移风易俗。",
        "在城乡开展环境卫生整治。",
    )
    for text in carried_out:
        assert _of(text, KIND_CONVERTER, CLEAN) == [], text
    assert _of("结合全市产业开展规划，加快推进。", KIND_CONVERTER, CLEAN) == [("开展", "发展")]
    assert _of("科学开展常态化补水，统筹配置水资源。", KIND_CONVERTER, CONVERTED) == [("开展", "发展")]


def test_ambiguous_pairs_are_offered_only_in_a_converted_document_and_with_more_confidence_there():
    text = "确保一批重大工程从明年元月开始陆续开工。聚焦开展优质主导产业。"
    assert _of(text, KIND_CONVERTER, CLEAN) == []
    found = [s for s in proofread(text, profile=CONVERTED) if s.kind == KIND_CONVERTER]
    assert [(s.original, s.replacement) for s in found] == [("工程", "项目"), ("开展", "发展")]
    strong = "保持了健康快速的开展势头。"
    clean_conf = proofread(strong, profile=CLEAN)[0].confidence
    converted_conf = proofread(strong, profile=CONVERTED)[0].confidence
    assert converted_conf > clean_conf


def test_certain_signs_mark_a_document_as_converted():
    assert document_profile(["本着原那么。", "现代效劳业。", "根底设施建设。"]).converted
    assert not document_profile(["本着原则。现代服务业。"]).converted
    assert not document_profile(["现代效劳业。"]).converted


def test_the_replacement_keeps_a_longer_word_intact():
    """各项目标 came back as 各工程标: replacing 工程 restores 项目标."""
    (s,) = [s for s in proofread("完成了政府工作的各工程标任务。", profile=CLEAN) if s.kind == KIND_CONVERTER]
    assert s.reason == "疑似格式转换错词：工程→项目"
    assert "完成了政府工作的各" + s.replacement + "标任务。" == "完成了政府工作的各项目标任务。"


# --- punctuation -----------------------------------------------------------------------------


def test_a_lost_closing_quote_is_put_back_where_the_sentence_makes_it_clear():
    cases = {
        "均实现“双过半，财政总收入完成亿元。": "“双过半”",
        "本着“系责于心、履责为民的原则，创新开拓。": "“系责于心、履责为民”",
        "不断完善“六大指挥部、五位一体的重大重点项目推进机制，确保见效。": "“六大指挥部、五位一体”",
        "紧紧围绕“两区两基地的战略定位以及确定的奋斗目标，加快推进。": "“两区两基地”",
        "紧紧围绕“建设现代化综合新城战略目标，强力推进。": "“建设现代化综合新城”",
    }
    for text, expected in cases.items():
        (s,) = _of_obj(text, KIND_UNPAIRED)
        fixed = text[: s.start] + s.replacement + text[s.end :]
        assert expected in fixed, (text, fixed)


def _of_obj(text, kind):
    return [s for s in proofread(text, profile=CLEAN) if s.kind == kind]


def test_an_unclear_unmatched_mark_is_flagged_only():
    (s,) = _of_obj("他说“我们要把这件事情办好的决心和信心都很足并且一定要做到，", KIND_UNPAIRED)
    assert s.replacement is None and s.original == "“"
    (s,) = _of_obj("全县（含开发区完成投资。", KIND_UNPAIRED)
    assert s.replacement is None and s.original == "（"
    (s,) = _of_obj("全县完成投资》亿元。", KIND_UNPAIRED)
    assert s.original == "》"


def test_matched_marks_even_over_a_line_break_are_not_flagged():
    assert _of_obj("“双向\n揭榜\n挂帅”的简称；《政府工作报告》（草案）", KIND_UNPAIRED) == []


def test_half_width_punctuation_between_chinese_characters():
    assert _of("经研究,决定召开会议;会期一天:上午听取汇报", KIND_HALFWIDTH) == [
        (",", "，"),
        (";", "；"),
        (":", "："),
    ]
    assert _of("各位代表:\n现在", KIND_HALFWIDTH) == [(":", "：")]
    assert _of("完成投资(含外资)，比例(1:5)。", KIND_HALFWIDTH) == [("(", "（"), (")", "）")]


def test_half_width_punctuation_outside_chinese_text_is_left_alone():
    assert _of("完成3,000万元，比例为1:5，网址www.a.cn,邮箱a@b.cn。(1)加强", KIND_HALFWIDTH) == []
    assert _of("红星美凯龙?徐水国际商业中心", KIND_HALFWIDTH) == []


def test_mixed_percent_signs_follow_the_document_majority():
    profile = document_profile(["增长5%，增长6%，增长7％。"])
    assert _of_obj_p("增长7％。", profile) == [("％", "%")]
    assert _of_obj_p("增长5%，增长6%。", document_profile(["增长5%，增长6%。"])) == []


def _of_obj_p(text, profile):
    return [(s.original, s.replacement) for s in proofread(text, profile=profile) if s.kind == KIND_PERCENT]


def test_doubled_characters():
    found = _of("占一般公共预算收入的的比重。。做好了了工作", KIND_DOUBLED)
    assert found == [("的的", "的"), ("。。", "。"), ("了了", "了")]
    assert _of("的的确确，不了了之。为了了解实情，达到目的的手段。", KIND_DOUBLED) == []


def test_spaces_inside_chinese_text():
    assert _of("扎实做好“六稳” 工作，全面落实“六保”任务，确保经济平稳运行。", KIND_SPACE) == [(" ", "")]
    # A signature line, a name separated on purpose, a clean document's separator: left alone.
    assert _of("县长 袁大海", KIND_SPACE) == []
    assert _of("举办全民健身工程系列活动 河北涞源站、全国青少年比赛等赛事。", KIND_SPACE) == []
    converted = "全县经济社会保持了健康快速 的发展势头，各项工作稳步推进落实。"
    assert _of(converted, KIND_SPACE, CONVERTED) == [(" ", "")]


def test_digits_glued_to_a_placeholder_are_flagged_not_corrected():
    assert _of("社会消费品零售总额完成XX3亿元，同比增长XX％。", KIND_GLUED) == [("XX3", None)]
    assert _of("20XX年工作回顾", KIND_GLUED) == []


def test_suggestions_never_overlap_and_point_at_their_original():
    text = SAMPLES.joinpath("004.utf8.txt").read_text(encoding="utf-8")
    result = parse_draft(text.encode("utf-8"), filename="004.txt")
    for section in result.sections:
        last = -1
        for s in proofread(section.body, profile=CONVERTED):
            assert section.body[s.start : s.end] == s.original
            assert s.start >= last
            last = s.end


def test_listing_gives_ten_characters_around_each_suggestion():
    result = parse_draft("书记讲话\n存在的缺乏以及下半年的工作思路。".encode(), filename="a.txt")
    (item,) = [i for i in proofread_listing(result) if i["kind"] == KIND_CONVERTER]
    assert item["original"] == "缺乏" and item["replacement"] == "不足"
    assert item["before"] == "存在的" and item["after"] == "以及下半年的工作思路"
    assert set(item) >= {"original", "replacement", "kind", "reason", "before", "after"}


# --- the figures of the issue, on the gold --------------------------------------------------


def _bench():
    spec = importlib.util.spec_from_file_location("proofread_accuracy", ROOT / "bench" / "proofread_accuracy.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_seed_004_precision_and_recall_meet_the_targets():
    bench = _bench()
    gold = json.loads(bench.GOLD.read_text(encoding="utf-8"))
    result = parse_draft(SAMPLES.joinpath("004.utf8.txt").read_bytes(), filename="004.utf8.txt")
    score = bench.score_seed(result, gold)
    assert score["precision"] >= 0.95, score["false"]
    assert score["recall"] >= 0.90, score["missed"]


def test_clean_public_reports_have_at_most_one_false_suggestion_per_20000_characters():
    bench = _bench()
    reviewed = json.loads(bench.REVIEWED.read_text(encoding="utf-8"))
    for path in sorted((SAMPLES / "public").glob("0[0-9][0-9].txt")):
        score = bench.score_public(path, reviewed.get(path.name, []))
        assert len(score["false"]) <= score["allowed"], (path.name, score["false"])
