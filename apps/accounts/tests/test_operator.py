"""/admin/ is for the site's operators only, and speaks Chinese (issue 13, item 14)."""

import pytest
from django.core.management import CommandError, call_command

from apps.accounts.models import Membership, Role, User

ADMIN_URL = "/admin/"


@pytest.fixture
def operator(monkeypatch, db):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "ops")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "ops-pass-2026-x")
    call_command("ensure_operator")
    return User.objects.get(username="ops")


def test_the_demo_admin_manages_the_organisation_but_not_the_site(db, settings, client):
    call_command("load_demo")
    admin = User.objects.get(username="admin")
    assert Membership.objects.get(user=admin).role == Role.ADMIN
    assert not admin.is_staff and not admin.is_superuser
    client.force_login(admin)
    response = client.get(ADMIN_URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_no_operator_account_unless_asked_for(db, monkeypatch):
    monkeypatch.delenv("DJANGO_SUPERUSER_USERNAME", raising=False)
    call_command("ensure_operator")
    assert not User.objects.filter(is_superuser=True).exists()


def test_operator_account_from_the_environment_is_idempotent(operator, monkeypatch):
    assert operator.is_superuser and operator.is_staff
    assert not Membership.objects.filter(user=operator).exists()
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "another-pass-2026-y")
    call_command("ensure_operator")
    operator.refresh_from_db()
    assert operator.check_password("another-pass-2026-y")
    assert User.objects.filter(is_superuser=True).count() == 1


def test_a_member_cannot_become_the_operator(drafter, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", drafter.username)
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "ops-pass-2026-x")
    with pytest.raises(CommandError, match="不能兼作运维账号"):
        call_command("ensure_operator")
    drafter.refresh_from_db()
    assert not drafter.is_superuser


@pytest.mark.parametrize("path", ["", "axes/", "axes/accessattempt/", "axes/accessfailurelog/", "accounts/"])
def test_what_the_operator_sees_is_in_chinese(operator, client, path):
    client.force_login(operator)
    response = client.get(ADMIN_URL + path)
    assert response.status_code == 200
    html = response.content.decode()
    english_texts = ("Site administration", "Access attempts", "Access failures", "Axes", "Add link", "Model name")
    for english in (*english_texts, "Username"):
        assert english not in html, english
    assert "登录保护" in html or path == "accounts/"
