"""上传新版草稿: typed values carried to the blank with the same surroundings, statuses kept or reset, a summary."""

import dataclasses

import pytest

from apps.core.errors import PermissionDeniedError, StateError
from apps.notifications.models import Notification
from apps.parsing.types import ParseResult, Section
from apps.reports.models import Placeholder, PlaceholderChange, Report, ReportChange, SectionStatus
from apps.reports.services import placeholder_fill, report_create_from_parse
from apps.reports.services_lifecycle import report_delete
from apps.reports.services_revision import report_revise_from_parse
from apps.reports.tests.factories import ph
from apps.review.models import SectionTransition

pytestmark = pytest.mark.django_db

BODY = "全县生产总值完成XX亿元，同比增长XX%。全市排名第XX位。\n引进项目XX个。"
KINDS = {"亿元": ("number", "亿元", "生产总值（亿元）"), "%": ("percent", "%", "增速"), "位": ("rank", None, "排名")}
KINDS.update({"个": ("number", "个", "项目（个）"), "户": ("number", "户", "企业（户）")})


def _blanks(text):
    out, start = [], 0
    while (i := text.find("XX", start)) >= 0:
        nxt = text[i + 2]
        kind, unit, label = KINDS.get(nxt, KINDS["亿元"] if text[i + 2 : i + 4] == "亿元" else ("number", None, "数"))
        out.append(ph("XX", kind, i, unit, label))
        start = i + 2
    return tuple(out)


def _result(body1=BODY, body2="财政收入完成XX亿元。", extra=None) -> ParseResult:
    sections = [
        Section(level=0, number="", marker="", heading="", heading_end="", inline_body=False, body="导语。"),
        Section(level=1, number="一", marker="一、", heading="经济运行", heading_end="", inline_body=False, body=body1),
        Section(level=1, number="二", marker="二、", heading="财政", heading_end="", inline_body=False, body=body2),
    ]
    if extra:
        sections.append(
            Section(
                level=1, number="三", marker="三、", heading="新的一节", heading_end="", inline_body=False, body=extra
            )
        )
    sections = [dataclasses.replace(s, placeholders=_blanks(s.body)) if "XX" in s.body else s for s in sections]
    return ParseResult(title="县政府2026年工作总结", sections=tuple(sections), indicators=())


@pytest.fixture
def filled(org, drafter, reviewer):
    """GIVEN a report with 一、 (4 blanks) and 二、 (1 blank) all filled, both sections approved by the reviewer."""
    report = report_create_from_parse(organization=org, user=drafter, result=_result())
    values = {"生产总值（亿元）": "520.3", "增速": "6.5", "排名": "3", "项目（个）": "12", "数": "40"}
    for p in Placeholder.objects.filter(report=report):
        value = "40" if p.section.marker == "二、" else values[p.label]
        placeholder_fill(placeholder=p, value=value, user=drafter)
    for section in report.sections.filter(level=1):
        section.status = SectionStatus.APPROVED
        section.save()
        SectionTransition.objects.create(
            section=section,
            user=reviewer,
            action="approve",
            from_status="submitted",
            to_status="approved",
            section_version=section.version,
        )
    return report


def _values(report):
    return {p.label + "@" + p.section.marker: p.value for p in Placeholder.objects.filter(report=report)}


def test_one_sentence_changed_carries_every_other_value_and_resets_only_that_section(filled, drafter, reviewer):
    """GIVEN the filled, approved report WHEN a revision drops the ranking sentence, rewords the projects sentence
    (adding a blank) and adds a section THEN the other values sit on their blanks (same rows, history kept), the
    rank's value is dropped with its old value and history, the new blanks are listed, 一、 is back in 草稿 (its
    approver told, the step recorded) and 二、 stays approved at its version."""
    ids = {p.label: p.pk for p in Placeholder.objects.filter(report=filled)}
    second = filled.sections.get(marker="二、")
    body = "全县生产总值完成XX亿元，同比增长XX%。\n今年新引进项目XX个，新增企业XX户。"
    change = report_revise_from_parse(
        report=filled, result=_result(body1=body, extra="新增投资XX亿元。"), user=drafter, source_name="第二稿.docx"
    )
    values = _values(filled)
    assert values["生产总值（亿元）@一、"] == "520.3" and values["增速@一、"] == "6.5"
    assert values["项目（个）@一、"] == "12" and values["生产总值（亿元）@二、"] == "40"
    assert values["企业（户）@一、"] == "" and values["生产总值（亿元）@三、"] == ""
    assert Placeholder.objects.get(pk=ids["增速"]).value == "6.5"  # the same row: its history stays
    assert PlaceholderChange.objects.filter(placeholder_id=ids["增速"], new_value="6.5").exists()
    assert not Placeholder.objects.filter(pk=ids["排名"]).exists()

    summary = ReportChange.objects.get(pk=change.pk).after
    assert [(d["label"], d["value"]) for d in summary["dropped"]] == [("排名", "3")]
    assert summary["dropped"][0]["snapshot"]["changes"][0]["new_value"] == "3"  # readable in the history
    assert "第【3】位" in summary["dropped"][0]["context"]
    assert sorted(n["label"] for n in summary["new"]) == ["企业（户）", "生产总值（亿元）"]
    assert len(summary["carried"]) == 4

    first = filled.sections.get(marker="一、")
    assert first.status == SectionStatus.DRAFT
    second_now = filled.sections.get(marker="二、")
    assert second_now.pk == second.pk and second_now.status == SectionStatus.APPROVED
    assert second_now.version == second.version
    assert summary["reset"] == ["一、经济运行"]
    assert SectionTransition.objects.filter(section=first, action="reopen", from_status="approved").exists()
    note = Notification.objects.get(recipient=reviewer, kind=Notification.Kind.REVISED)
    assert "一、经济运行" in note.body
    filled.refresh_from_db()
    assert filled.source_name == "第二稿.docx"
    assert list(filled.sections.order_by("order").values_list("marker", flat=True)) == ["", "一、", "二、", "三、"]


def test_the_same_draft_again_changes_no_status_and_carries_everything(filled, drafter, reviewer):
    before = _values(filled)
    change = report_revise_from_parse(report=filled, result=_result(), user=drafter)
    assert _values(filled) == before
    assert change.after["dropped"] == [] and change.after["new"] == [] and change.after["reset"] == []
    assert set(filled.sections.filter(level=1).values_list("status", flat=True)) == {SectionStatus.APPROVED}
    assert not Notification.objects.filter(kind=Notification.Kind.REVISED).exists()


def test_a_value_that_no_longer_fits_the_blanks_kind_is_dropped_not_forced(filled, drafter):
    """二、's blank becomes a rank (位): 40 fits; a name would not fit a rank, 12.5 does not either."""
    p = Placeholder.objects.get(report=filled, section__marker="二、")
    p.value = "12.5"
    p.save()
    change = report_revise_from_parse(report=filled, result=_result(body2="财政收入完成XX位。"), user=drafter)
    assert [d["value"] for d in change.after["dropped"]] == ["12.5"]
    assert Placeholder.objects.get(report=filled, section__marker="二、").value == ""


def test_moved_sentences_and_reordered_sections_still_match(filled, drafter):
    """A sentence moved to another place of its section, a blank found by its surroundings, not its position."""
    body = "引进项目XX个。\n全县生产总值完成XX亿元，同比增长XX%。全市排名第XX位。"
    report_revise_from_parse(report=filled, result=_result(body1=body), user=drafter)
    values = _values(filled)
    assert values["项目（个）@一、"] == "12" and values["排名@一、"] == "3" and values["增速@一、"] == "6.5"


@pytest.mark.parametrize("who", ["drafter2", "reviewer", "outsider"])
def test_only_the_creator_and_admins_may_upload_a_revision(filled, who, request):
    with pytest.raises(PermissionDeniedError):
        report_revise_from_parse(report=filled, result=_result(), user=request.getfixturevalue(who))
    assert not ReportChange.objects.exists()


def test_a_deleted_or_finalized_report_takes_no_revision(filled, drafter, admin_user):
    Report.objects.filter(pk=filled.pk).update(status=Report.Status.FINALIZED)
    with pytest.raises(StateError, match="定稿"):
        report_revise_from_parse(report=filled, result=_result(), user=admin_user)
    Report.objects.filter(pk=filled.pk).update(status=Report.Status.DRAFTING)
    report_delete(report=filled, user=admin_user)
    with pytest.raises(StateError, match="回收站"):
        report_revise_from_parse(report=filled, result=_result(), user=admin_user)


def test_the_titles_blank_keeps_its_value_when_the_new_draft_retitles(org, drafter):
    """The report keeps its own title (and the value typed in its blank) when the revised draft's title differs."""
    result = _result()
    title = "XX县2026年工作总结"
    preamble = dataclasses.replace(result.sections[0], placeholders=(ph("XX", "name", 0, label="县名", field="title"),))
    first = dataclasses.replace(result, title=title, sections=(preamble, *result.sections[1:]))
    report = report_create_from_parse(organization=org, user=drafter, result=first)
    blank = Placeholder.objects.get(report=report, field="title")
    placeholder_fill(placeholder=blank, value="城关", user=drafter)
    second = dataclasses.replace(first, title="XX县2026年工作总结（二稿）")
    change = report_revise_from_parse(report=report, result=second, user=drafter)
    report.refresh_from_db()
    assert report.title == title and Placeholder.objects.get(pk=blank.pk).value == "城关"
    assert change.after["dropped"] == []
    orders = list(Placeholder.objects.filter(section__report=report, section__level=0).values_list("order", flat=True))
    assert sorted(orders) == list(range(len(orders)))


def test_merging_a_large_report_stays_fast(org, drafter):
    """50 sections of 40 blanks each, every value typed, one sentence changed: carried in seconds, not minutes."""
    import time

    from apps.reports.tests.factories import big_result

    result = big_result(sections=50, per_section=40)
    report = report_create_from_parse(organization=org, user=drafter, result=result)
    Placeholder.objects.filter(report=report).update(value="1")
    started = time.perf_counter()
    change = report_revise_from_parse(report=report, result=result, user=drafter)
    assert time.perf_counter() - started < 20
    assert len(change.after["carried"]) == 2000 and change.after["dropped"] == []


def test_a_correction_made_before_a_revision_is_no_longer_undone(org, drafter):
    """Its snapshot is of the old text: after a revised draft, undo refuses with a reason instead of guessing."""
    from apps.reports.services_correction_history import correction_undo
    from apps.reports.services_corrections import placeholder_dismiss

    report = report_create_from_parse(organization=org, user=drafter, result=_result())
    correction = placeholder_dismiss(placeholder=Placeholder.objects.filter(report=report).first(), user=drafter)
    report_revise_from_parse(report=report, result=_result(), user=drafter)
    with pytest.raises(StateError, match="新版草稿"):
        correction_undo(correction=correction, user=drafter)
