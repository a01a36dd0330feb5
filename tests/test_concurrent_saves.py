"""Zero lost updates: many people saving one placeholder at once, on PostgreSQL with real row locks."""

import itertools
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from apps.core.errors import ConflictError
from apps.reports.models import Placeholder, PlaceholderChange
from apps.reports.services import placeholder_fill
from apps.reports.tests.factories import make_report

SAVES = 200
THREADS = 20


@pytest.mark.django_db(transaction=True)
def test_200_concurrent_conflicting_saves_lose_nothing(org, drafter, drafter2):
    """GIVEN one placeholder and 20 threads
    WHEN 200 saves, each carrying the version its sender last saw, race each other
    THEN every save is either applied or refused with a conflict,
         and the history holds exactly the applied ones in order.
    """
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks; CI runs it with DATABASE_URL set (REQUIRE_SERVICES=1)")
    report = make_report(organization=org, user=drafter)
    target = report.placeholders.get(role="value")
    users = [drafter, drafter2]
    start = threading.Barrier(THREADS)

    def attempt(i):
        try:
            if i < THREADS:
                start.wait()
            seen = Placeholder.objects.get(pk=target.pk).version
            placeholder_fill(placeholder=target, value=str(i + 1), user=users[i % 2], expected_version=seen)
            return "applied", i
        except ConflictError:
            return "refused", i
        finally:
            connection.close()

    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(attempt, range(SAVES)))

    applied = [i for outcome, i in results if outcome == "applied"]
    refused = [i for outcome, i in results if outcome == "refused"]
    assert len(applied) + len(refused) == SAVES
    assert refused, "the saves did not race: nothing was refused"
    changes = list(PlaceholderChange.objects.filter(placeholder=target).order_by("id"))
    assert len(changes) == len(applied)
    assert [c.version for c in changes] == list(range(1, len(applied) + 1))
    assert sorted(c.new_value for c in changes) == sorted(str(i + 1) for i in applied)
    assert changes[0].old_value == ""
    for before, after in itertools.pairwise(changes):
        assert after.old_value == before.new_value
    target.refresh_from_db()
    assert target.value == changes[-1].new_value and target.version == len(applied)
