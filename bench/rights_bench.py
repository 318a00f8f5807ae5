"""Rights benchmark: times and query counts of the figures and the main pages.

Run against a seeded database, e.g.
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fed_bench DEBUG=true \
        .venv/bin/python manage.py seed_demo --scale large
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fed_bench DEBUG=true \
        .venv/bin/python bench/rights_bench.py
Prints one line per figure/page: milliseconds (best of 3) and SQL queries.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "federation.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from orgs.models import User  # noqa: E402
from rights import figures  # noqa: E402
from rights.models import Case, Household  # noqa: E402


def measure(label: str, func) -> None:
    best, queries = float("inf"), 0
    for _ in range(3):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            func()
            best = min(best, time.perf_counter() - started)
        queries = len(ctx.captured_queries)
    print(f"{label:<40} {best * 1000:8.1f} ms {queries:4d} queries")


def main() -> None:
    today = timezone.localdate()
    start = today.replace(year=today.year - 1)
    cases = Case.objects.all()
    print(f"{cases.count()} cases, {Household.objects.count()} households")
    for name in ("case_totals", "by_category", "by_channel", "by_month", "by_street",
                 "by_risk", "mediation_counts"):
        function = getattr(figures, name)
        measure(f"figures.{name}", lambda f=function: f(cases, start, today))
    client = Client(HTTP_HOST="localhost")
    for username in ("district_staff", "street_chair"):
        client.force_login(User.objects.get(username=username))
        for url in ("/rights/", "/rights/overdue/", "/rights/statistics/", "/rights/register/",
                    "/rights/mediations/", "/rights/export/", "/"):
            def get(url=url):
                assert client.get(url).status_code == 200, url
            measure(f"{username} GET {url}", get)


if __name__ == "__main__":
    main()
