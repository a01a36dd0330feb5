"""Fixtures shared by every app's tests.

With REQUIRE_SERVICES=1 (set by .ci/run) a missing PostgreSQL or Redis fails the run
instead of letting the suite fall back to SQLite and the filesystem queue.
"""

import os

import pytest
from django.conf import settings

# Imported lazily inside the fixtures: apps/parsing's tests run without Django at all.


def pytest_sessionstart(session):
    if os.environ.get("REQUIRE_SERVICES") != "1":
        return
    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" not in engine:
        pytest.exit(f"REQUIRE_SERVICES=1 but the database is {engine}: set DATABASE_URL to PostgreSQL", returncode=3)
    if not settings.REDIS_URL:
        pytest.exit("REQUIRE_SERVICES=1 but REDIS_URL is not set", returncode=3)
    import redis

    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=3).ping()
    except redis.RedisError as exc:
        pytest.exit(f"REQUIRE_SERVICES=1 but Redis at {settings.REDIS_URL} is unreachable: {exc}", returncode=3)


def _member(organization, role, username):
    from apps.accounts.tests.factories import member

    return member(organization, role, username)


@pytest.fixture
def org(db):
    from apps.accounts.tests.factories import OrganizationFactory

    return OrganizationFactory(slug="demo-county", name="示范县人民政府")


@pytest.fixture
def other_org(db):
    from apps.accounts.tests.factories import OrganizationFactory

    return OrganizationFactory(slug="other-county", name="邻县人民政府")


@pytest.fixture
def drafter(org):
    return _member(org, "drafter", "drafter")


@pytest.fixture
def drafter2(org):
    return _member(org, "drafter", "drafter2")


@pytest.fixture
def reviewer(org):
    return _member(org, "reviewer", "reviewer")


@pytest.fixture
def admin_user(org):
    return _member(org, "admin", "orgadmin")


@pytest.fixture
def outsider(other_org):
    return _member(other_org, "admin", "outsider")


@pytest.fixture
def report(org, drafter):
    from apps.reports.tests.factories import make_report

    return make_report(organization=org, user=drafter)


@pytest.fixture
def login(client):
    from apps.accounts.tests.factories import PASSWORD

    def _login(user):
        assert client.login(username=user.username, password=PASSWORD)
        return client

    return _login
