"""Time the children's pages and exports on a seeded database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fed_children_bench \\
        .venv/bin/python bench/children_pages.py --seed large

`--seed SCALE` empties nothing: it migrates and seeds only when the database has no
organizations. Prints the record counts and, per page, the median of several requests and the
number of queries, as district staff (whole district) and as a street chair.
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

    from children.models import Assessment, Child, Grant, NursingRoom, Project
    from orgs.models import User

    settings.ALLOWED_HOSTS = ["*"]
    if args.seed:
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        call_command("seed_demo", "--scale", args.seed, "--if-empty")
        print(f"seed_demo --scale {args.seed}: {time.perf_counter() - started:.1f} s")
    if connection.vendor == "postgresql":  # fresh bulk loads have no planner statistics yet
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    print(f"projects {Project.objects.count():,}, rooms {NursingRoom.objects.count():,}, "
          f"assessments {Assessment.objects.count():,}, children {Child.objects.count():,}, "
          f"grants {Grant.objects.count():,}")
    pages = [
        ("overview", "children:overview", {}),
        ("projects", "children:projects", {}),
        ("projects, page 3", "children:projects", {"page": 3}),
        ("projects export", "children:project_export", {}),
        ("rooms", "children:rooms", {}),
        ("rooms below area", "children:rooms", {"below": "on"}),
        ("rooms due", "children:rooms_due", {}),
        ("rooms export", "children:room_export", {}),
        ("children", "children:children", {}),
        ("children export", "children:child_export", {}),
        ("grants", "children:grants", {}),
        ("grants export", "children:grant_export", {}),
        ("home", "home", {}),
    ]
    for username in ("district_staff", "street_chair"):
        client = Client()
        client.force_login(User.objects.get(username=username))
        print(f"\nas {username}:")
        for label, name, params in pages:
            timings, queries = [], 0
            for _ in range(args.repeat):
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.get(reverse(name), params)
                    timings.append(time.perf_counter() - started)
                assert response.status_code == 200, (name, response.status_code)
                queries = len(captured)
            print(f"  {label:<20} {statistics.median(timings) * 1000:7.1f} ms  "
                  f"{queries:3d} queries")


if __name__ == "__main__":
    main()
