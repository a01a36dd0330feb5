"""Filling in the browser: keyboard only, autosave, errors, the indicator table, conflicts."""

import pytest

from apps.reports.models import Placeholder
from apps.reports.services import placeholder_fill

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _section_url(live_server, section):
    return f"{live_server.url}{section.get_absolute_url()}"


def _wait_saved(page, ph):
    page.wait_for_selector(f"#ph-{ph.pk}.ph-state-saved")


def test_keyboard_only_filling_saves_each_value_and_survives_a_reload(
    page, live_server, sign_in, report, drafter, shots
):
    """GIVEN a section with four empty placeholders
    WHEN the drafter types values and presses Enter / Tab between them, one value invalid
    THEN each valid value is saved on its own, the invalid one shows a Chinese message and keeps nothing,
         and after a reload the saved values are still there.
    """
    sign_in(drafter)
    section = report.sections.get(marker="（一）")
    gdp, growth, rank, projects = section.placeholders.order_by("order")
    page.goto(_section_url(live_server, section))
    page.focus(f"input[name=ph_{gdp.pk}]")
    page.keyboard.type("１２３.4")
    page.keyboard.press("Enter")
    _wait_saved(page, gdp)
    assert page.evaluate("document.activeElement.name") == f"ph_{growth.pk}"
    page.keyboard.type("7.2%")
    page.keyboard.press("Tab")
    _wait_saved(page, growth)
    assert page.evaluate("document.activeElement.name") == f"ph_{rank.pk}"
    page.keyboard.type("第三点五")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"#ph-{rank.pk} .ph-error")
    assert "位次应为正整数" in page.inner_text(f"#ph-{rank.pk} .ph-error")
    page.focus(f"input[name=ph_{rank.pk}]")
    page.fill(f"input[name=ph_{rank.pk}]", "3")
    page.keyboard.press("Enter")
    _wait_saved(page, rank)
    assert page.inner_text("#section-empty-count") == "未填 1"
    page.screenshot(path=str(shots / "fill-section.png"), full_page=True)

    page.reload()
    assert page.input_value(f"input[name=ph_{gdp.pk}]") == "123.4"
    assert page.input_value(f"input[name=ph_{growth.pk}]") == "7.2"
    assert page.input_value(f"input[name=ph_{rank.pk}]") == "3"
    assert page.input_value(f"input[name=ph_{projects.pk}]") == ""


def test_enter_on_the_last_empty_field_says_the_section_is_done_and_offers_the_next(
    page, live_server, sign_in, report, drafter
):
    """GIVEN a section with one empty field left WHEN the drafter fills it and presses Enter THEN the page
    stays (the value is saved), says 本节已填完 and focuses the offer of the next section; correcting a value
    and pressing Enter does not leave either; Enter on the offer opens the next section at its first empty field."""
    sign_in(drafter)
    section = report.sections.get(marker="（一）")
    gdp, growth, rank, projects = section.placeholders.order_by("order")
    for ph, value in ((gdp, "1"), (growth, "2"), (rank, "3")):
        Placeholder.objects.filter(pk=ph.pk).update(value=value, version=1)
    following = report.sections.get(marker="二、")
    page.goto(_section_url(live_server, section))
    assert not page.is_visible("#section-done")
    page.focus(f"input[name=ph_{projects.pk}]")
    page.keyboard.type("12")
    page.keyboard.press("Enter")
    _wait_saved(page, projects)
    assert page.is_visible("#section-done") and "本节已填完" in page.inner_text("#section-done")
    assert page.evaluate("document.activeElement.id") == "section-done-next"
    assert page.url.endswith(section.get_absolute_url())
    assert Placeholder.objects.get(pk=projects.pk).value == "12"
    # Correcting a value: Enter keeps the user on this page.
    page.fill(f"input[name=ph_{gdp.pk}]", "1.5")
    page.focus(f"input[name=ph_{gdp.pk}]")
    page.keyboard.press("Enter")
    _wait_saved(page, gdp)
    assert page.url.endswith(section.get_absolute_url())
    page.keyboard.press("Enter")  # on the offer of the next section
    page.wait_for_url(f"**{following.get_absolute_url()}#next-empty")
    implicit = following.placeholders.get()
    assert page.evaluate("document.activeElement.name") == f"ph_{implicit.pk}"


def test_the_indicator_table_fills_the_text(page, live_server, sign_in, report, drafter, shots):
    sign_in(drafter)
    section = report.sections.get(marker="（一）")
    growth = section.placeholders.get(role="growth")
    page.goto(f"{live_server.url}/reports/{report.pk}/indicators/")
    page.fill(f"input[name=ph_{growth.pk}]", "6.5")
    page.keyboard.press("Enter")
    _wait_saved(page, growth)
    page.screenshot(path=str(shots / "indicator-table.png"), full_page=True)
    page.goto(_section_url(live_server, section))
    assert page.input_value(f"input[name=ph_{growth.pk}]") == "6.5"


def test_two_people_editing_one_value_see_the_conflict(browser, live_server, report, drafter, drafter2, shots):
    """GIVEN two drafters with the same section open
    WHEN the second saves a value after the first changed it
    THEN the second sees the first's value and who saved it, and chooses to keep theirs.
    """
    from apps.accounts.tests.factories import PASSWORD

    section = report.sections.get(marker="（一）")
    gdp = section.placeholders.get(role="value")
    pages = []
    for user in (drafter, drafter2):
        context = browser.new_context(locale="zh-CN")
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=username]", user.username)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/")
        page.goto(_section_url(live_server, section))
        pages.append(page)
    first, second = pages
    first.fill(f"input[name=ph_{gdp.pk}]", "130")
    first.keyboard.press("Enter")
    _wait_saved(first, gdp)
    second.fill(f"input[name=ph_{gdp.pk}]", "120")
    second.keyboard.press("Enter")
    second.wait_for_selector(f"#ph-{gdp.pk} .ph-conflict")
    text = second.inner_text(f"#ph-{gdp.pk} .ph-conflict")
    assert "已改为“130”" in text and "drafter" in text
    second.screenshot(path=str(shots / "conflict.png"))
    second.click(f"#ph-{gdp.pk} .ph-keep-mine")
    _wait_saved(second, gdp)
    assert Placeholder.objects.get(pk=gdp.pk).value == "120"
    for page in pages:
        page.context.close()


def test_a_change_made_elsewhere_can_be_taken_over(page, live_server, sign_in, report, drafter, drafter2):
    sign_in(drafter)
    section = report.sections.get(marker="（一）")
    gdp = section.placeholders.get(role="value")
    page.goto(_section_url(live_server, section))
    placeholder_fill(placeholder=gdp, value="99", user=drafter2)
    page.fill(f"input[name=ph_{gdp.pk}]", "100")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"#ph-{gdp.pk} .ph-conflict")
    page.click(f"#ph-{gdp.pk} .ph-take-theirs")
    page.wait_for_selector(f"#ph-{gdp.pk}.ph-state-idle")
    assert page.input_value(f"input[name=ph_{gdp.pk}]") == "99"


def _signed_in_page(browser, live_server, user):
    from apps.accounts.tests.factories import PASSWORD

    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    return page


def test_presence_disappears_soon_after_the_other_person_closes_the_tab(
    browser, live_server, report, drafter, drafter2
):
    """GIVEN two drafters with the same section open WHEN one closes the tab THEN 正在查看本节 disappears
    from the other's page within 30 s (here: at its next check-in, 10 s)."""
    import time

    section = report.sections.get(marker="（一）")
    first = _signed_in_page(browser, live_server, drafter)
    first.goto(_section_url(live_server, section))
    second = _signed_in_page(browser, live_server, drafter2)
    second.goto(_section_url(live_server, section))
    second.wait_for_selector("#presence .badge")
    assert "drafter" in second.inner_text("#presence")
    started = time.monotonic()
    first.close(run_before_unload=True)
    second.locator("#presence .badge").wait_for(state="detached", timeout=30_000)
    # The page said it was left (beacon): gone at the next check-in, not after the 25 s expiry.
    assert time.monotonic() - started < 15
    first.context.close()
    second.context.close()


def test_the_whole_page_save_does_not_overwrite_a_newer_value(browser, live_server, report, drafter, drafter2, shots):
    """GIVEN a drafter has the section open in a browser without JavaScript (where only 「保存」 saves)
    WHEN a colleague saves 全县生产总值 = 20 meanwhile and the drafter then saves the page with 13 and 7.5
    THEN 7.5 is saved, 20 is kept, the page answers 409 with the choice beside 生产总值; saving again keeps 13."""
    from apps.accounts.tests.factories import PASSWORD

    section = report.sections.get(marker="（一）")
    gdp = section.placeholders.get(role="value")
    growth = section.placeholders.get(role="growth")
    context = browser.new_context(locale="zh-CN", java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", drafter.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(_section_url(live_server, section))
    placeholder_fill(placeholder=gdp, value="20", user=drafter2)
    page.fill(f"input[name=ph_{gdp.pk}]", "13")
    page.fill(f"input[name=ph_{growth.pk}]", "7.5")
    with page.expect_navigation() as navigation:
        page.click("#fill-save")
    assert navigation.value.status == 409
    assert "已被他人修改" in page.inner_text(".alert-warning")
    assert "已改为“20”" in page.inner_text(f"#ph-{gdp.pk} .ph-conflict")
    assert Placeholder.objects.get(pk=gdp.pk).value == "20"
    assert Placeholder.objects.get(pk=growth.pk).value == "7.5"
    page.screenshot(path=str(shots / "fill-form-conflict.png"))
    page.click("#fill-save")
    page.wait_for_selector(".alert-success")
    assert Placeholder.objects.get(pk=gdp.pk).value == "13"
    context.close()
