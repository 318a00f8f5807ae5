"""Time the tally figures on a seeded database: the completeness grid, the month's
completeness page, the roll-up (function and page) and the street chair's tally form.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fed_tallies_bench \\
        .venv/bin/python bench/tallies_figures.py --seed large

`--seed SCALE` empties nothing: it migrates and seeds only when the database has no
organizations. Prints, for each page or function, the median of several runs and the number of
SQL queries.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "federation.settings")
os.environ.setdefault("DEBUG", "true")


def measure(repeat: int, action):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries = [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            action()
            times.append((time.perf_counter() - started) * 1000)
        queries = len(captured)
    return statistics.median(times), queries


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", choices=["small", "district", "large"])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from orgs.models import Organization, User
    from orgs.tallies import figures as tally_figures
    from orgs.tallies.models import Tally, TallyValue

    settings.ALLOWED_HOSTS = ["*"]
    if args.seed:
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        call_command("seed_demo", "--scale", args.seed, "--if-empty")
        print(f"seed_demo --scale {args.seed}: {time.perf_counter() - started:.1f} s")

    from django.db import connection

    if connection.vendor == "postgresql":  # fresh statistics, as autovacuum keeps them live
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    today = timezone.localdate()
    year = today.year - 1
    district = Organization.objects.get(depth=1)
    expected = tally_figures.expected_orgs(district, datetime.date(year, 1, 1),
                                           datetime.date(year, 12, 31)).count()
    print(f"organizations expected to report in {year}: {expected:,}; "
          f"tallies: {Tally.objects.count():,}; values: {TallyValue.objects.count():,}")
    staff = User.objects.get(username="district_staff")
    chair = User.objects.get(username="street_chair")
    street = chair.org
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    functions = [
        ("roll-up: whole district, a year",
         lambda: tally_figures.tally_totals(district, start, end)),
        ("roll-up: one street, a year", lambda: tally_figures.tally_totals(street, start, end)),
        ("roll-up: whole district, a month",
         lambda: tally_figures.tally_totals(district, start, start)),
        ("completeness: district, a month", lambda: tally_figures.completeness(
            district, datetime.date(year, 6, 1))),
    ]
    print(f"{'function':<42}{'median ms':>10}{'queries':>9}")
    for label, action in functions:
        ms, queries = measure(args.repeat, action)
        print(f"{label:<42}{ms:>10.1f}{queries:>9}")

    pages = [
        (staff, "grid, district, page 1", "orgs:completeness_grid", {}, {"year": year}),
        (staff, "grid, district, page 20", "orgs:completeness_grid", {},
         {"year": year, "page": 20}),
        (staff, "who has reported, district", "orgs:completeness", {},
         {"month": f"{year}-06"}),
        (staff, "totals page, district, a year", "orgs:rollup", {},
         {"start": f"{year}-01", "end": f"{year}-12"}),
        (chair, "tally form, street chair", "orgs:tally",
         {"org_pk": street.pk, "year": year, "month": 6}, {}),
        (chair, "grid, street chair", "orgs:completeness_grid", {}, {"year": year}),
    ]
    print(f"{'page':<42}{'median ms':>10}{'queries':>9}")
    for user, label, name, kwargs, params in pages:
        client = Client()
        client.force_login(user)
        url = reverse(name, kwargs=kwargs)

        def get(client=client, url=url, params=params):
            response = client.get(url, params)
            assert response.status_code == 200, (url, response.status_code)

        ms, queries = measure(args.repeat, get)
        print(f"{label:<42}{ms:>10.1f}{queries:>9}")


if __name__ == "__main__":
    main()
