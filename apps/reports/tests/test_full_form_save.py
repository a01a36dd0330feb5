"""Issue 13 item 2: the whole-page 「保存」 form carries each field's version and loses no one's update."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from apps.accounts.tests.factories import PASSWORD
from apps.reports.models import Placeholder, Section
from apps.reports.services import section_fill, section_fill_checked


@pytest.fixture
def section(report):
    return report.sections.get(marker="（一）")


def _client(user):
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def _url(section):
    return reverse("reports:section_detail", args=[section.report_id, section.pk])


def _form_data(page: str) -> dict:
    """What the browser would post: every ph_ input's value and every hidden v_ version."""
    data = {name: value for value, name in re.findall(r'<input type="text" value="([^"]*)" name="(ph_\d+)"', page)}
    data.update(dict(re.findall(r'<input type="hidden" name="(v_\d+)" value="(\d+)">', page)))
    return data


def test_every_field_of_the_page_carries_its_version(login, section, drafter):
    gdp = section.placeholders.get(role="value")
    section_fill(section=section, values={gdp.pk: "12.5"}, user=drafter)
    page = login(drafter).get(_url(section)).content.decode()
    data = _form_data(page)
    assert data[f"v_{gdp.pk}"] == "1"
    assert {k for k in data if k.startswith("ph_")} == {f"ph_{p.pk}" for p in section.placeholders.all()}


def test_a_stale_full_form_gets_409_and_keeps_the_other_persons_value(section, drafter, drafter2):
    """GIVEN A loads the section and B then autosaves 全县生产总值 = 20 WHEN A posts the whole page with
    生产总值 = 13 and 增速 = 7.5 THEN A gets 409 with keep-mine / take-theirs on 生产总值, B's 20 is kept,
    A's 增速 is saved; a field A did not touch but B changed keeps B's value."""
    gdp = section.placeholders.get(role="value")
    growth = section.placeholders.get(role="growth")
    rank = section.placeholders.get(role="rank")
    a, b = _client(drafter), _client(drafter2)
    data = _form_data(a.get(_url(section)).content.decode())

    for ph, value in ((gdp, "20"), (rank, "2")):
        response = b.post(
            reverse("reports:placeholder_field", args=[section.report_id, ph.pk]),
            {f"ph_{ph.pk}": value, "version": "0"},
            HTTP_HX_REQUEST="true",
        )
        assert response.status_code == 200

    data.update({f"ph_{gdp.pk}": "13", f"ph_{growth.pk}": "7.5"})
    response = a.post(_url(section), data)
    assert response.status_code == 409
    page = response.content.decode()
    assert "已被他人修改" in page and "保留我的“13”" in page and "采用对方的" in page
    assert Placeholder.objects.get(pk=gdp.pk).value == "20"
    assert Placeholder.objects.get(pk=rank.pk).value == "2"  # untouched by A: B's value stands, no conflict
    assert Placeholder.objects.get(pk=growth.pk).value == "7.5"
    assert page.count("ph-keep-mine") == 1
    # Having seen B's value, A saves the page again: that keeps A's (as 保留我的 does, without JavaScript).
    data = _form_data(page)
    assert data[f"ph_{gdp.pk}"] == "13" and data[f"v_{rank.pk}"] == "1" and data[f"ph_{rank.pk}"] == "2"
    assert a.post(_url(section), data).status_code == 302
    assert Placeholder.objects.get(pk=gdp.pk).value == "13"
    assert Placeholder.objects.get(pk=rank.pk).value == "2"


def test_a_form_posting_one_field_leaves_the_others_alone(login, section, drafter):
    """GIVEN every field of the section is filled WHEN a POST carries only one field THEN only that one changes."""
    values = {p.pk: v for p, v in zip(section.placeholders.order_by("order"), ["12.5", "7", "3", "8"], strict=True)}
    section_fill(section=section, values=values, user=drafter)
    gdp = section.placeholders.get(role="value")
    response = login(drafter).post(_url(section), {f"ph_{gdp.pk}": "13", f"v_{gdp.pk}": "1"})
    assert response.status_code == 302
    assert {p.pk: p.value for p in section.placeholders.all()} == {**values, gdp.pk: "13"}


def test_service_leaves_stale_values_unwritten_and_saves_the_rest(section, drafter, drafter2):
    gdp = section.placeholders.get(role="value")
    growth = section.placeholders.get(role="growth")
    section_fill(section=section, values={gdp.pk: "20"}, user=drafter2)  # gdp now at version 1
    version = Section.objects.get(pk=section.pk).version
    outcome = section_fill_checked(
        section=section, values={gdp.pk: "13", growth.pk: "7.5"}, user=drafter, expected_versions={gdp.pk: 0}
    )
    assert outcome.changed == 1 and [p.pk for p in outcome.conflicts] == [gdp.pk]
    assert outcome.conflicts[0].value == "20"
    assert Placeholder.objects.get(pk=gdp.pk).value == "20"
    assert Placeholder.objects.get(pk=growth.pk).value == "7.5"
    assert Section.objects.get(pk=section.pk).version == version + 1
