"""校对建议: built after the parse and after each body edit; accepted through 修改正文's service, rejected, accepted
in bulk; refused to whoever may not change the text."""

from __future__ import annotations

import pytest
from django.http import Http404

from apps.core.errors import ConflictError, PermissionDeniedError, StateError
from apps.parsing import parse_draft
from apps.proofreading.models import Suggestion
from apps.proofreading.selectors import suggestion_get_for_user
from apps.proofreading.services import suggestion_accept, suggestion_reject, suggestions_accept_all
from apps.reports.models import Section, SectionTextChange
from apps.reports.services import placeholder_fill, report_create_from_parse, section_edit_body
from apps.reports.tokens import tokenize

# A converted draft: certain signs (效劳, 根底, 原那么) make the ambiguous pairs count too.
DRAFT = """县政府工作总结

一、经济运行
全县经济社会保持了健康快速的开展势头,财政总收入到达XX亿元。现代效劳业不断做强,根底设施不断完善,坚持原那么不动摇。
二、存在问题
存在的缺乏以及下一步打算。深入开展平安创建活动。
"""


@pytest.fixture
def report(org, drafter):
    result = parse_draft(DRAFT.encode(), filename="draft.txt")
    return report_create_from_parse(organization=org, user=drafter, result=result)


def _section(report, marker):
    return report.sections.get(marker=marker)


def _open(section, original=None, kind=None):
    qs = Suggestion.objects.filter(section=section, status=Suggestion.Status.OPEN)
    if original:
        qs = qs.filter(original=original)
    if kind:
        qs = qs.filter(kind=kind)
    return list(qs.order_by("start"))


def test_parsing_a_report_builds_its_suggestions(report):
    first = _section(report, "一、")
    originals = {s.original for s in _open(first)}
    assert {"开展", "到达", "效劳", "根底", "原那么", ","} <= originals
    second = _section(report, "二、")
    assert [s.original for s in _open(second, kind="converter")] == ["缺乏"]  # 开展…活动 is right


def test_accepting_goes_through_the_text_edit_and_keeps_the_placeholder_next_to_it(report, drafter):
    """GIVEN a filled blank right after 到达
    WHEN the suggestion 到达→达到 is accepted
    THEN the body changes, the blank keeps its value and sits after 达到, the edit is in the history
    and the section's version went up."""
    section = _section(report, "一、")
    blank = section.placeholders.get()
    placeholder_fill(placeholder=blank, value="12.5", user=drafter)
    section.refresh_from_db()
    version = section.version
    (suggestion,) = _open(section, "到达")

    suggestion_accept(suggestion=suggestion, user=drafter)

    section.refresh_from_db()
    blank.refresh_from_db()
    assert "财政总收入达到XX亿元" in section.body
    assert section.body[blank.offset : blank.offset + 2] == "XX" and blank.value == "12.5"
    assert section.version == version + 1
    change = SectionTextChange.objects.get(section=section)
    assert "到达" in change.old_text and "达到【#1】亿元" in change.new_text
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.ACCEPTED and suggestion.decided_by == drafter
    # The others were computed again on the new text, and still point at their words.
    for other in _open(section):
        assert section.body[other.start : other.end] == other.original


def test_a_rejected_suggestion_is_not_offered_again_after_an_edit(report, drafter):
    section = _section(report, "二、")
    (suggestion,) = _open(section, "缺乏")
    suggestion_reject(suggestion=suggestion, user=drafter)
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.REJECTED
    with pytest.raises(StateError):
        suggestion_reject(suggestion=suggestion, user=drafter)

    text = tokenize(section.body, []) + "\n另起一段。"
    section_edit_body(section=section, text=text, user=drafter, expected_version=section.version)
    assert _open(section, "缺乏") == []


def test_an_edit_proofreads_the_section_again(report, drafter):
    section = _section(report, "二、")
    text = section.body + "\n这是新增的的一句话。"
    section_edit_body(section=section, text=text, user=drafter, expected_version=section.version)
    assert [s.original for s in _open(section, kind="doubled")] == ["的的"]


def test_a_stale_suggestion_is_not_applied(report, drafter):
    """The text changed behind the suggestion (not through the edit service): accepting it refuses."""
    section = _section(report, "二、")
    (suggestion,) = _open(section, "缺乏")
    Section.objects.filter(pk=section.pk).update(body="前面加了字。" + section.body)
    with pytest.raises(ConflictError):
        suggestion_accept(suggestion=suggestion, user=drafter)
    section.refresh_from_db()
    assert "存在的缺乏" in section.body
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.OPEN


def test_a_flag_only_suggestion_cannot_be_accepted(report, drafter):
    section = _section(report, "二、")
    text = section.body + "\n他说“这件事情我们一定要把它办好办实办到群众心坎上并且让群众满意"
    section_edit_body(section=section, text=text, user=drafter, expected_version=section.version)
    (flag,) = _open(section, kind="unpaired")
    assert flag.flag_only
    with pytest.raises(StateError):
        suggestion_accept(suggestion=flag, user=drafter)


def test_accept_all_of_a_section_is_one_edit(report, drafter):
    section = _section(report, "一、")
    count = len([s for s in _open(section) if not s.flag_only])
    result = suggestions_accept_all(report=report, user=drafter, section=section)
    assert result.accepted == count
    section.refresh_from_db()
    assert section.body.startswith("全县经济社会保持了健康快速的发展势头，财政总收入达到XX亿元。现代服务业")
    assert SectionTextChange.objects.filter(section=section).count() == 1
    assert _open(section) == []


def test_accept_all_of_one_kind_for_the_report(report, drafter):
    result = suggestions_accept_all(report=report, user=drafter, kind="converter")
    assert result.accepted == 6
    assert not Suggestion.objects.filter(report=report, status="open", kind="converter").exists()
    assert Suggestion.objects.filter(report=report, status="open", kind="halfwidth").exists()


def test_accept_all_for_the_report_skips_the_sections_the_user_may_not_change(report, drafter, admin_user):
    from apps.accounts.models import Department
    from apps.review.services_assignment import assignment_set

    finance = Department.objects.create(organization=report.organization, name="财政局")
    closed = _section(report, "一、")
    assignment_set(section=closed, user=admin_user, department=finance)
    result = suggestions_accept_all(report=report, user=drafter)
    assert [s.pk for s in result.refused_sections] == [closed.pk]
    assert _open(closed) and not _open(_section(report, "二、"))


@pytest.mark.parametrize("who", ["reviewer", "other_department"])
def test_who_may_not_change_the_text_may_not_accept_or_reject(report, who, reviewer, drafter2, admin_user):
    from apps.accounts.models import Department
    from apps.review.services_assignment import assignment_set

    section = _section(report, "二、")
    user = reviewer
    if who == "other_department":
        finance = Department.objects.create(organization=report.organization, name="财政局")
        assignment_set(section=section, user=admin_user, department=finance)
        user = drafter2
    (suggestion,) = _open(section, "缺乏")
    with pytest.raises(PermissionDeniedError):
        suggestion_accept(suggestion=suggestion, user=user)
    with pytest.raises(PermissionDeniedError):
        suggestion_reject(suggestion=suggestion, user=user)
    with pytest.raises(PermissionDeniedError):
        suggestions_accept_all(report=report, user=user, section=section)
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.OPEN


def test_another_organisation_does_not_see_the_suggestion(report, outsider):
    suggestion = Suggestion.objects.filter(report=report).first()
    with pytest.raises(Http404):
        suggestion_get_for_user(user=outsider, report_pk=report.pk, pk=suggestion.pk)


def test_a_change_over_a_blank_is_refused_and_nothing_changes(report, drafter):
    section = _section(report, "一、")
    blank = section.placeholders.get()
    start = blank.offset - 2
    suggestion = Suggestion.objects.create(
        report=report,
        section=section,
        kind=Suggestion.Kind.CONVERTER,
        original=section.body[start : blank.offset + 2],
        replacement="达到XX",
        reason="测试",
        start=start,
        end=blank.offset + 2,
        before=section.body[start - 10 : start],
        after=section.body[blank.offset + 2 : blank.offset + 12],
        section_version=section.version,
    )
    body = section.body
    with pytest.raises(StateError):
        suggestion_accept(suggestion=suggestion, user=drafter)
    section.refresh_from_db()
    assert section.body == body


def test_a_heading_suggestion_goes_through_the_heading_edit(org, drafter):
    """GIVEN a heading 开展的后劲愈加厚实 (a converted draft)
    WHEN its suggestion is accepted
    THEN the heading reads 发展的后劲愈加厚实, recorded as a 修改标题 correction, and the body is untouched."""
    from apps.reports.models import ParseCorrection

    draft = "县政府工作总结\n\n一、开展的后劲愈加厚实\n现代效劳业不断做强，根底设施不断完善，坚持原那么不动摇。\n"
    report = report_create_from_parse(
        organization=org, user=drafter, result=parse_draft(draft.encode(), filename="d.txt")
    )
    section = report.sections.get(level=1)
    (suggestion,) = Suggestion.objects.filter(section=section, field="heading")
    assert (suggestion.original, suggestion.replacement) == ("开展", "发展")
    body = section.body
    suggestion_accept(suggestion=suggestion, user=drafter)
    section.refresh_from_db()
    assert section.heading == "发展的后劲愈加厚实" and section.body == body
    assert ParseCorrection.objects.filter(section=section, action=ParseCorrection.Action.HEADING).count() == 1
    assert not Suggestion.objects.filter(section=section, field="heading", status="open").exists()
    assert Suggestion.objects.filter(section=section, field="body", status="open").count() == 3


def test_accept_all_of_a_section_records_heading_and_body_suggestions_as_accepted(org, drafter):
    draft = "县政府工作总结\n\n一、开展的后劲愈加厚实\n现代效劳业不断做强，根底设施不断完善，坚持原那么不动摇。\n"
    report = report_create_from_parse(
        organization=org, user=drafter, result=parse_draft(draft.encode(), filename="d.txt")
    )
    section = report.sections.get(level=1)
    result = suggestions_accept_all(report=report, user=drafter, section=section)
    assert result.accepted == 4
    section.refresh_from_db()
    assert section.heading == "发展的后劲愈加厚实"
    assert section.body == "现代服务业不断做强，基础设施不断完善，坚持原则不动摇。"
    accepted = Suggestion.objects.filter(section=section, status="accepted")
    assert sorted(accepted.values_list("field", flat=True)) == ["body", "body", "body", "heading"]


def test_a_half_width_heading_number_is_corrected_through_the_heading_edit(org, drafter):
    draft = "县政府工作总结\n\n一、总体情况\n全县经济平稳。\n(一)经济运行。全县经济平稳运行。\n"
    report = report_create_from_parse(
        organization=org, user=drafter, result=parse_draft(draft.encode(), filename="d.txt")
    )
    section = report.sections.get(level=2)
    assert section.marker == "(一)"
    markers = Suggestion.objects.filter(section=section, field="marker")
    assert sorted(markers.values_list("original", "replacement")) == [("(", "（"), (")", "）")]
    suggestions_accept_all(report=report, user=drafter, section=section)
    section.refresh_from_db()
    assert section.marker == "（一）" and section.number == "一"
