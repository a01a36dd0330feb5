import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.reports.models import Placeholder, PlaceholderChange
from apps.reports.services import placeholder_fill
from apps.reports.tests.factories import big_result, make_report


@pytest.fixture
def section(report):
    return report.sections.get(marker="（一）")


def _field_url(ph):
    return reverse("reports:placeholder_field", args=[ph.report_id, ph.pk])


def _save(client, ph, value, version):
    return client.post(_field_url(ph), {f"ph_{ph.pk}": value, "version": str(version)})


def test_a_value_saves_on_its_own_and_updates_the_counters(login, drafter, section):
    client = login(drafter)
    gdp = section.placeholders.get(role="value")
    response = _save(client, gdp, "1,234.5", 0)
    assert response.status_code == 200
    html = response.content.decode()
    assert "✓ 已保存" in html and 'value="1234.5"' in html and 'hx-vals="{&quot;version&quot;: &quot;1&quot;}"' in html
    assert 'id="section-empty-count" hx-swap-oob="true"' in html and "未填 3" in html
    assert 'id="report-empty-count" hx-swap-oob="true">4<' in html
    gdp.refresh_from_db()
    assert gdp.value == "1234.5"
    page = client.get(section.get_absolute_url()).content.decode()
    assert 'value="1234.5"' in page  # survives a reload


def test_a_bad_value_is_refused_next_to_the_field_and_the_old_value_stays(login, drafter, section):
    client = login(drafter)
    rank = section.placeholders.get(kind="rank")
    _save(client, rank, "3", 0)
    response = _save(client, rank, "三点五", 1)
    assert response.status_code == 422
    html = response.content.decode()
    assert "位次应为正整数" in html and 'value="三点五"' in html and 'aria-invalid="true"' in html
    rank.refresh_from_db()
    assert rank.value == "3"


def test_a_stale_save_gets_409_with_the_other_value_and_who_saved_it(login, drafter, drafter2, section):
    gdp = section.placeholders.get(role="value")
    placeholder_fill(placeholder=gdp, value="130", user=drafter2, expected_version=0)
    client = login(drafter)
    response = _save(client, gdp, "120", 0)
    assert response.status_code == 409
    html = response.content.decode()
    assert "drafter2" in html and "已改为“130”" in html
    assert "保留我的“120”" in html and "采用对方的" in html
    assert "&quot;version&quot;: &quot;1&quot;" in html  # "keep mine" re-posts against the version now stored
    gdp.refresh_from_db()
    assert gdp.value == "130"
    # Keeping mine is an explicit save on top of the other person's version.
    assert _save(client, gdp, "120", 1).status_code == 200
    gdp.refresh_from_db()
    assert gdp.value == "120"
    assert list(
        PlaceholderChange.objects.filter(placeholder=gdp).order_by("id").values_list("new_value", flat=True)
    ) == [
        "130",
        "120",
    ]


def test_text_placeholders_get_a_multi_line_field_and_names_a_wide_one(login, drafter, report):
    from apps.reports.models import Section

    section = Section.objects.get(report=report, marker="二、")
    ph = section.placeholders.get()
    Placeholder.objects.filter(pk=ph.pk).update(kind="text")
    html = login(drafter).get(_field_url(ph)).content.decode()
    assert "<textarea" in html and "ph-text" in html


def test_the_indicator_table_fills_the_placeholder_in_the_text(login, drafter, report, section):
    client = login(drafter)
    page = client.get(reverse("reports:indicator_table", args=[report.pk])).content.decode()
    assert "全县生产总值" in page
    growth = section.placeholders.get(role="growth")
    assert f'name="ph_{growth.pk}"' in page
    assert _save(client, growth, "7.2%", 0).status_code == 200
    section_page = client.get(section.get_absolute_url()).content.decode()
    assert 'value="7.2"' in section_page


def test_the_empty_filter_lists_only_empty_placeholders(login, drafter, report, section):
    client = login(drafter)
    gdp = section.placeholders.get(role="value")
    placeholder_fill(placeholder=gdp, value="1", user=drafter)
    page = client.get(reverse("reports:placeholder_list", args=[report.pk]) + "?empty=1").content.decode()
    assert f'name="ph_{gdp.pk}"' not in page
    rank = section.placeholders.get(kind="rank")
    assert f'name="ph_{rank.pk}"' in page
    everything = client.get(reverse("reports:placeholder_list", args=[report.pk]) + "?empty=0").content.decode()
    assert f'name="ph_{gdp.pk}"' in everything
    indicators = client.get(reverse("reports:indicator_table", args=[report.pk]) + "?empty=1").content.decode()
    assert "全县生产总值" in indicators  # still has empty growth and rank


def test_the_history_diff_shows_exactly_the_characters_that_changed(login, drafter, section):
    client = login(drafter)
    gdp = section.placeholders.get(role="value")
    placeholder_fill(placeholder=gdp, value="120", user=drafter)
    placeholder_fill(placeholder=gdp, value="125", user=drafter)
    first, second = PlaceholderChange.objects.filter(placeholder=gdp).order_by("id")
    url = reverse("reports:section_history", args=[section.report_id, section.pk])
    html = client.get(url, {"a": "0", "b": f"v{first.pk}"}).content.decode()
    assert '<del class="diff-del">XX</del><ins class="diff-ins">120</ins>' in html
    html = client.get(url, {"a": f"v{first.pk}", "b": f"v{second.pk}"}).content.decode()
    assert '<del class="diff-del">0</del><ins class="diff-ins">5</ins>' in html


def test_an_earlier_value_can_be_restored_and_that_is_recorded(login, drafter, section):
    client = login(drafter)
    gdp = section.placeholders.get(role="value")
    placeholder_fill(placeholder=gdp, value="120", user=drafter)
    placeholder_fill(placeholder=gdp, value="125", user=drafter)
    first = PlaceholderChange.objects.filter(placeholder=gdp).order_by("id").first()
    response = client.post(reverse("reports:change_restore", args=[section.report_id, section.pk, first.pk]))
    assert response.status_code == 302
    gdp.refresh_from_db()
    assert gdp.value == "120"
    assert PlaceholderChange.objects.filter(placeholder=gdp).count() == 3


def test_presence_shows_who_else_has_the_section_open(client, drafter, drafter2, section):
    url = reverse("reports:section_presence", args=[section.report_id, section.pk])
    client.force_login(drafter2)
    assert "正在查看" not in client.post(url).content.decode()
    client.force_login(drafter)
    html = client.post(url).content.decode()
    assert "正在查看本节" in html and "drafter2" in html


def _queries(client, url, method="get", data=None):
    with CaptureQueriesContext(connection) as ctx:
        response = getattr(client, method)(url, data or {})
    assert response.status_code in (200, 302), response.status_code
    return len(ctx.captured_queries)


def test_page_queries_do_not_grow_with_the_report(client, org, drafter):
    """The same number of queries for a report of 10 placeholders and one of 1,000."""
    client.force_login(drafter)
    counts = []
    for sections, per in ((2, 5), (100, 10)):
        report = make_report(organization=org, user=drafter, result=big_result(sections=sections, per_section=per))
        section = report.sections.order_by("order").last()
        ph = section.placeholders.first()
        counts.append(
            (
                _queries(client, report.get_absolute_url()),
                _queries(client, section.get_absolute_url()),
                _queries(client, reverse("reports:indicator_table", args=[report.pk])),
                _queries(client, reverse("reports:placeholder_list", args=[report.pk])),
                _queries(client, _field_url(ph), "post", {f"ph_{ph.pk}": "5", "version": "0"}),
            )
        )
    assert counts[0] == counts[1], counts


def test_editing_the_body_keeps_placeholders_and_their_values_in_place(login, drafter, section):
    from apps.reports.models import SectionTextChange

    client = login(drafter)
    gdp = section.placeholders.get(role="value")
    placeholder_fill(placeholder=gdp, value="120", user=drafter)
    url = reverse("reports:section_edit", args=[section.report_id, section.pk])
    page = client.get(url).content.decode()
    assert "全县生产总值完成【#1】亿元" in page
    section.refresh_from_db()
    new = "2018年，全县生产总值完成【#1】亿元，同比增长【#2】，居全市第【#3】位。\n新引进项目【#4】个。"
    response = client.post(url, {"text": new, "version": section.version})
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.body == "2018年，全县生产总值完成XX亿元，同比增长XX，居全市第XX位。\n新引进项目XX个。"
    gdp.refresh_from_db()
    assert section.body[gdp.offset : gdp.offset + 2] == "XX" and section.body[gdp.offset - 2 : gdp.offset] == "完成"
    change = SectionTextChange.objects.get(section=section)
    assert change.user == drafter and "【#1】" in change.old_text
    history = client.get(reverse("reports:section_history", args=[section.report_id, section.pk])).content.decode()
    assert '<ins class="diff-ins">2018年，</ins>' in history and '<ins class="diff-ins">新</ins>' in history


def test_deleting_a_placeholder_token_is_refused_with_a_message(login, drafter, section):
    client = login(drafter)
    url = reverse("reports:section_edit", args=[section.report_id, section.pk])
    response = client.post(url, {"text": "全县生产总值完成【#1】亿元。", "version": section.version})
    assert response.status_code == 400
    assert "确认删除这些待填项" in response.content.decode()
    old = section.body
    section.refresh_from_db()
    assert section.body == old


def test_a_body_edit_on_a_stale_version_is_refused(login, drafter, section):
    client = login(drafter)
    url = reverse("reports:section_edit", args=[section.report_id, section.pk])
    text = client.get(url).context["form"].initial["text"]
    response = client.post(url, {"text": text + "补充。", "version": section.version - 1})
    assert response.status_code == 400 and "他人修改" in response.content.decode()


def test_a_suspicious_placeholder_is_flagged_on_its_field(login, drafter, section):
    gdp = section.placeholders.get(role="value")
    Placeholder.objects.filter(pk=gdp.pk).update(suspicious=True, note="待填项后紧跟数字“3”")
    html = login(drafter).get(_field_url(gdp)).content.decode()
    assert "请核对" in html and "待填项后紧跟数字“3”" in html


def test_the_conflict_message_gives_the_time_in_shanghai(login, drafter, drafter2, section, settings):
    """Every screen shows Asia/Shanghai time; the 409 message is built in Python, not in a template."""
    import datetime as dt

    gdp = section.placeholders.get(role="value")
    placeholder_fill(placeholder=gdp, value="130", user=drafter2, expected_version=0)
    Placeholder.objects.filter(pk=gdp.pk).update(filled_at=dt.datetime(2026, 12, 1, 6, 29, 49, tzinfo=dt.UTC))
    html = _save(login(drafter), gdp, "120", 0).content.decode()
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert "于 14:29:49 已改为“130”" in html


def test_a_read_only_percent_prints_one_percent_sign(login, reviewer, section):
    growth = section.placeholders.filter(kind="percent").exclude(unit="%").first()
    assert growth is not None, "the factory report has a percent blank written without %"
    Placeholder.objects.filter(pk=growth.pk).update(value="7.8")
    import re

    html = login(reviewer).get(section.get_absolute_url()).content.decode()
    text = re.sub(r"<[^>]+>", "", html)  # what the reader sees
    assert "7.8%" in text and "7.8%%" not in text


def test_the_glued_digits_flag_follows_the_text(login, drafter, section):
    """请核对 is re-checked on every text edit: it goes once the digits beside the blank are gone and
    comes when an edit glues digits to it; the report page lists it from the placeholders as they are."""
    from apps.reports.services import section_edit_body

    gdp = section.placeholders.get(role="value")
    glued = "全县生产总值完成【#1】3亿元，同比增长【#2】，居全市第【#3】位。\n新引进项目【#4】个。"
    section_edit_body(section=section, text=glued, user=drafter)
    gdp.refresh_from_db()
    assert gdp.suspicious and gdp.note == "占位符与数字相连（XX3），请核对"
    client = login(drafter)
    report_page = client.get(section.report.get_absolute_url()).content.decode()
    assert "占位符与数字相连（XX3）" in report_page
    section.refresh_from_db()
    section_edit_body(section=section, text=glued.replace("3亿元", "亿元"), user=drafter)
    gdp.refresh_from_db()
    assert not gdp.suspicious and gdp.note == ""
    assert "请核对" not in client.get(_field_url(gdp)).content.decode()
    assert "占位符与数字相连" not in client.get(section.report.get_absolute_url()).content.decode()
