import pytest

from apps.core.errors import ConflictError, PermissionDeniedError, StateError
from apps.reports.models import Placeholder, PlaceholderChange, Section, SectionStatus
from apps.reports.services import FillErrors, placeholder_fill, report_replace_from_parse, section_fill
from apps.reports.tests.factories import sample_result
from apps.reports.values import ValueInvalid


def test_report_from_parse_builds_the_section_tree(report):
    sections = list(report.sections.order_by("order"))
    assert [(s.level, s.marker, s.heading) for s in sections] == [
        (0, "", ""),
        (1, "一、", "2018年工作情况"),
        (2, "（一）", "经济运行稳中趋好"),
        (1, "二、", "存在问题"),
    ]
    assert sections[2].parent == sections[1]
    assert sections[1].parent is None and sections[3].parent is None
    assert report.placeholders.count() == 5
    gdp = report.placeholders.get(label="全县生产总值（亿元）")
    assert gdp.indicator.name == "生产总值" and gdp.indicator.scope == "全县"
    assert report.indicators.get().placeholders.count() == 3


def test_replacing_a_report_from_a_parse_leaves_exactly_one_set_of_rows(report):
    report_replace_from_parse(report=report, result=sample_result())
    report_replace_from_parse(report=report, result=sample_result())
    assert report.sections.count() == 4
    assert Placeholder.objects.filter(report=report).count() == 5
    assert report.indicators.count() == 1


def test_filling_a_placeholder_records_who_when_old_and_new(report, drafter, drafter2):
    ph = report.placeholders.get(label="全县生产总值（亿元）")
    placeholder_fill(placeholder=ph, value="１２３.40", user=drafter)
    placeholder_fill(placeholder=ph, value="130", user=drafter2)
    ph.refresh_from_db()
    assert ph.value == "130" and ph.version == 2 and ph.filled_by == drafter2
    changes = list(PlaceholderChange.objects.filter(placeholder=ph).order_by("id"))
    assert [(c.user, c.old_value, c.new_value) for c in changes] == [
        (drafter, "", "123.4"),
        (drafter2, "123.4", "130"),
    ]
    assert ph.section.__class__.objects.get(pk=ph.section_id).version == 3


def test_saving_the_same_value_again_writes_no_history(report, drafter):
    ph = report.placeholders.first()
    placeholder_fill(placeholder=ph, value="1", user=drafter)
    placeholder_fill(placeholder=ph, value="1", user=drafter)
    assert PlaceholderChange.objects.filter(placeholder=ph).count() == 1


def test_a_stale_version_is_refused_and_nothing_changes(report, drafter, drafter2):
    ph = report.placeholders.first()
    placeholder_fill(placeholder=ph, value="1", user=drafter, expected_version=0)
    with pytest.raises(ConflictError) as exc:
        placeholder_fill(placeholder=ph, value="2", user=drafter2, expected_version=0)
    assert exc.value.current.value == "1"
    ph.refresh_from_db()
    assert ph.value == "1"


def test_an_invalid_value_is_refused_and_the_previous_value_stays(report, drafter):
    rank = report.placeholders.get(kind="rank")
    placeholder_fill(placeholder=rank, value="3", user=drafter)
    with pytest.raises(ValueInvalid):
        placeholder_fill(placeholder=rank, value="第三点五", user=drafter)
    rank.refresh_from_db()
    assert rank.value == "3"


def test_section_fill_is_all_or_nothing(report, drafter):
    section = report.sections.get(marker="（一）")
    phs = list(section.placeholders.order_by("order"))
    with pytest.raises(FillErrors) as exc:
        section_fill(section=section, values={phs[0].pk: "100", phs[2].pk: "abc"}, user=drafter)
    assert set(exc.value.errors) == {phs[2].pk}
    assert not Placeholder.objects.filter(section=section).exclude(value="").exists()
    assert section_fill(section=section, values={phs[0].pk: "100", phs[2].pk: "2"}, user=drafter) == 2


def test_an_approved_section_cannot_be_filled(report, drafter):
    section = report.sections.get(marker="（一）")
    Section.objects.filter(pk=section.pk).update(status=SectionStatus.APPROVED)
    with pytest.raises(StateError):
        placeholder_fill(placeholder=section.placeholders.first(), value="1", user=drafter)


def test_users_of_another_organisation_and_reviewers_cannot_fill(report, outsider, reviewer):
    ph = report.placeholders.first()
    with pytest.raises(PermissionDeniedError):
        placeholder_fill(placeholder=ph, value="1", user=outsider)
    with pytest.raises(PermissionDeniedError):
        placeholder_fill(placeholder=ph, value="1", user=reviewer)


def test_placeholders_in_the_title_are_kept_and_shown_on_the_preamble(org, drafter, client):
    from apps.parsing import parse_draft
    from apps.reports.services import report_create_from_parse

    text = "XX县2018年工作总结\n今年以来，全县生产总值完成XX亿元。\n一、主要工作\n引进项目XX个。\n"
    result = parse_draft(text.encode(), filename="t.txt")
    report = report_create_from_parse(organization=org, user=drafter, result=result)
    title_ph = report.placeholders.get(field="title")
    assert report.title[title_ph.offset : title_ph.offset + 2] == "XX"
    client.force_login(drafter)
    page = client.get(report.sections.get(level=0).get_absolute_url()).content.decode()
    assert f'name="ph_{title_ph.pk}"' in page
    # A title typed by the user replaces the parsed one: its placeholders do not apply.
    other = report_create_from_parse(organization=org, user=drafter, result=result, title="示范县2018年工作总结")
    assert not other.placeholders.filter(field="title").exists()


def test_only_the_assigned_department_fills_an_assigned_section(report, drafter, drafter2, admin_user):
    from apps.accounts.services import department_create
    from apps.review.services_assignment import assignment_set

    department = department_create(actor=admin_user, name="统计局")
    drafter.membership.departments.add(department)
    section = report.sections.get(marker="（一）")
    assignment_set(section=section, user=admin_user, department=department)
    ph = section.placeholders.first()
    with pytest.raises(PermissionDeniedError):
        placeholder_fill(placeholder=ph, value="1", user=drafter2)
    placeholder_fill(placeholder=ph, value="1", user=drafter)
    ph.refresh_from_db()
    assert ph.value == "1"
