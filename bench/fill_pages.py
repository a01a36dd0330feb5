"""Server time of the fill screens on a large report (100 sections, 1,000 placeholders).

Run from the repository root:  .venv/bin/python bench/fill_pages.py [--runs 30]
Uses a throw-away test database (SQLite by default, PostgreSQL when DATABASE_URL is set).
Measures, in one run: the section page, the report page, the indicator table and a value save
(median and 90th percentile over --runs requests, through Django's test client: middleware,
views, templates and SQL, without network), plus the SQL query count of each.
Goals: median ≤ 100 ms for pages, ≤ 25 ms for a save.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

GOALS_MS = {"section page": 100, "report page": 100, "indicator table": 100, "value save": 25}


def measure(label, call, runs):
    call()  # warm templates and caches
    times = []
    with CaptureQueriesContext(connection) as ctx:
        call()
    queries = len(ctx.captured_queries)
    for _ in range(runs):
        start = time.perf_counter()
        response = call()
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (label, response.status_code)
    times.sort()
    median = statistics.median(times)
    p90 = times[int(len(times) * 0.9) - 1]
    goal = GOALS_MS[label]
    print(
        f"{label:16s} median {median:7.1f} ms  p90 {p90:7.1f} ms  {queries:3d} queries  goal ≤ {goal} ms  "
        f"{'OK' if median <= goal else 'MISSED'}"
    )
    return median <= goal


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--sections", type=int, default=100)
    parser.add_argument("--per-section", type=int, default=10)
    args = parser.parse_args()

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        from apps.accounts.models import Role
        from apps.accounts.tests.factories import OrganizationFactory, member
        from apps.reports.tests.factories import big_result, make_report

        org = OrganizationFactory(slug="bench", name="基准县")
        user = member(org, Role.DRAFTER, "bench-drafter")
        report = make_report(
            organization=org, user=user, result=big_result(sections=args.sections, per_section=args.per_section)
        )
        total = report.placeholders.count()
        section = report.sections.order_by("order")[args.sections // 2]
        placeholder = section.placeholders.first()
        client = Client()
        client.force_login(user)
        print(f"report: {report.sections.count()} sections, {total} placeholders; database {connection.vendor}")
        counter = {"n": 0}

        def save():
            counter["n"] += 1
            placeholder.refresh_from_db()
            return client.post(
                reverse("reports:placeholder_field", args=[report.pk, placeholder.pk]),
                {f"ph_{placeholder.pk}": str(counter["n"]), "version": str(placeholder.version)},
            )

        results = [
            measure("section page", lambda: client.get(section.get_absolute_url()), args.runs),
            measure("report page", lambda: client.get(report.get_absolute_url()), args.runs),
            measure(
                "indicator table", lambda: client.get(reverse("reports:indicator_table", args=[report.pk])), args.runs
            ),
            measure("value save", save, args.runs),
        ]
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
