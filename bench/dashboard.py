"""The leader's dashboard computed without its cache: time and queries against an honest floor.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/workbook_bench \\
        .venv/bin/python bench/dashboard.py [--seed large] [--user leader] [--repeat 7]

`--seed SCALE` migrates and seeds only an empty database (`large` takes about 20 minutes on
two busy cores: do it once). The page is the home page (tiles, charts, to-do list, panels)
with DASHBOARD_CACHE_SECONDS=0, so every view computes every figure. The floor runs, straight
on the database cursor, the fewest plain SQL aggregates that give the page's figures: one per
figure family (tallies by indicator and month over both years, one indicator by street,
targets, activities by year, organizations by kind, posts on both dates, households by street
and tier, honours, rights cases by category and year, children's projects and rooms by year,
the completeness grid's tallies, service sites, the to-do counts). The ratio page / floor
says what the ORM, Python and the template add. Prints the median of `--repeat` views.
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
os.environ["DASHBOARD_CACHE_SECONDS"] = "0"


def floor_queries(org, year: int) -> list[tuple[str, object]]:
    """(label, queryset) of the minimal aggregates for `org`'s subtree and `year`."""
    from django.db.models import Count, Q, Sum
    from django.db.models.functions import ExtractYear
    from django.utils import timezone

    from children.models import NursingRoom, Project
    from families.models import Honour, Household
    from orgs.activities.models import Activity
    from orgs.models import Organization, Position
    from orgs.scoping import street_of, subtree_q
    from orgs.tallies.models import COUNTED_STATES, AnnualTarget, Indicator, Tally, TallyValue
    from rights.models import Case

    first, last = datetime.date(year - 1, 1, 1), datetime.date(year, 12, 31)
    end, end_last = min(last, timezone.localdate()), datetime.date(year - 1, 12, 31)
    street = street_of("org")
    tallies = TallyValue.objects.filter(subtree_q("tally__org", org),
                                        tally__month__range=(first, last),
                                        tally__state__in=COUNTED_STATES).order_by()
    lecture = Indicator.objects.filter(code="lecture_attendance").values("pk")[:1]
    held = lambda day: Q(started_on__lte=day) & (Q(ended_on__isnull=True)  # noqa: E731
                                                 | Q(ended_on__gt=day))
    return [
        ("tallies by indicator and month, both years",
         tallies.values("indicator_id", "tally__month").annotate(total=Sum("value"))),
        ("one indicator by street", tallies.filter(
            indicator_id__in=lecture, tally__month__gte=datetime.date(year, 1, 1),
            tally__org__depth__gte=2).annotate(street=street_of("tally__org"))
            .values("street").annotate(total=Sum("value"))),
        ("annual targets", AnnualTarget.objects.filter(org=org, year=year)
         .values("indicator_id", "target")),
        ("activities by year", Activity.objects.within(org).filter(starts_on__range=(first, last))
         .order_by().annotate(y=ExtractYear("starts_on")).values("y")
         .annotate(n=Count("pk"), women=Sum("women"))),
        ("organizations by kind", Organization.objects.within(org).order_by()
         .values("kind").annotate(
             n=Count("pk", filter=Q(is_active=True)),
             then=Count("pk", filter=(Q(founded_on__isnull=True) | Q(founded_on__lte=end))
                        & (Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=first))))),
        ("posts on both dates", Position.objects.within(org).order_by().values("post")
         .annotate(now=Count("person", distinct=True, filter=held(end)),
                   then=Count("person", distinct=True, filter=held(end_last)))),
        ("households by street and tier", Household.objects.within(org).order_by()
         .annotate(k=street).values("k", "tier_id").annotate(
             n=Count("pk"), campaign=Count("pk", filter=Q(in_campaign=True)))),
        ("honours by year and state", Honour.objects.within(org).filter(year__gte=year - 1)
         .order_by().values("year", "state").annotate(n=Count("pk"))),
        ("rights cases by category and year", Case.objects.within(org).filter(
            received_on__range=(first, last)).order_by()
         .annotate(y=ExtractYear("received_on")).values("category_id", "y")
         .annotate(n=Count("pk"), closed=Count("pk", filter=Q(status="closed")))),
        ("projects and rooms by year", Project.objects.within(org).filter(
            completed_on__range=(first, last)).order_by()
         .annotate(y=ExtractYear("completed_on")).values("y").annotate(n=Count("pk"))),
        ("rooms built by year", NursingRoom.objects.within(org).filter(
            built_on__range=(first, last)).exclude(status="planned").order_by()
         .annotate(y=ExtractYear("built_on")).values("y").annotate(n=Count("pk"))),
        ("completeness grid tallies", Tally.objects.filter(
            org__in=Organization.objects.within(org).filter(kind__in=("street", "community"))
            .order_by("path").values("pk")[:30], month__year=year)
         .values("org_id", "month", "first_submitted_at")),
        ("streets", Organization.objects.within(org).filter(kind="street")
         .values("pk", "name", "path", "households")),
    ]


def run_floor(queries) -> float:
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        for _label, qs in queries:
            sql, params = qs.query.sql_with_params()
            cursor.execute(sql, params)
            cursor.fetchall()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", choices=["small", "district", "large"])
    parser.add_argument("--user", default="leader")
    parser.add_argument("--year", type=int)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone

    from orgs.models import Organization, User

    settings.ALLOWED_HOSTS = ["*"]
    if args.seed:
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        call_command("seed_demo", "--scale", args.seed, "--if-empty")  # ends with ANALYZE
        print(f"seed_demo --scale {args.seed}: {time.perf_counter() - started:.0f} s")
    year = args.year or timezone.localdate().year
    user = User.objects.get(username=args.user)
    org = user.org or Organization.objects.get(depth=1)
    client = Client()
    client.force_login(user)
    url = reverse("home")
    client.get(url, {"year": year})  # warm imports and templates, as a worker that has run
    timings, queries = [], 0
    for _ in range(args.repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url, {"year": year})
            timings.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
        queries = len(captured)
    floor = floor_queries(org, year)
    run_floor(floor)
    floors = [run_floor(floor) for _ in range(args.repeat)]
    page, bottom = statistics.median(timings), statistics.median(floors)
    print(f"scope {org.name} ({Organization.objects.within(org).count()}"
          f" organizations), year {year}, as {args.user}, {connection.vendor}")
    print(f"dashboard, uncached  {page * 1000:7.0f} ms  {queries:3d} queries  (goal <= 300 ms)")
    print(f"floor (plain SQL)    {bottom * 1000:7.0f} ms  {len(floor):3d} queries")
    print(f"ratio page / floor   {page / bottom:7.2f}")


if __name__ == "__main__":
    main()
