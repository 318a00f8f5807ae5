"""Time the courtyard household list (and coverage) on a seeded database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fed_bench \\
        .venv/bin/python bench/families_courtyards.py --seed large

`--seed SCALE` empties nothing: it migrates and seeds only when the database has no
organizations. Prints the household count and, per page, the median of several requests and
the number of queries, as district staff (whole district) and as a street chair.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "federation.settings")
os.environ.setdefault("DEBUG", "true")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", choices=["small", "district", "large"])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from families.models import CourtyardCategory, CourtyardTier, Household
    from orgs.models import User

    settings.ALLOWED_HOSTS = ["*"]
    if args.seed:
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        call_command("seed_demo", "--scale", args.seed, "--if-empty")
        print(f"seed_demo --scale {args.seed}: {time.perf_counter() - started:.1f} s")
    if connection.vendor == "postgresql":  # fresh bulk inserts: give the planner statistics
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    print(f"households: {Household.objects.count():,} "
          f"(in the campaign: {Household.objects.filter(in_campaign=True).count():,})")
    tier = CourtyardTier.objects.get(code="demonstration")
    category = CourtyardCategory.objects.get(code="reading")
    pages = [
        ("list, first page", "families:households", {}),
        ("list, page 100", "families:households", {"page": 100}),
        ("list, tier filter", "families:households", {"tier": tier.pk}),
        ("list, tier + category", "families:households",
         {"tier": tier.pk, "category": category.pk}),
        ("list, text search", "families:households", {"q": "王"}),
        ("coverage", "families:coverage", {}),
        ("honours list", "families:honours", {}),
        ("honours awaiting me", "families:honours", {"awaiting": "true"}),
    ]
    for username in ("district_staff", "street_chair"):
        client = Client()
        client.force_login(User.objects.get(username=username))
        for label, name, params in pages:
            timings = []
            for _ in range(args.repeat):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(reverse(name), params)
                    timings.append(time.perf_counter() - started)
                assert response.status_code == 200, (name, response.status_code)
            print(f"{username:15} {label:24} median {statistics.median(timings) * 1000:7.1f} ms"
                  f"  max {max(timings) * 1000:7.1f} ms  {len(queries.captured_queries)} queries")


if __name__ == "__main__":
    main()
