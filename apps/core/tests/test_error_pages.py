"""Issue 13 item 13: 403, 404, 500 and CSRF pages in Chinese that say why; htmx requests get the reason as text."""

import pytest
from django.test import Client, override_settings
from django.urls import path, reverse

from apps.review.services_assignment import assignment_set
from config import urls as project_urls


def _boom(request):
    raise RuntimeError("boom")


# The project's urls (and so its handler500) plus a view that fails.
urlpatterns = [path("boom/", _boom), *project_urls.urlpatterns]
handler500 = project_urls.handler500


@pytest.fixture
def assigned_elsewhere(report, admin_user, org):
    from apps.accounts.models import Department

    section = report.sections.get(marker="（一）")
    finance = Department.objects.create(organization=org, name="财政局")
    assignment_set(section=section, user=admin_user, department=finance)
    return section


def test_a_403_page_is_in_chinese_and_gives_the_services_reason(login, drafter2, assigned_elsewhere):
    section = assigned_elsewhere
    response = login(drafter2).post(
        reverse("reports:section_detail", args=[section.report_id, section.pk]), {"ph_1": "1"}
    )
    page = response.content.decode()
    assert response.status_code == 403
    assert 'lang="zh-CN"' in page and "无权操作" in page and "本节已分配给其他责任单位" in page
    assert "Forbidden" not in page


def test_an_htmx_403_is_the_reason_as_text_for_beside_the_field(login, drafter2, assigned_elsewhere):
    section = assigned_elsewhere
    ph = section.placeholders.first()
    response = login(drafter2).post(
        reverse("reports:placeholder_field", args=[section.report_id, ph.pk]),
        {f"ph_{ph.pk}": "1", "version": "0"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 403 and response["X-Error-Inline"] == "1"
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode() == "本节已分配给其他责任单位或人员，您不能填写或提交。"


def test_a_404_page_is_in_chinese(login, drafter, report):
    response = login(drafter).get(reverse("reports:report_detail", args=[report.pk + 999]))
    page = response.content.decode()
    assert response.status_code == 404 and "页面不存在" in page and "不属于您所在的单位" in page
    assert "Not Found" not in page and "matches the given query" not in page


@override_settings(ROOT_URLCONF="apps.core.tests.test_error_pages")
def test_a_500_page_is_in_chinese_also_for_htmx(db):
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500 and "服务器出错" in response.content.decode()
    assert "Server Error" not in response.content.decode()
    response = client.get("/boom/", HTTP_HX_REQUEST="true")
    assert response.status_code == 500 and response["X-Error-Inline"] == "1"
    assert "服务器出错" in response.content.decode()


def test_a_csrf_failure_says_the_page_expired_in_chinese(drafter, report):
    client = Client(enforce_csrf_checks=True)
    client.force_login(drafter)
    section = report.sections.get(marker="（一）")
    response = client.post(reverse("reports:section_detail", args=[report.pk, section.pk]), {})
    assert response.status_code == 403 and "页面已过期" in response.content.decode()
    assert "CSRF verification failed" not in response.content.decode()
