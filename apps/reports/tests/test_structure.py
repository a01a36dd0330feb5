"""Structure corrections (升级 / 降级, 修改标题, 改为标题, 改为正文) and their undo."""

import io

import docx
import pytest

from apps.core.errors import PermissionDeniedError, StateError
from apps.exporting.services import report_export_docx
from apps.reports.models import ParseCorrection, Placeholder, PlaceholderChange, Section, SectionStatus
from apps.reports.services import placeholder_fill
from apps.reports.services_correction_history import correction_undo
from apps.reports.services_structure import (
    section_change_level,
    section_edit_heading,
    section_merge_into_previous,
    section_split,
)
from apps.review.models import SectionTransition

pytestmark = pytest.mark.django_db


def _tree(report):
    return [(s.level, s.marker, s.heading, s.parent.heading if s.parent else None) for s in report.sections.all()]


PARSED = [
    (0, "", "", None),
    (1, "一、", "2018年工作情况", None),
    (2, "（一）", "经济运行稳中趋好", "2018年工作情况"),
    (1, "二、", "存在问题", None),
]


def test_demote_then_promote_renumbers_and_reparents_and_export_follows(report, drafter):
    """GIVEN 一、 with （一） under it, then 二、 WHEN 二、 is demoted THEN it is （二） under 一、, in the export too;
    WHEN promoted again THEN the parse's tree is back; each step is one history row."""
    assert _tree(report) == PARSED
    second = report.sections.get(marker="二、")
    demote = section_change_level(section=second, delta=1, user=drafter)
    assert _tree(report)[3] == (2, "（二）", "存在问题", "2018年工作情况")
    assert demote.action == "level" and demote.user == drafter and "降级" in demote.summary
    data, _ = report_export_docx(report=report, user=drafter, draft=True)
    texts = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert "（二）存在问题" in texts and "二、存在问题" not in texts

    section_change_level(section=second, delta=-1, user=drafter)
    assert _tree(report) == PARSED
    assert ParseCorrection.objects.filter(action="level").count() == 2


def test_a_heading_moves_with_the_headings_under_it(report, drafter):
    first = report.sections.get(marker="一、")
    section_change_level(section=first, delta=1, user=drafter)
    assert _tree(report)[1:] == [
        (2, "（一）", "2018年工作情况", None),
        (3, "1.", "经济运行稳中趋好", "2018年工作情况"),
        (1, "一、", "存在问题", None),
    ]
    assert list(report.sections.values_list("number", flat=True))[1:] == ["一", "1", "一"]
    with pytest.raises(StateError, match="一级标题"):
        section_change_level(section=report.sections.get(heading="存在问题"), delta=-1, user=drafter)


def test_undo_of_a_level_change_restores_the_tree_unless_something_changed_since(report, drafter):
    second = report.sections.get(marker="二、")
    demote = section_change_level(section=second, delta=1, user=drafter)
    promote = section_change_level(section=second, delta=-1, user=drafter)
    with pytest.raises(StateError, match="无法撤销"):
        correction_undo(correction=demote, user=drafter)
    correction_undo(correction=promote, user=drafter)
    assert _tree(report)[3] == (2, "（二）", "存在问题", "2018年工作情况")
    correction_undo(correction=demote, user=drafter)
    assert _tree(report) == PARSED


def test_editing_a_heading_number_and_text_keeps_its_blanks(report, drafter):
    section = report.sections.get(marker="二、")
    correction = section_edit_heading(section=section, marker="三、", heading="存在的主要问题", user=drafter)
    section.refresh_from_db()
    assert (section.marker, section.number, section.heading) == ("三、", "三", "存在的主要问题")
    assert "存在的主要问题" in correction.summary
    correction_undo(correction=correction, user=drafter)
    section.refresh_from_db()
    assert (section.marker, section.heading) == ("二、", "存在问题")


def test_splitting_at_a_paragraph_makes_a_heading_and_moves_the_blanks_with_their_values(report, drafter):
    """GIVEN （一） whose second paragraph holds the projects blank (filled 12) WHEN that paragraph becomes a heading
    THEN a new section follows with the blank in its heading and its value and history; undo merges it back."""
    section = report.sections.get(marker="（一）")
    projects = section.placeholders.get(label="引进项目（个）")
    placeholder_fill(placeholder=projects, value="12", user=drafter)
    section.body += "\n1．加强监管。全年检查20次。"
    section.save()
    new = section_split(section=section, paragraph=2, user=drafter)
    assert (new.level, new.marker, new.heading, new.heading_end, new.body) == (
        3,
        "1.",
        "加强监管",
        "。",
        "全年检查20次。",
    )
    assert new.parent_id == section.pk and new.inline_body
    first = section_split(section=section, paragraph=1, user=drafter)
    projects.refresh_from_db()
    assert (projects.section_id, projects.field, projects.offset, projects.value) == (first.pk, "heading", 4, "12")
    assert PlaceholderChange.objects.get(placeholder=projects).section_id == first.pk
    section.refresh_from_db()
    assert section.body == "全县生产总值完成XX亿元，同比增长XX，居全市第XX位。"
    assert [s.heading for s in report.sections.all()][2:] == [
        "经济运行稳中趋好",
        "引进项目XX个",
        "加强监管",
        "存在问题",
    ]

    correction_undo(
        correction=ParseCorrection.objects.get(action="split", after__tree__has_key=str(first.pk)), user=drafter
    )
    projects.refresh_from_db()
    assert (projects.section_id, projects.field, projects.value) == (section.pk, "body", "12")
    section.refresh_from_db()
    assert section.body.startswith("全县生产总值") and "引进项目XX个。" in section.body
    assert section.body[projects.offset : projects.offset + 2] == "XX"
    assert not Section.objects.filter(pk=first.pk).exists()


def test_merging_a_heading_into_the_section_before_and_undoing_it(report, drafter, reviewer):
    """GIVEN 二、 with an implicit blank and a review history WHEN its heading becomes text THEN its heading and
    body are paragraphs at the end of （一） with the blank in place; undo brings the section back with its id and
    history."""
    second = report.sections.get(marker="二、")
    implicit = second.placeholders.get()
    placeholder_fill(placeholder=implicit, value="3.5", user=drafter)
    SectionTransition.objects.create(
        section=second,
        user=drafter,
        action="submit",
        from_status="draft",
        to_status="submitted",
        section_version=second.version,
    )
    previous = section_merge_into_previous(section=second, user=drafter)
    assert previous.marker == "（一）"
    previous.refresh_from_db()
    assert previous.body.endswith("引进项目XX个。\n二、存在问题\n财政收入完成亿元。")
    implicit.refresh_from_db()
    assert implicit.section_id == previous.pk and previous.body[implicit.offset - 6 : implicit.offset] == "财政收入完成"
    assert not Section.objects.filter(pk=second.pk).exists()

    correction = ParseCorrection.objects.get(action="merge")
    correction_undo(correction=correction, user=drafter)
    assert _tree(report) == PARSED
    restored = Section.objects.get(pk=second.pk)
    implicit.refresh_from_db()
    assert (implicit.section_id, implicit.offset, implicit.value) == (second.pk, 6, "3.5")
    assert restored.transitions.count() == 1
    previous.refresh_from_db()
    assert previous.body.endswith("引进项目XX个。")


def test_structure_changes_refuse_other_users_and_locked_sections(report, drafter, reviewer, outsider):
    second = report.sections.get(marker="二、")
    for user in (reviewer, outsider):
        with pytest.raises(PermissionDeniedError):
            section_change_level(section=second, delta=1, user=user)
        with pytest.raises(PermissionDeniedError):
            section_merge_into_previous(section=second, user=user)
    second.status = SectionStatus.APPROVED
    second.save()
    with pytest.raises(StateError, match="审核通过"):
        section_change_level(section=second, delta=1, user=drafter)
    # demoting 一、 would renumber the approved 二、 (一、 → its number): refused, naming it
    first = report.sections.get(marker="一、")
    with pytest.raises(StateError, match="存在问题"):
        section_change_level(section=first, delta=1, user=drafter)
    assert _tree(report) == PARSED and not ParseCorrection.objects.exists()
    assert Placeholder.objects.count() == 5


def test_assignments_follow_a_split_and_come_back_after_undoing_a_merge(report, admin_user, drafter):
    from apps.accounts.models import Department
    from apps.review.models import Assignment
    from apps.review.services_assignment import assignment_set

    finance = Department.objects.create(organization=report.organization, name="财政局")
    drafter.membership.departments.add(finance)
    section = report.sections.get(marker="（一）")
    assignment_set(section=section, user=admin_user, department=finance, include_children=False)
    new = section_split(section=section, paragraph=1, user=drafter)
    assert Assignment.objects.get(section=new).department == finance
    section_merge_into_previous(section=new, user=drafter)
    assert not Assignment.objects.filter(section_id=new.pk).exists()
    correction_undo(correction=ParseCorrection.objects.get(action="merge"), user=drafter)
    assert Assignment.objects.get(section_id=new.pk).department == finance


def test_comments_follow_a_merged_heading_and_come_back_on_undo(report, admin_user, drafter):
    from apps.review.models import Comment

    section = report.sections.get(marker="（一）")
    new = section_split(section=section, paragraph=1, user=drafter)
    comment = Comment.objects.create(section=new, author=admin_user, body="这一段的数字请再核对")
    previous = section_merge_into_previous(section=new, user=drafter)
    assert Comment.objects.get(pk=comment.pk).section_id == previous.pk
    correction_undo(correction=ParseCorrection.objects.get(action="merge"), user=drafter)
    assert Comment.objects.get(pk=comment.pk).section_id == new.pk
