"""Login is throttled against password guessing (django-axes, docs/adr/0010-login-throttling.md)."""

from django.test import Client
from django.urls import reverse

from apps.accounts.tests.factories import PASSWORD


def _try(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_repeated_wrong_passwords_lock_the_login_for_that_user_and_address(drafter, drafter2, settings):
    """GIVEN the limit of failures WHEN someone keeps guessing drafter's password from one address
    THEN even the right password is refused with the Chinese lockout page (429); another user is unaffected."""
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _try(client, "drafter", "guess-123").status_code == 200
    response = _try(client, "drafter", "guess-123")
    assert response.status_code == 429 and "登录失败次数过多" in response.content.decode()
    assert _try(client, "drafter", PASSWORD).status_code == 429
    assert _try(Client(), "drafter2", PASSWORD).status_code == 302


def test_a_successful_login_resets_the_count(drafter, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _try(client, "drafter", "guess-123")
    assert _try(client, "drafter", PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _try(client, "drafter", "guess-123").status_code == 200


def test_code_that_authenticates_without_a_request_is_not_throttled(drafter):
    """The test client's login() passes no request; the throttle leaves it to the password check."""
    assert Client().login(username="drafter", password=PASSWORD)
    assert not Client().login(username="drafter", password="wrong")
