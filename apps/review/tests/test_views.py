"""The review screens over HTTP."""

import datetime as dt

from django.urls import reverse

from apps.reports.models import Section, SectionStatus
from apps.review.models import Comment, PlaceholderLeftOpen
from apps.review.services import section_approve, section_submit, section_withdraw
from apps.review.services_assignment import assignment_set
from apps.review.services_comment import comment_create
from apps.review.tests.conftest import fill


def _section_url(section):
    return reverse("reports:section_detail", args=[section.report_id, section.pk])


def _dashboard(report):
    return reverse("review:report_dashboard", args=[report.pk])


def test_the_dashboard_lists_every_section_with_its_review_state(
    login, report, section, section2, admin_user, finance, drafter, reviewer
):
    assignment_set(section=section, user=admin_user, department=finance, assignee=drafter, due_date=dt.date(2020, 1, 2))
    comment_create(section=section, user=reviewer, body="请核实")
    page = login(reviewer).get(_dashboard(report)).content.decode()
    row = page[page.index(f'data-section="{section.pk}"') :]
    row = row[: row.index("</tr>")]
    assert "财政局" in row and "drafter" in row and "已逾期" in row and "4/4" in row and "草稿" in row
    assert 'bg-warning text-dark">1<' in row  # one open comment
    assert "章节审核通过 <strong>0</strong> / 4" in page
    assert "待填项已填 <strong>0</strong> / 5" in page
    assert "暂不能定稿" in page and "还有 4 个章节未审核通过" in page and "还有 5 个待填项未填写" in page


def test_the_dashboard_filters_by_status_and_department(login, report, section, section2, admin_user, finance, drafter):
    assignment_set(section=section, user=admin_user, department=finance, assignee=drafter)
    fill(section, drafter)
    section_submit(section=section, user=drafter)
    client = login(drafter)
    page = client.get(_dashboard(report), {"status": "submitted"}).content.decode()
    assert f'data-section="{section.pk}"' in page and f'data-section="{section2.pk}"' not in page
    page = client.get(_dashboard(report), {"department": finance.pk}).content.decode()
    assert f'data-section="{section.pk}"' in page and f'data-section="{section2.pk}"' not in page
    page = client.get(_dashboard(report), {"department": 0}).content.decode()
    assert f'data-section="{section.pk}"' not in page and f'data-section="{section2.pk}"' in page


def test_the_export_button_becomes_available_when_everything_is_approved(login, report, drafter, reviewer):
    for section in report.sections.all():
        if section.placeholders.exists():
            fill(section, drafter)
        section_submit(section=section, user=drafter)
        section_approve(section=section, user=reviewer)
    client = login(reviewer)
    page = client.get(_dashboard(report)).content.decode()
    assert 'id="export-final"' in page and "暂不能定稿" not in page
    # A POST button (a link could be prefetched and would finalize the report behind everyone's back).
    assert f'action="{reverse("exporting:report_finalize", args=[report.pk])}"' in page and "定稿并导出" in page
    assert f'href="{reverse("exporting:report_export", args=[report.pk])}"' not in page


def test_the_report_page_says_why_the_final_export_is_not_possible(login, report, reviewer):
    page = login(reviewer).get(report.get_absolute_url()).content.decode()
    assert "还有 4 个章节未审核通过" in page and "审核总览" in page


def test_my_assignments_lists_mine_with_progress_and_overdue_marks(
    login, report, part, section, section2, admin_user, finance, stats, finance_drafter
):
    assignment_set(section=part, user=admin_user, department=finance, due_date=dt.date(2020, 1, 1))
    assignment_set(section=section2, user=admin_user, department=stats)
    fill(section, finance_drafter, **{"引进项目（个）": ""})
    page = login(finance_drafter).get(reverse("review:my_assignments")).content.decode()
    assert "（一）经济运行稳中趋好" in page and "二、存在问题" not in page
    assert "3/4" in page and "已逾期" in page and "未完成 2 项" in page


def test_the_section_page_shows_the_review_block_for_each_role(login, section, drafter, reviewer):
    page = login(drafter).get(_section_url(section)).content.decode()
    assert 'id="submit-form"' in page and "还有 4 个待填项未填写" in page and 'id="approve-form"' not in page
    fill(section, drafter)
    section_submit(section=section, user=drafter)
    section.refresh_from_db()
    page = login(reviewer).get(_section_url(section)).content.decode()
    assert 'id="approve-form"' in page and 'id="submit-form"' not in page
    assert f'name="seen_version" value="{section.version}"' in page


def test_submitting_with_empty_placeholders_needs_a_reason(login, section, drafter):
    client = login(drafter)
    url = reverse("review:section_submit", args=[section.report_id, section.pk])
    page = client.post(url, {"left_open_reason": ""}, follow=True).content.decode()
    assert "4 个待填项未填写" in page
    assert Section.objects.get(pk=section.pk).status == SectionStatus.DRAFT
    client.post(url, {"left_open_reason": "统计年报未出"})
    assert Section.objects.get(pk=section.pk).status == SectionStatus.SUBMITTED
    assert PlaceholderLeftOpen.objects.count() == 4
    page = client.get(_section_url(section)).content.decode()
    assert "有意留空" in page and "统计年报未出" in page


def test_a_stale_approval_shows_the_character_diff(login, section, drafter, reviewer):
    """GIVEN a reviewer opened a submitted section WHEN the drafter withdraws it, changes 12.5 to 13.5 and
    submits again before the reviewer approves THEN the approval is refused with 409 and the page shows the
    change per character."""
    fill(section, drafter)
    section_submit(section=section, user=drafter)
    client = login(reviewer)
    page = client.get(_section_url(section)).content.decode()
    seen_version = page.split('name="seen_version" value="')[1].split('"')[0]
    seen_point = page.split('name="seen_point" value="')[1].split('"')[0]
    section_withdraw(section=section, user=drafter)
    fill(section, drafter, **{"全县生产总值（亿元）": "13.5"})
    section_submit(section=section, user=drafter)
    url = reverse("review:section_approve", args=[section.report_id, section.pk])
    response = client.post(url, {"comment": "", "seen_version": seen_version, "seen_point": seen_point})
    assert response.status_code == 409, [str(m) for m in response.wsgi_request._messages]
    page = response.content.decode()
    assert "内容又有修改" in page
    assert (
        '<del class="text-danger bg-danger-subtle">2</del><ins class="text-success bg-success-subtle">3</ins>' in page
    )
    assert Section.objects.get(pk=section.pk).status == SectionStatus.SUBMITTED
    new_version = page.split('name="seen_version" value="')[1].split('"')[0]
    client.post(url, {"comment": "", "seen_version": new_version})
    assert Section.objects.get(pk=section.pk).status == SectionStatus.APPROVED


def test_comments_over_http(login, section, drafter, reviewer):
    gdp = section.placeholders.get(role="value")
    client = login(reviewer)
    url = reverse("review:comment_create", args=[section.report_id, section.pk])
    response = client.post(url, {"body": "请与统计局核对", "placeholder": gdp.pk})
    comment = Comment.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"#comment-{comment.pk}")
    assert comment.placeholder == gdp
    client = login(drafter)
    client.post(reverse("review:comment_reply", args=[section.report_id, comment.pk]), {"body": "已核对"})
    page = client.get(_section_url(section)).content.decode()
    assert "请与统计局核对" in page and "已核对" in page and "全县生产总值（亿元）" in page
    response = client.post(reverse("review:comment_resolve", args=[section.report_id, comment.pk]))
    assert response.status_code == 403  # a drafter resolves only their own comments
    client = login(reviewer)
    client.post(reverse("review:comment_resolve", args=[section.report_id, comment.pk]))
    comment.refresh_from_db()
    assert comment.is_resolved


def test_the_assign_page(login, report, part, section, admin_user, finance):
    client = login(admin_user)
    url = reverse("review:report_assign", args=[report.pk])
    assert "分配章节" in client.get(url).content.decode()
    response = client.post(
        url, {"section": part.pk, "department": finance.pk, "due_date": "2026-12-01", "include_children": "on"}
    )
    assert response.status_code == 302
    assert section.assignment.department == finance
    response = client.post(url, {"section": part.pk})
    assert "请选择责任单位或负责人" in response.content.decode()
    client.post(url, {"section": part.pk, "clear": "on", "include_children": "on"})
    assert not report.assignments.exists()


def test_review_pages_use_a_bounded_number_of_queries(
    login, report, section, section2, admin_user, finance, drafter, reviewer, django_assert_max_num_queries
):
    assignment_set(section=section, user=admin_user, department=finance, assignee=drafter)
    for body in ("一", "二", "三"):
        comment_create(section=section, user=reviewer, body=body)
    client = login(admin_user)
    with django_assert_max_num_queries(12):
        client.get(_dashboard(report))
    with django_assert_max_num_queries(12):
        client.get(reverse("review:report_assign", args=[report.pk]))
    with django_assert_max_num_queries(10):
        client.get(reverse("review:my_assignments"))
    with django_assert_max_num_queries(30):
        client.get(_section_url(section))
