"""Blank corrections (不是待填项, 添加待填项, 修改类型和单位, a marker removed in 修改正文) and their undo."""

import pytest

from apps.accounts.models import Department
from apps.core.errors import PermissionDeniedError, ServiceError, StateError
from apps.reports.models import ParseCorrection, Placeholder, PlaceholderChange, SectionStatus
from apps.reports.services import placeholder_fill, section_edit_body
from apps.reports.services_correction_history import correction_undo
from apps.reports.services_corrections import (
    placeholder_add,
    placeholder_dismiss,
    placeholder_retype,
)
from apps.reports.tokens import tokenize
from apps.review.models import Comment
from apps.review.services_assignment import assignment_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def section(report):
    return report.sections.get(marker="（一）")


def _ph(section, n):
    return section.placeholders.order_by("order")[n]


def test_dismissing_an_empty_blank_leaves_its_characters_in_the_text_and_is_undoable(section, drafter):
    """GIVEN the projects blank "XX个" WHEN it is not a blank THEN the text still reads XX个, the blank is gone,
    the later blanks are renumbered, one history row says who and what; undo brings it back with its id."""
    projects = _ph(section, 3)
    body = section.body
    correction = placeholder_dismiss(placeholder=projects, user=drafter)
    section.refresh_from_db()
    assert section.body == body
    assert not Placeholder.objects.filter(pk=projects.pk).exists()
    assert list(section.placeholders.order_by("order").values_list("order", flat=True)) == [0, 1, 2]
    assert correction.user == drafter and correction.action == "dismiss"
    assert correction.before["placeholder"]["id"] == projects.pk and "引进项目" in correction.summary

    undo = correction_undo(correction=correction, user=drafter)
    restored = Placeholder.objects.get(pk=projects.pk)
    assert (restored.offset, restored.raw, restored.kind, restored.order) == (projects.offset, "XX", "number", 3)
    correction.refresh_from_db()
    assert correction.undone_by == drafter and correction.undone_at is not None
    assert undo.action == "undo" and undo.undo_of == correction
    with pytest.raises(StateError, match="已撤销"):
        correction_undo(correction=correction, user=drafter)


def test_dismissing_an_implicit_blank_makes_it_disappear(report, drafter):
    section = report.sections.get(marker="二、")
    implicit = section.placeholders.get()
    placeholder_dismiss(placeholder=implicit, user=drafter)
    section.refresh_from_db()
    assert section.body == "财政收入完成亿元。" and not section.placeholders.exists()


def test_dismissing_a_filled_blank_needs_the_confirmation_naming_its_value(section, drafter):
    """GIVEN a filled blank WHEN dismissed without confirming THEN refused with the value named, nothing changes;
    WHEN confirmed with that value THEN dropped, its value history kept in the correction and back on undo."""
    gdp = _ph(section, 0)
    placeholder_fill(placeholder=gdp, value="12.5", user=drafter)
    Comment.objects.create(section=section, placeholder=gdp, author=drafter, body="请核对")
    with pytest.raises(StateError, match=r"12\.5") as refused:
        placeholder_dismiss(placeholder=gdp, user=drafter)
    assert refused.value.code == "confirm"
    with pytest.raises(StateError):
        placeholder_dismiss(placeholder=gdp, user=drafter, confirm_value="99")
    assert Placeholder.objects.filter(pk=gdp.pk).exists()

    correction = placeholder_dismiss(placeholder=gdp, user=drafter, confirm_value="12.5")
    assert "12.5" in correction.summary
    assert correction.before["placeholder"]["changes"][0]["new_value"] == "12.5"
    assert Comment.objects.get(body="请核对").placeholder is None  # the remark stays on the section

    correction_undo(correction=correction, user=drafter)
    gdp.refresh_from_db()
    assert gdp.value == "12.5"
    assert list(PlaceholderChange.objects.filter(placeholder=gdp).values_list("new_value", flat=True)) == ["12.5"]
    assert Comment.objects.get(body="请核对").placeholder == gdp


def test_undoing_a_dismissal_is_refused_once_the_text_there_changed(section, drafter):
    projects = _ph(section, 3)
    correction = placeholder_dismiss(placeholder=projects, user=drafter)
    section.refresh_from_db()
    text = tokenize(section.body, list(section.placeholders.all())).replace("引进项目XX个", "引进项目若干个")
    section_edit_body(section=section, text=text, user=drafter)
    with pytest.raises(StateError, match="文字已被修改"):
        correction_undo(correction=correction, user=drafter)
    assert not Placeholder.objects.filter(pk=projects.pk).exists()


def test_adding_a_blank_at_the_cursor_proposes_kind_unit_and_label_as_the_parser(report, drafter):
    section = report.sections.get(level=0)
    section.body = "今年以来，全县经济社会平稳发展，财政收入完成亿元。"
    section.save()
    at = section.body.index("亿元")
    placeholder = placeholder_add(section=section, field="body", start=at, end=at, user=drafter)
    assert (placeholder.kind, placeholder.unit, placeholder.raw, placeholder.implicit) == ("number", "亿元", "", True)
    assert placeholder.label == "财政收入（亿元）" and placeholder.value == ""
    correction = ParseCorrection.objects.get(action="add")
    assert correction.after["placeholder_id"] == placeholder.pk and correction.user == drafter

    correction_undo(correction=correction, user=drafter)
    assert not Placeholder.objects.filter(pk=placeholder.pk).exists()


def test_a_selected_number_becomes_the_new_blanks_value(report, drafter):
    section = report.sections.get(level=0)
    section.body = "全县粮食产量达到12.5万吨，同比增长3.2%。"
    section.save()
    start = section.body.index("3.2")
    placeholder = placeholder_add(section=section, field="body", start=start, end=start + 3, user=drafter)
    assert (placeholder.kind, placeholder.unit, placeholder.raw, placeholder.value) == ("percent", "%", "3.2", "3.2")
    assert PlaceholderChange.objects.get(placeholder=placeholder).new_value == "3.2"
    section.refresh_from_db()
    assert section.body == "全县粮食产量达到12.5万吨，同比增长3.2%。"
    # the blank comes first in the 【#n】 numbering of 修改正文, by its place in the text
    start = section.body.index("12.5")
    first = placeholder_add(section=section, field="body", start=start, end=start + 4, user=drafter)
    assert (first.order, first.unit) == (0, "万吨")
    assert tokenize(section.body, list(section.placeholders.all())) == "全县粮食产量达到【#1】万吨，同比增长【#2】%。"


def test_a_blank_cannot_be_added_over_another_or_across_paragraphs(section, drafter):
    gdp = _ph(section, 0)
    with pytest.raises(ServiceError, match="已是待填项"):
        placeholder_add(section=section, field="body", start=gdp.offset, end=gdp.offset + 1, user=drafter)
    newline = section.body.index("\n")
    with pytest.raises(ServiceError, match="跨段落"):
        placeholder_add(section=section, field="body", start=newline - 1, end=newline + 2, user=drafter)
    with pytest.raises(ServiceError, match="不在正文中"):
        placeholder_add(section=section, field="body", start=0, end=10_000, user=drafter)
    assert section.placeholders.count() == 4


def test_changing_kind_to_name_lets_a_name_be_filled_and_the_label_follows(section, drafter):
    """The issue's 建成省级园区XX个（XX）: the second XX is a name typed as a number."""
    projects = _ph(section, 3)
    with pytest.raises(Exception, match="数"):
        placeholder_fill(placeholder=projects, value="城关镇", user=drafter)
    placeholder, dropped = placeholder_retype(placeholder=projects, kind="name", unit="", user=drafter)
    assert (placeholder.kind, placeholder.unit, dropped) == ("name", "", "")
    assert placeholder.label == "引进项目（名称）" and placeholder.indicator is None
    placeholder_fill(placeholder=placeholder, value="城关镇", user=drafter)
    correction = ParseCorrection.objects.get(action="retype")
    assert correction.before["kind"] == "number" and correction.after["kind"] == "name"


def test_retyping_keeps_valid_values_and_clears_invalid_ones_into_the_history(section, drafter):
    gdp, growth, _rank, projects = section.placeholders.order_by("order")
    placeholder_fill(placeholder=growth, value="7", user=drafter)
    placeholder_fill(placeholder=projects, value="12", user=drafter)
    kept, dropped = placeholder_retype(placeholder=growth, kind="number", unit="个百分点", user=drafter)
    assert (kept.value, dropped) == ("7", "")
    assert kept.full_label.endswith("（个百分点）")
    kept, dropped = placeholder_retype(placeholder=projects, kind="date", unit="月", user=drafter)
    assert (kept.value, dropped, kept.label) == ("12", "", "月份")
    # a name is never a valid year: the value goes, the user is told, the history keeps it
    placeholder_fill(placeholder=gdp, value="12.5", user=drafter)
    cleared, dropped = placeholder_retype(placeholder=gdp, kind="year", unit="年", user=drafter)
    assert (cleared.value, dropped) == ("", "12.5")
    assert PlaceholderChange.objects.filter(placeholder=gdp, old_value="12.5", new_value="").exists()
    correction = ParseCorrection.objects.filter(action="retype", before__placeholder_id=gdp.pk).get()
    assert "12.5" in correction.summary

    correction_undo(correction=correction, user=drafter)
    gdp.refresh_from_db()
    assert (gdp.kind, gdp.unit, gdp.value, gdp.label) == ("number", "亿元", "12.5", "全县生产总值（亿元）")
    assert gdp.indicator_id is not None and gdp.role == "value"


def test_removing_a_filled_blanks_marker_in_the_body_edit_needs_confirmation(section, drafter):
    """GIVEN 【#4】 filled with 12 WHEN the edit removes it THEN refused naming 12; WHEN confirmed THEN the blank is
    gone with its characters, the others keep their values and places, and a history row keeps the 12."""
    gdp, growth, rank, projects = section.placeholders.order_by("order")
    placeholder_fill(placeholder=projects, value="12", user=drafter)
    placeholder_fill(placeholder=gdp, value="100", user=drafter)
    text = tokenize(section.body, [gdp, growth, rank, projects]).replace("引进项目【#4】个。", "引进项目若干个。")
    with pytest.raises(ServiceError, match="12") as refused:
        section_edit_body(section=section, text=text, user=drafter)
    assert refused.value.code == "confirm_drop"
    assert Placeholder.objects.filter(pk=projects.pk).exists()

    section_edit_body(section=section, text=text, user=drafter, confirm_drop=True)
    section.refresh_from_db()
    assert section.body.endswith("引进项目若干个。")
    assert not Placeholder.objects.filter(pk=projects.pk).exists()
    gdp.refresh_from_db()
    assert gdp.value == "100" and section.body[gdp.offset : gdp.offset + 2] == "XX"
    drop = ParseCorrection.objects.get(action="edit_drop")
    assert "12" in drop.summary and drop.before["placeholder"]["value"] == "12" and not drop.can_undo
    # the edit's history uses the new numbering, so the diff still reads right
    assert section.text_changes.get().new_text.count("【#") == 3


def test_unknown_or_repeated_markers_are_still_refused_even_when_one_is_missing(section, drafter):
    text = tokenize(section.body, list(section.placeholders.all())).replace("【#4】", "【#9】")
    with pytest.raises(ServiceError, match="不存在"):
        section_edit_body(section=section, text=text, user=drafter, confirm_drop=True)


@pytest.fixture
def finance(org):
    return Department.objects.create(organization=org, name="财政局")


def test_who_may_correct(section, admin_user, drafter, drafter2, reviewer, outsider, finance):
    """Drafters of another department, reviewers and users of another organisation are refused in Chinese."""
    assignment_set(section=section, user=admin_user, department=finance)
    drafter.membership.departments.add(finance)
    gdp = _ph(section, 0)
    for user, message in ((drafter2, "其他责任单位"), (reviewer, "审核人"), (outsider, "权限")):
        for call in (
            lambda u: placeholder_dismiss(placeholder=gdp, user=u),
            lambda u: placeholder_add(section=section, field="body", start=0, end=0, user=u),
            lambda u: placeholder_retype(placeholder=gdp, kind="name", unit="", user=u),
        ):
            with pytest.raises(PermissionDeniedError, match=message):
                call(user)
    correction = placeholder_dismiss(placeholder=gdp, user=drafter)
    with pytest.raises(PermissionDeniedError):
        correction_undo(correction=correction, user=drafter2)
    assert not ParseCorrection.objects.filter(action="undo").exists()


@pytest.mark.parametrize("status", [SectionStatus.SUBMITTED, SectionStatus.APPROVED])
def test_a_submitted_or_approved_section_is_not_corrected(section, drafter, status):
    section.status = status
    section.save()
    with pytest.raises(StateError, match="不能纠正"):
        placeholder_dismiss(placeholder=_ph(section, 3), user=drafter)
    with pytest.raises(StateError, match="不能纠正"):
        placeholder_add(section=section, field="body", start=0, end=0, user=drafter)
    assert section.placeholders.count() == 4 and not ParseCorrection.objects.exists()
