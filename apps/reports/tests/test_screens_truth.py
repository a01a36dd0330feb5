"""Issue 13 items 11 and 12: presence that goes away, and an indicator table that lists each blank under its
section with every unit."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from apps.reports.models import Placeholder, SectionPresence
from apps.reports.selectors import indicator_rows, presence_others


def test_leaving_the_page_removes_the_presence_at_once(client, drafter, drafter2, report):
    section = report.sections.get(marker="（一）")
    client.force_login(drafter2)
    client.post(reverse("reports:section_presence", args=[report.pk, section.pk]))
    assert [u.username for u in presence_others(section=section, user=drafter)] == ["drafter2"]
    response = client.post(reverse("reports:section_presence_leave", args=[report.pk, section.pk]))
    assert response.status_code == 204
    assert presence_others(section=section, user=drafter) == []


def test_a_presence_not_renewed_for_30_seconds_is_gone(drafter, drafter2, report):
    """A tab that died without saying so (no beacon) disappears within 30 s: the page renews every 10 s."""
    section = report.sections.get(marker="（一）")
    SectionPresence.objects.create(section=section, user=drafter2, seen_at=timezone.now() - dt.timedelta(seconds=20))
    assert presence_others(section=section, user=drafter) != []
    SectionPresence.objects.filter(user=drafter2).update(seen_at=timezone.now() - dt.timedelta(seconds=30))
    assert presence_others(section=section, user=drafter) == []


def test_the_indicator_table_lists_each_blank_under_its_own_section(report):
    """GIVEN 生产总值's rank placeholder is in 二、 and its value and growth in （一） WHEN the table is built
    THEN the indicator has a row under each section, each row holding only the blanks of that section."""
    section = report.sections.get(marker="（一）")
    problems = report.sections.get(marker="二、")
    Placeholder.objects.filter(section=section, role="rank").update(section=problems)
    rows, _ = indicator_rows(report=report)
    assert [(r["indicator"].name, r["section"].pk, sorted(r["cells"])) for r in rows] == [
        ("生产总值", section.pk, ["growth", "value"]),
        ("生产总值", problems.pk, ["rank"]),
    ]


def test_the_indicator_table_shows_the_unit_the_sentence_prints(login, drafter, report):
    """GIVEN a growth blank whose sentence prints the % itself (同比增长XX%) WHEN the table shows it out of the
    sentence THEN the % is shown beside the field."""
    growth = Placeholder.objects.get(report=report, role="growth")
    Placeholder.objects.filter(pk=growth.pk).update(unit="%")
    page = login(drafter).get(reverse("reports:indicator_table", args=[report.pk])).content.decode()
    cell = page[page.index(f'id="ph-{growth.pk}"') :]
    cell = cell[: cell.index("</td>")]
    assert '<span class="ph-unit ph-unit-detached">%</span>' in cell


def test_the_page_checks_in_as_often_as_the_presence_window_assumes(login, drafter, report):
    """Two missed check-ins fit in the window: the page's htmx interval is the selector's constant."""
    from apps.reports.selectors import PRESENCE_CHECK_SECONDS, PRESENCE_WINDOW_SECONDS

    section = report.sections.get(marker="（一）")
    html = login(drafter).get(section.get_absolute_url()).content.decode()
    assert f'hx-trigger="load, every {PRESENCE_CHECK_SECONDS}s"' in html
    assert 2 * PRESENCE_CHECK_SECONDS < PRESENCE_WINDOW_SECONDS <= 30
