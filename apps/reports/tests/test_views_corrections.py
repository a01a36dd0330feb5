"""The correction views: thin, guarded (403 / 404), with Chinese messages; menus shown only to who may correct."""

import pytest
from django.test import Client
from django.urls import reverse

from apps.reports.models import ParseCorrection, Placeholder, Section, SectionStatus
from apps.reports.services import placeholder_fill

pytestmark = pytest.mark.django_db


@pytest.fixture
def section(report):
    return report.sections.get(marker="（一）")


def _url(name, section, *extra):
    return reverse(f"reports:{name}", args=[section.report_id, *extra])


def _messages(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_the_section_screen_shows_the_menus_to_who_may_correct(login, drafter, reviewer, section):
    page = login(drafter).get(section.get_absolute_url()).content.decode()
    assert page.count('class="ph-menu"') == 4 and "纠正标题" in page and "添加待填项" in page
    assert "js/corrections.js" in page
    page = login(reviewer).get(section.get_absolute_url()).content.decode()
    assert 'class="ph-menu"' not in page and "纠正标题" not in page
    Section.objects.filter(pk=section.pk).update(status=SectionStatus.SUBMITTED)
    page = login(drafter).get(section.get_absolute_url()).content.decode()
    assert 'class="ph-menu"' not in page and "添加待填项" not in page


def test_dismiss_view_and_its_confirmation(login, drafter, section):
    client = login(drafter)
    ph = section.placeholders.order_by("order").first()
    placeholder_fill(placeholder=ph, value="12.5", user=drafter)
    page = client.get(section.get_absolute_url()).content.decode()
    assert "确认不是待填项（丢弃“12.5”）" in page
    url = _url("placeholder_dismiss", section, ph.pk)
    response = client.post(url, {"confirm_value": ""}, follow=True)
    assert any("已填写“12.5”" in m for m in _messages(response))
    assert Placeholder.objects.filter(pk=ph.pk).exists()
    response = client.post(url, {"confirm_value": "12.5"}, follow=True)
    assert any("已不再是待填项" in m for m in _messages(response))
    assert not Placeholder.objects.filter(pk=ph.pk).exists()


def test_refused_users_get_403_or_404_and_nothing_changes(login, reviewer, outsider, section):
    ph = section.placeholders.order_by("order").first()
    posts = [
        (_url("placeholder_dismiss", section, ph.pk), {}),
        (_url("placeholder_retype", section, ph.pk), {"kind": "name"}),
        (_url("placeholder_add", section, section.pk), {"start": 0, "end": 0}),
        (_url("section_level", section, section.pk), {"direction": "down"}),
        (_url("section_heading", section, section.pk), {"marker": "（九）", "heading": "x"}),
        (_url("section_split", section, section.pk), {"start": 30}),
        (_url("section_merge", section, section.pk), {}),
    ]
    for user, status in ((reviewer, 403), (outsider, 404)):
        client = login(user)
        for url, data in posts:
            assert client.post(url, data).status_code == status, url
    assert not ParseCorrection.objects.exists() and section.placeholders.count() == 4


def test_posts_need_the_csrf_token(drafter, section):
    client = Client(enforce_csrf_checks=True)
    client.force_login(drafter)
    ph = section.placeholders.order_by("order").first()
    assert client.post(_url("placeholder_dismiss", section, ph.pk)).status_code == 403
    assert Placeholder.objects.filter(pk=ph.pk).exists()


def test_retype_view_tells_when_a_value_no_longer_fits(login, drafter, section):
    client = login(drafter)
    ph = section.placeholders.order_by("order").first()
    placeholder_fill(placeholder=ph, value="12.5", user=drafter)
    response = client.post(_url("placeholder_retype", section, ph.pk), {"kind": "year", "unit": "年"}, follow=True)
    assert any("原填写的“12.5”不符合新类型" in m for m in _messages(response))
    response = client.post(_url("placeholder_retype", section, ph.pk), {"kind": "nonsense"}, follow=True)
    assert any("有效的类型" in m for m in _messages(response))


def test_add_view_and_the_proposal_shown_before(login, drafter, report):
    client = login(drafter)
    section = report.sections.get(marker="二、")
    section.body = "财政收入完成亿元，税收收入完成亿元。"
    section.save()
    at = section.body.index("亿元。")
    proposal = client.get(_url("placeholder_propose", section, section.pk), {"start": at, "end": at})
    assert "税收收入（亿元）" in proposal.content.decode()
    response = client.post(_url("placeholder_add", section, section.pk), {}, follow=True)
    assert any("请先在正文中点击" in m for m in _messages(response))
    response = client.post(
        _url("placeholder_add", section, section.pk), {"start": at, "end": at, "version": section.version}
    )
    assert response.status_code == 302 and "#ph-" in response["Location"]
    assert section.placeholders.filter(label="税收收入（亿元）", offset=at, implicit=True).count() == 1
    response = client.post(_url("placeholder_add", section, section.pk), {"start": at, "end": at}, follow=True)
    assert any("已是待填项" in m for m in _messages(response))


def test_structure_views_split_merge_level_heading_and_undo_from_the_history(login, drafter, report, section):
    client = login(drafter)
    start = section.body.index("引进项目")
    response = client.post(_url("section_split", section, section.pk), {"start": start})
    new = Section.objects.get(heading="引进项目XX个")
    assert response["Location"] == new.get_absolute_url()
    response = client.post(_url("section_level", section, new.pk), {"direction": "up"}, follow=True)
    assert any("升级" in m for m in _messages(response))
    response = client.post(
        _url("section_heading", section, new.pk), {"marker": "（二）", "heading": "引进项目【#1】个"}
    )
    new.refresh_from_db()
    assert (new.marker, new.heading) == ("（二）", "引进项目XX个")
    response = client.post(_url("section_merge", section, new.pk))
    assert response["Location"] == section.get_absolute_url()

    history = client.get(_url("section_history", section, section.pk)).content.decode()
    assert "解析纠正记录" in history and "标题改为正文" in history
    merge = ParseCorrection.objects.get(action="merge")
    response = client.post(_url("correction_undo", section, section.pk, merge.pk), follow=True)
    assert any("已撤销" in m for m in _messages(response))
    assert Section.objects.filter(pk=new.pk).exists()


def test_the_body_edit_form_confirms_removing_a_filled_blanks_marker(login, drafter, section):
    from apps.reports.tokens import tokenize

    client = login(drafter)
    placeholders = list(section.placeholders.order_by("order"))
    placeholder_fill(placeholder=placeholders[3], value="12", user=drafter)
    text = tokenize(section.body, placeholders).replace("【#4】", "若干")
    url = _url("section_edit", section, section.pk)
    response = client.post(url, {"text": text, "version": section.version + 1})
    assert response.status_code == 400 and "已填写“12”" in response.content.decode()
    response = client.post(url, {"text": text, "version": section.version + 1, "confirm_drop": "on"})
    assert response.status_code == 302
    assert section.placeholders.count() == 3
