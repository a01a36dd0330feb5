import pytest
from django.urls import reverse

from apps.reports.models import PlaceholderChange, Section, SectionStatus


@pytest.fixture
def section(report):
    return report.sections.get(marker="（一）")


def _url(section):
    return reverse("reports:section_detail", args=[section.report_id, section.pk])


def test_the_report_page_lists_sections_with_status_and_empty_counts(login, drafter, report):
    page = login(drafter).get(report.get_absolute_url()).content.decode()
    assert "（一）经济运行稳中趋好" in page and "二、存在问题" in page
    assert "4/4" in page and "1/1" in page  # empty / total per section
    assert "草稿" in page


def test_the_section_page_shows_each_placeholder_as_an_input_in_its_sentence(login, drafter, section):
    page = login(drafter).get(_url(section)).content.decode()
    gdp = section.placeholders.get(role="value")
    assert "全县生产总值完成" in page
    field = page.index(f'name="ph_{gdp.pk}"')
    assert page.rindex("全县生产总值完成", 0, field) < field < page.index("亿元，同比增长", field)
    assert 'aria-label="全县生产总值（亿元）"' in page


def test_saving_valid_values_stores_them_and_shows_the_history(login, drafter, section):
    client = login(drafter)
    gdp, growth, rank, projects = section.placeholders.order_by("order")
    response = client.post(
        _url(section),
        {f"ph_{gdp.pk}": "1,234.5", f"ph_{growth.pk}": "7.2%", f"ph_{rank.pk}": "3", f"ph_{projects.pk}": ""},
    )
    assert response.status_code == 302
    gdp.refresh_from_db()
    growth.refresh_from_db()
    assert (gdp.value, growth.value, growth.display_value) == ("1234.5", "7.2", "7.2%")
    assert PlaceholderChange.objects.filter(section=section).count() == 3
    page = client.get(_url(section)).content.decode()
    assert "已保存，3 项有变化。" in page and "1234.5" in page and "drafter" in page


def test_invalid_values_are_shown_next_to_the_field_and_nothing_is_saved(login, drafter, section):
    client = login(drafter)
    gdp, _, rank, _ = section.placeholders.order_by("order")
    response = client.post(_url(section), {f"ph_{gdp.pk}": "100", f"ph_{rank.pk}": "零"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "位次应为正整数" in page
    assert page.index(f'name="ph_{rank.pk}"') < page.index("位次应为正整数")
    assert 'value="100"' in page  # what the user typed is kept on the page
    assert not PlaceholderChange.objects.exists()


def test_an_approved_section_is_shown_read_only_and_refuses_posts(login, drafter, section):
    Section.objects.filter(pk=section.pk).update(status=SectionStatus.APPROVED)
    client = login(drafter)
    page = client.get(_url(section)).content.decode()
    assert "内容已锁定" in page and 'name="ph_' not in page
    gdp = section.placeholders.get(role="value")
    client.post(_url(section), {f"ph_{gdp.pk}": "1"})
    gdp.refresh_from_db()
    assert gdp.value == ""


def test_return_without_a_comment_shows_an_error(login, drafter, reviewer, section):
    from apps.reports.services import section_fill
    from apps.review.services import section_submit

    section_fill(section=section, values={p.pk: "1" for p in section.placeholders.all()}, user=drafter)
    section_submit(section=section, user=drafter)
    client = login(reviewer)
    response = client.post(
        reverse("review:section_return", args=[section.report_id, section.pk]), {"comment": ""}, follow=True
    )
    assert "这个字段是必填项" in response.content.decode() or "必须填写" in response.content.decode()
    section.refresh_from_db()
    assert section.status == SectionStatus.SUBMITTED


def test_pages_use_a_constant_number_of_queries(login, drafter, report, django_assert_max_num_queries, section):
    client = login(drafter)
    with django_assert_max_num_queries(20):
        client.get(report.get_absolute_url())
    with django_assert_max_num_queries(25):
        client.get(_url(section))


def test_a_drafters_home_page_lists_their_assignments(login, drafter, admin_user, report):
    from apps.accounts.services import department_create
    from apps.review.services_assignment import assignment_set

    department = department_create(actor=admin_user, name="发改局")
    drafter.membership.departments.add(department)
    section = report.sections.get(marker="（一）")
    assignment_set(section=section, user=admin_user, department=department)
    page = login(drafter).get(reverse("reports:report_list")).content.decode()
    assert "我的任务" in page and "发改局" in page and section.get_absolute_url() in page
