"""Issue 13 item 13 in Chromium: a refusal is shown in Chinese, beside the field for an autosave."""

import pytest

from apps.accounts.models import Department
from apps.reports.models import Placeholder
from apps.review.services_assignment import assignment_set

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_403_on_autosave_is_shown_in_chinese_beside_the_field(
    page, live_server, sign_in, report, drafter, admin_user, org, shots
):
    """GIVEN a drafter has （一） open WHEN an admin assigns it to 财政局 (not theirs) and the drafter then types
    a value THEN the autosave is refused and the reason 本节已分配给其他责任单位… appears beside the field, in
    Chinese; nothing is saved."""
    section = report.sections.get(marker="（一）")
    gdp = section.placeholders.get(role="value")
    sign_in(drafter)
    page.goto(f"{live_server.url}{section.get_absolute_url()}")
    assignment_set(
        section=section, user=admin_user, department=Department.objects.create(organization=org, name="财政局")
    )
    page.fill(f"input[name=ph_{gdp.pk}]", "123.4")
    page.dispatch_event(f"input[name=ph_{gdp.pk}]", "change")
    note = page.locator(f"#ph-{gdp.pk} .htmx-error-inline")
    note.wait_for()
    assert "本节已分配给其他责任单位" in note.inner_text() and "未保存" in note.inner_text()
    assert "Forbidden" not in page.content()
    assert page.get_attribute(f"input[name=ph_{gdp.pk}]", "aria-invalid") == "true"
    assert Placeholder.objects.get(pk=gdp.pk).value == ""
    page.screenshot(path=str(shots / "error-inline-403.png"))


def test_a_404_page_is_in_chinese(page, live_server, sign_in, report, drafter):
    sign_in(drafter)
    response = page.goto(f"{live_server.url}/reports/{report.pk + 999}/")
    assert response.status == 404
    assert "页面不存在" in page.inner_text("#error-page")
    assert page.locator("nav.navbar").count() == 1  # the user keeps the menu
