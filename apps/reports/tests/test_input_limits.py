"""Hostile sizes in the fill endpoints: bounded work before any parsing, a refused user refused first,
and a value too long for its column a field error (never a DataError → 500 on PostgreSQL)."""

import time

import pytest
from django.urls import reverse

from apps.accounts.models import User
from apps.reports.models import Placeholder, PlaceholderChange
from apps.reports.tokens import tokenize, untokenize
from apps.reports.values import ValueInvalid, _chinese_integer, normalize_value

# 175 KB: 5.7 s of CPU in the quadratic conversion this replaced.
NUMERAL_BOMB = "一" + "亿" * 60000
FAST = 0.2  # seconds


@pytest.fixture
def section(report):
    return report.sections.get(marker="（一）")


def _timed(call):
    """Seconds ``call`` takes. A request is timed after one of the same shape with a harmless value, so that the
    figure is the payload's cost, not the first render of the templates and URL resolvers."""
    start = time.perf_counter()
    result = call()
    return result, time.perf_counter() - start


def _refused_in(seconds, call, error=ValueInvalid):
    start = time.perf_counter()
    with pytest.raises(error) as exc:
        call()
    assert time.perf_counter() - start < seconds
    return exc.value


@pytest.mark.parametrize("kind", ["number", "percent", "rank", "year"])
def test_an_overlong_numeral_is_refused_before_it_is_parsed(kind):
    error = _refused_in(FAST, lambda: normalize_value(kind, NUMERAL_BOMB))
    assert error.message == "数值过长：最多 40 个字符。"


def test_the_chinese_numeral_conversion_itself_is_bounded():
    result, elapsed = _timed(lambda: _chinese_integer(NUMERAL_BOMB))
    assert result is None and elapsed < FAST
    assert _chinese_integer("一亿零五万") == 100050000  # 万 after 亿 scales only the part below 亿
    assert _chinese_integer("三千万") == 30_000_000
    assert _chinese_integer("一万亿") == 10**12


def test_a_number_too_long_for_the_column_is_refused():
    with pytest.raises(ValueInvalid, match="数值过长"):
        normalize_value("number", "1" * 2001)
    with pytest.raises(ValueInvalid):
        normalize_value("number", "1" * 39 + "亿")  # 47 digits once multiplied


def test_a_reviewer_posting_the_numeral_bomb_to_the_section_form_gets_403_at_once(login, reviewer, section):
    client = login(reviewer)
    gdp = section.placeholders.get(role="value")
    client.post(section.get_absolute_url(), {f"ph_{gdp.pk}": "甲"})
    response, elapsed = _timed(lambda: client.post(section.get_absolute_url(), {f"ph_{gdp.pk}": NUMERAL_BOMB}))
    assert response.status_code == 403
    assert elapsed < FAST


def test_a_drafter_posting_the_numeral_bomb_to_the_section_form_gets_a_field_error_at_once(login, drafter, section):
    client = login(drafter)
    gdp = section.placeholders.get(role="value")
    client.post(section.get_absolute_url(), {f"ph_{gdp.pk}": "甲"})  # refused: not a number, nothing saved
    response, elapsed = _timed(lambda: client.post(section.get_absolute_url(), {f"ph_{gdp.pk}": NUMERAL_BOMB}))
    assert response.status_code == 400
    assert "数值过长" in response.content.decode()
    assert elapsed < FAST


@pytest.mark.parametrize("who", ["reviewer", "drafter"])
def test_the_numeral_bomb_on_the_htmx_field_endpoint_is_cheap(login, request, who, section):
    client = login(request.getfixturevalue(who))
    gdp = section.placeholders.get(role="value")
    url = reverse("reports:placeholder_field", args=[gdp.report_id, gdp.pk])
    client.post(url, {f"ph_{gdp.pk}": "甲", "version": "0"})  # refused either way, nothing saved
    response, elapsed = _timed(lambda: client.post(url, {f"ph_{gdp.pk}": NUMERAL_BOMB, "version": "0"}))
    assert response.status_code == (403 if who == "reviewer" else 422)
    assert elapsed < FAST
    assert Placeholder.objects.get(pk=gdp.pk).value == ""


def test_untokenize_is_linear_in_the_number_of_tokens():
    """40,000 copies of one token (a 200,000-character body) are refused as repeated without a quadratic count."""

    class P:
        order, raw = 0, "XX"

    from apps.reports.tokens import TokenError

    _refused_in(FAST, lambda: untokenize("【#1】" * 40000, [P()]), TokenError)


@pytest.mark.parametrize("who", ["reviewer", "drafter"])
def test_a_huge_body_edit_is_cheap(login, request, who, section):
    client = login(request.getfixturevalue(who))
    section.refresh_from_db()
    url = reverse("reports:section_edit", args=[section.report_id, section.pk])
    client.post(url, {"text": "【#1】" * 2, "version": section.version})  # refused the same way, nothing saved
    response, elapsed = _timed(lambda: client.post(url, {"text": "【#1】" * 39999, "version": section.version}))
    assert response.status_code == (403 if who == "reviewer" else 400)
    assert elapsed < FAST


# ── values longer than their column ─────────────────────────────────────────────


def test_a_2001_character_number_in_the_section_form_is_a_field_error(login, drafter, section):
    client = login(drafter)
    gdp = section.placeholders.get(role="value")
    response = client.post(section.get_absolute_url(), {f"ph_{gdp.pk}": "1" * 2001})
    assert response.status_code == 400
    assert "数值过长" in response.content.decode()
    assert not PlaceholderChange.objects.exists()


def test_a_2001_character_number_on_the_htmx_endpoint_is_a_field_error(login, drafter, section):
    client = login(drafter)
    gdp = section.placeholders.get(role="value")
    url = reverse("reports:placeholder_field", args=[gdp.report_id, gdp.pk])
    response = client.post(url, {f"ph_{gdp.pk}": "1" * 2001, "version": "0"})
    assert response.status_code == 422
    assert "数值过长" in response.content.decode()
    assert Placeholder.objects.get(pk=gdp.pk).value == ""


def test_a_2001_character_text_value_is_a_field_error(login, drafter, report):
    text = Placeholder.objects.filter(report=report, kind="number").first()
    Placeholder.objects.filter(pk=text.pk).update(kind="text")
    client = login(drafter)
    url = reverse("reports:placeholder_field", args=[text.report_id, text.pk])
    response = client.post(url, {f"ph_{text.pk}": "字" * 2001, "version": "0"})
    assert response.status_code == 422
    assert "内容过长" in response.content.decode()


def test_an_e_mail_address_longer_than_its_column_is_a_field_error(login, admin_user):
    """The form's e-mail field allows 320 characters by default; the column holds 254."""
    client = login(admin_user)
    address = "a" * 64 + "@" + ".".join(["b" * 60] * 4) + ".cn"
    assert 254 < len(address) <= 320
    response = client.post(
        reverse("accounts:user_create"),
        {
            "username": "newbie",
            "email": address,
            "role": "drafter",
            "password1": "Xk3!long-enough-pass",
            "password2": "Xk3!long-enough-pass",
        },
    )
    assert response.status_code in (200, 400)
    assert not User.objects.filter(username="newbie").exists()


def test_a_body_too_long_is_refused_by_the_form(login, drafter, section):
    client = login(drafter)
    section.refresh_from_db()
    body_ph = list(section.placeholders.filter(field="body").order_by("order"))
    text = tokenize(section.body, body_ph) + "长" * 200_001
    url = reverse("reports:section_edit", args=[section.report_id, section.pk])
    response = client.post(url, {"text": text, "version": section.version})
    assert response.status_code == 400


def test_a_token_of_thousands_of_digits_is_text_not_an_error():
    """int() refuses strings beyond 4,300 digits; such a "token" is plain text, and the missing one is reported."""
    from apps.reports.tokens import TokenError

    class P:
        order, raw = 0, "XX"

    with pytest.raises(TokenError, match="被删除"):
        untokenize("【#" + "9" * 5000 + "】", [P()])
