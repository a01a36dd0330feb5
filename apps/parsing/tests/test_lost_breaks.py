"""Text whose every paragraph break was lost (issue 17): where headings start and end.

Each rule of ``apps/parsing/lost_breaks.py`` and ``heading_end.py`` with a case it serves and a case
it must leave alone. The documents are one line, as when a converter drops
every break.
"""

from __future__ import annotations

import pytest

from apps.parsing import parse_draft
from apps.parsing.heading_end import CLAUSE_PENALTY, OUTER_FREE_CLAUSES, Stats, best_cuts, cut_candidates
from apps.parsing.lost_breaks import (
    STANDALONE_MIN_LINE,
    _in_sequence,
    _standalone_run,
    _unbalanced,
    cut_summary,
    split_lost_breaks,
)

# Body text in which sentences and clauses open with verbs, as in a report.
BODY = "加强组织领导，推动工作落实，深化改革创新，强化要素保障，确保取得实效。" * 8
OPENING = "各位代表：现在，我代表县人民政府向大会报告工作，请予审议。"


def headings(text: str) -> list[tuple[int, str, str]]:
    result = parse_draft(text.encode("utf-8"))
    return [(s.level, s.number, s.heading) for s in result.sections if s.level]


# --- where a heading starts ---------------------------------------------------


def test_heading_number_after_spaces_after_a_sentence_end_starts_a_heading():
    """Spaces left by ``&nbsp;`` between a sentence end and ``（二）`` do not hide the lost break."""
    line = "一、回顾。" + BODY + "（一）经济运行稳中趋好。" + BODY + "   （二）社会事业全面进步。" + BODY
    assert [p[:5] for p in split_lost_breaks(line)] == ["一、回顾。", "（一）经济", "（二）社会"]


def test_spaces_before_a_list_of_numerals_do_not_start_a_heading():
    line = BODY + "   二、三季度增速回升。" + BODY
    assert split_lost_breaks(line) == [line]


def test_numbers_in_sequence_confirm_each_other():
    """``（三）`` after ``（二）`` is a heading; a ``（三）`` with no ``（二）`` before nor ``（四）`` after is not."""
    assert _in_sequence([(0, "l2", 1), (10, "l2", 2), (20, "l2", 3)]) == [True, True, True]
    assert _in_sequence([(0, "l2", 1), (10, "l2", 3), (20, "l3", 5)]) == [True, False, False]


def test_number_out_of_sequence_inside_the_text_is_no_heading():
    text = OPENING + "一、回顾。" + BODY + "（一）经济运行稳中趋好。" + BODY + "（五）要抓紧办理相关事项。" + BODY
    assert headings(text) == [(1, "一", "回顾"), (2, "一", "经济运行稳中趋好")]


# --- where a standalone heading ends -------------------------------------------


def test_standalone_headings_cut_where_a_sentence_of_the_report_opens():
    """Comma-less siblings longer than inline headings are heading + lead-in: cut before the lead-in's verb."""
    text = (
        OPENING
        + "一、重点工作。"
        + BODY
        + "（一）全力扩大有效投资规模加强重点项目建设。"
        + BODY
        + "（二）持续优化县域营商环境深化重点领域改革。"
        + BODY
        + "（三）着力提升群众民生福祉推动社会事业发展。"
        + BODY
    )
    assert headings(text)[1:] == [
        (2, "一", "全力扩大有效投资规模"),
        (2, "二", "持续优化县域营商环境"),
        (2, "三", "着力提升群众民生福祉"),
    ]


def test_long_paragraph_listing_numbered_points_is_not_cut_inside():
    """A paragraph of a normal draft (not a whole report on one line) keeps a glued point in its text."""
    line = (
        "今年重点抓好以下工作。（一）全力扩大有效投资规模加强重点项目建设。推动工作落实，深化改革创新。"
        "（二）持续优化县域营商环境深化重点领域改革。强化要素保障，确保取得实效。"
        "（三）着力提升群众民生福祉推动社会事业发展。加强组织领导，推动工作落实。"
    )
    assert len(line) < STANDALONE_MIN_LINE
    assert not any(p.endswith("有效投资规模") for p in split_lost_breaks(line))
    assert any(p.endswith("有效投资规模") for p in split_lost_breaks(line + BODY * 4))


def test_inline_headings_end_at_their_sentence_end():
    """Short siblings are headings with their body on the same line: each ends at its ``。``."""
    text = (
        OPENING
        + "一、工作回顾。"
        + BODY
        + "（一）经济运行稳中向好。"
        + BODY
        + "（二）社会事业全面进步。"
        + BODY
        + "（三）生态环境持续改善。"
        + BODY
    )
    assert [h[2] for h in headings(text)[1:]] == ["经济运行稳中向好", "社会事业全面进步", "生态环境持续改善"]


def test_unbalanced_last_clause_holds_a_lead_in():
    assert _unbalanced("突出项目为王，持续扩大有效投资齐心协力招引项目")
    assert not _unbalanced("聚焦项目园区，在壮大县域经济上攻坚突破")
    assert not _unbalanced("聚焦人民至上，奋力打造安居乐业安定有序的幸福家园")  # one phrase, bound by 的


def test_run_of_unbalanced_siblings_is_standalone_balanced_run_is_inline():
    unbalanced = ["突出项目为王，持续扩大有效投资齐心协力招引项目", "围绕富民增收，打造富美善治农村扛牢粮食安全重任"]
    balanced = ["聚焦项目园区，在壮大县域经济上攻坚突破", "聚焦改革创新，在释放发展活力上攻坚突破"]
    assert _standalone_run(0, unbalanced)
    assert not _standalone_run(0, balanced)


def test_run_standalone_when_a_sibling_was_told_by_its_period_or_when_texts_cannot_be_headings():
    assert _standalone_run(2, ["全面加强政府自身建设奋进新征程，建功新时代"])
    assert _standalone_run(0, [None, None, "经济运行稳中向好"])
    assert not _standalone_run(0, ["经济运行稳中向好", "社会事业全面进步"])
    assert not _standalone_run(0, ["经济运行稳中向好", "着力提振市场信心增强社会预期放大经济政策实施效应"])


def test_last_outer_heading_cut_like_its_siblings_told_by_their_period():
    """一、 and 二、 end where their period is named again, so 三、 is a standalone heading too."""
    text = (
        OPENING
        + "一、2021年工作回顾2021年，全县经济平稳。"
        + BODY
        + "二、2022年工作安排2022年是关键之年。"
        + BODY
        + "三、全面加强政府自身建设加强组织领导，推动工作落实。"
        + BODY
    )
    assert [h[2] for h in headings(text)] == ["2021年工作回顾", "2022年工作安排", "全面加强政府自身建设"]


def test_spaces_where_the_break_was_mark_the_cut():
    text = (
        OPENING
        + "一、重点工作。"
        + BODY
        + "（一）突出项目为王，持续扩大有效投资  齐心协力招引项目。"
        + BODY
        + "（二）聚焦风口产业，推动工业提质增效  加快培育新质生产力。"
        + BODY
    )
    assert [h[2] for h in headings(text)[1:]] == ["突出项目为王，持续扩大有效投资", "聚焦风口产业，推动工业提质增效"]


def test_siblings_first_sentences_opening_with_the_same_word():
    """``坚持`` opens every sibling's first sentence and clauses elsewhere: the cut goes before it."""
    # Words of the headings close clauses in this report too: without the shared opening, cuts go wrong.
    stats = Stats(
        "坚持人民至上，坚持稳中求进。坚持系统观念，走深走实，向好势头，动力活力，推动协同，巩固经济，增强发展，" + BODY
    )
    rests = [
        "落实城市总体规划，推动协同发展走深走实坚持战略定位，发挥带动作用。",
        "增强内需主导能力，巩固经济向好势头坚持惠民生和促消费结合，增强拉动作用。",
        "推进改革开放，增强发展动力活力坚持改革攻坚，深化对外开放。",
    ]
    cuts = [rest[: cut[1]] for rest, cut in zip(rests, best_cuts(rests, stats), strict=True)]
    assert cuts == [
        "落实城市总体规划，推动协同发展走深走实",
        "增强内需主导能力，巩固经济向好势头",
        "推进改革开放，增强发展动力活力",
    ]


def test_word_the_sibling_headings_share_is_no_shared_opening():
    """``高质量`` ends every sibling heading but never opens a clause: no cut before it."""
    stats = Stats(BODY + "推动高质量发展，实现高质量发展。")
    rests = [
        "聚焦产业提质增效，强化高质量发展支撑实现发展的潜力在产业，动力在产业。",
        "搭建承接平台，做优高质量发展载体着眼产业需求，强势突破。",
        "建设品质生活之城，打造高质量发展核心城市是人集中生活的地方。",
    ]
    for rest, cut in zip(rests, best_cuts(rests, stats), strict=True):
        assert not rest[cut[1] :].startswith("高质")


# --- page summary --------------------------------------------------------------


def test_page_summary_at_the_top_is_cut_out():
    line = "工作报告时间：2023-01-24阅读：397"
    line += "内容摘要：各位代表：现在，我代表县政府报告工作。一、2021年工作回顾2021年，是开局之......"
    line += "政府工作报告各位代表：" + BODY
    before, summary, after = cut_summary(line)
    assert before == "工作报告时间：2023-01-24阅读：397"
    assert summary.startswith("内容摘要：") and summary.endswith("......")
    assert after.startswith("政府工作报告")


def test_summary_label_inside_the_report_is_kept():
    assert cut_summary(BODY * 6 + "内容摘要：本文介绍了工作情况......") is None
    assert cut_summary("内容摘要：本文介绍了工作情况，没有省略号。" + BODY) is None


def test_no_heading_found_inside_a_page_summary():
    text = (
        "内容摘要：各位代表：现在报告工作。一、2021年工作回顾2021年，是开局之......"
        + OPENING
        + "一、2021年工作回顾2021年，全县经济平稳。"
        + BODY
        + "二、2022年工作安排2022年是关键之年。"
        + BODY
    )
    result = parse_draft(text.encode("utf-8"))
    assert [s.heading for s in result.sections if s.level] == ["2021年工作回顾", "2022年工作安排"]
    assert result.boilerplate_removed[0].startswith("内容摘要：")


@pytest.mark.parametrize("name", ["017", "018"])
def test_real_report_with_every_break_lost_keeps_its_standalone_sub_headings(name):
    """Two published reports, every break dropped: their standalone sub-headings come back, text exact."""
    import json

    from apps.parsing.tests.conftest import SAMPLES

    gold = json.loads((SAMPLES / "public" / f"{name}.gold.json").read_text(encoding="utf-8"))
    lines = (SAMPLES / "public" / f"{name}.draft.txt").read_text(encoding="utf-8").splitlines()
    got = headings("".join(line.strip() for line in lines))
    want = [tuple(h) for h in gold["headings"]]
    assert sum(1 for h in want if h in got) >= 0.8 * len(want)
    assert sum(1 for h in got if h in want) >= 0.9 * len(got)


def test_heading_restating_its_period_never_ends_on_a_particle():
    """``回顾“十三五”，…成就“十三五”时期是…`` ends before the restated period; ``…确定了2020年的…`` does not."""
    told = "一、回顾“十三五”，我们砥砺奋进，全面建成小康社会取得决定性成就“十三五”时期是不平凡的五年。"
    particle = "二、2020年目标任务根据县委全会安排，本着稳中求进的原则，确定了2020年的预期目标。"
    got = [h[2] for h in headings(OPENING + told + BODY + particle + BODY)]
    assert got[0] == "回顾“十三五”，我们砥砺奋进，全面建成小康社会取得决定性成就"
    assert not got[1].endswith("确定了")


def test_outer_heading_prefers_a_cut_in_its_first_clause():
    """An outer heading (一、) is most often one short title: a cut in its second clause costs, not in its first."""
    stats = Stats(BODY)
    rest = "过去五年工作回顾县人大会议以来，面对复杂形势推动工作落实，我们砥砺奋进。"
    sub, outer = (
        dict((p, s) for s, p in cut_candidates(rest, stats)),
        dict((p, s) for s, p in cut_candidates(rest, stats, free=OUTER_FREE_CLAUSES)),
    )
    second = rest.index("，") + 1
    assert all(outer[p] == sub[p] for p in sub if p < second)
    assert all(outer[p] == pytest.approx(sub[p] - CLAUSE_PENALTY) for p in sub if second <= p < rest.rindex("，"))
    assert any(p >= second for p in sub)


def test_inline_heading_with_a_long_list_is_kept_a_long_unpunctuated_run_is_not():
    """In a run of inline headings, a clause long only because of its ``、`` list is a heading's clause."""
    text = (
        OPENING
        + "一、工作回顾。"
        + BODY
        + "（一）聚焦乡村振兴，打造农业高质高效、乡村宜居宜业、农民富裕的示范区。"
        + BODY
        + "（二）聚焦产业发展，打造现代化产业体系。"
        + BODY
        + "（三）聚焦民生事业，提升群众生活品质。"
        + BODY
        + "（四）聚焦生态建设，着力提振市场信心增强社会预期放大经济政策实施效应。"
        + BODY
    )
    got = [h[2] for h in headings(text)[1:]]
    assert got[0] == "聚焦乡村振兴，打造农业高质高效、乡村宜居宜业、农民富裕的示范区"
    assert len(got) == 3
