"""Year-end summary build: time and memory against the floor.

Prints the full build time (workbook + narrative) beside an honest floor: the fewest plain
SQL aggregates that give the summary's figures, run straight on the cursor (one per figure
family: tallies by indicator and month over both years and by street, activities by category
and month, organizations, posts, households, honours by type and level, rights cases, children,
the completeness grid's tallies, and the items' families: campaigns, activity outputs,
donations, teams, duties, standing titles, assistance, risk screenings, pairings, visits,
plan items), plus a bare openpyxl write-only dump of the same cells; their
ratio (goal <= 1.5), the time of the build's own queries, the number of queries, and the peak
memory of a build in a fresh process. The database is ANALYZEd first (seed_demo does it too):
stale statistics after a bulk load tripled the time.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fed_bench \
      .venv/bin/python bench/summary_build.py --year 2025 [--seed large]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "federation.settings")
os.environ.setdefault("DEBUG", "true")


def setup():
    import django

    django.setup()


def seed_if_empty(scale: str) -> None:
    from django.core.management import call_command

    from orgs.models import Organization

    if not Organization.objects.exists():
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        call_command("seed_demo", "--scale", scale)
        print(f"seeded --scale {scale} in {time.perf_counter() - started:.0f} s")
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def floor_queries(org, year: int) -> list:
    """The dashboard's floor aggregates (bench/dashboard.py) and those only the summary needs."""
    from dashboard import floor_queries as dashboard_floor
    from django.db.models import Count, Sum
    from django.db.models.functions import ExtractMonth

    from families.models import Honour
    from orgs.activities.models import Activity
    from orgs.models import Organization, Position
    from orgs.scoping import street_of, subtree_q
    from orgs.tallies.models import COUNTED_STATES, Tally, TallyValue

    year_range = (datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    return [q for q in dashboard_floor(org, year) if q[0] not in (
        "one indicator by street", "completeness grid tallies")] + [
        ("tallies by street, every indicator", TallyValue.objects.filter(
            subtree_q("tally__org", org), tally__month__range=year_range,
            tally__state__in=COUNTED_STATES, tally__org__depth__gte=2).order_by()
         .annotate(street=street_of("tally__org")).values("street", "indicator_id")
         .annotate(total=Sum("value"))),
        ("activities by category and month", Activity.objects.within(org).filter(
            starts_on__range=year_range).order_by().annotate(m=ExtractMonth("starts_on"))
         .values("category_id", "m").annotate(n=Count("pk"), women=Sum("women"),
                                              people=Sum("participants"))),
        ("honours by type, level and year", Honour.objects.within(org).filter(
            year__gte=year - 1, state="awarded").order_by()
         .values("honour_type_id", "level_id", "year").annotate(n=Count("pk"))),
        ("committee members by level and post", Position.objects.within(org).current(
            year_range[1]).order_by().values("org__kind", "post")
         .annotate(n=Count("person", distinct=True))),
        ("completeness grid tallies", Tally.objects.filter(
            subtree_q("org", org), month__range=year_range)
         .values("org_id", "month", "first_submitted_at")),
        ("organizations of the grid", Organization.objects.within(org).filter(
            kind__in=("street", "community")).values("pk", "name", "code", "path")),
    ] + item_floor(org, year)


def item_floor(org, year: int) -> list:
    """One aggregate per family of items the summary states beyond the module tables:
    campaigns, activity outputs and donations in kind, teams, executive members' duties and
    requests, standing titles in force, women's assistance, risk screenings, children's
    pairings and visits, the work plan."""
    from django.db.models import Count, Q, Sum
    from django.db.models.functions import ExtractYear

    from children.models import Pairing, Visit
    from families.models import Honour
    from federation.portal.models import PlanItem
    from orgs.activities.models import Activity, Donation
    from orgs.duties.models import Duty
    from orgs.scoping import subtree_q
    from orgs.teams.models import Team
    from rights.models import Assistance, Screening

    both = (datetime.date(year - 1, 1, 1), datetime.date(year, 12, 31))
    end = both[1]
    by_year = {"y": ExtractYear("starts_on")}
    return [
        ("activities by campaign and year", Activity.objects.within(org).filter(
            starts_on__range=both, campaign__isnull=False).order_by().annotate(**by_year)
         .values("campaign_id", "y").annotate(n=Count("pk"), people=Sum("participants"))),
        ("activity outputs by year", Activity.objects.within(org).filter(
            starts_on__range=both).order_by().annotate(**by_year).values("y").annotate(
            households=Sum("households"), materials=Sum("materials"),
            cash=Sum("cash_donations"))),
        ("donations in kind by year", Donation.objects.filter(
            subtree_q("activity__org", org), activity__starts_on__range=both).order_by()
         .annotate(y=ExtractYear("activity__starts_on")).values("y")
         .annotate(value=Sum("value"))),
        ("teams by kind", Team.objects.filter(subtree_q("org", org)).filter(
            Q(disbanded_on__isnull=True) | Q(disbanded_on__gt=end)).order_by()
         .values("kind_id").annotate(n=Count("pk"), members=Sum("members"))),
        ("duties and requests by year", Duty.objects.within(org).filter(
            done_on__range=both).order_by().annotate(y=ExtractYear("done_on")).values("y")
         .annotate(n=Count("pk"), women=Sum("women_reached"), requests=Count("request"),
                   people=Count("person", distinct=True))),
        ("standing titles in force", Honour.objects.within(org).filter(
            state="awarded", honour_type__workflow="standing").filter(
            Q(revoked_on__isnull=True) | Q(revoked_on__gt=end)).order_by()
         .values("honour_type_id", "level_id").annotate(n=Count("pk"))),
        ("assistance by kind and year", Assistance.objects.within(org).filter(
            given_on__range=both).order_by().annotate(y=ExtractYear("given_on"))
         .values("kind_id", "y").annotate(n=Count("pk"), amount=Sum("amount"),
                                          goods=Sum("goods_value"))),
        ("risk screenings by year", Screening.objects.filter(
            subtree_q("household__org", org), month__range=both).order_by()
         .annotate(y=ExtractYear("month")).values("y")
         .annotate(n=Count("pk"), households=Count("household", distinct=True))),
        ("children paired", Pairing.objects.within(org).filter(since__lte=end).filter(
            Q(until__isnull=True) | Q(until__gte=both[0])).order_by()
         .values("child_id").distinct()),
        ("visits by year", Visit.objects.within(org).filter(
            visited_on__range=both).order_by().annotate(y=ExtractYear("visited_on"))
         .values("y").annotate(n=Count("pk"))),
        ("plan items", PlanItem.objects.filter(org=org, year__in=(year, year + 1))
         .values("pk", "measure", "target", "line_id", "task")),
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


def measure(year: int, code: str | None) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation
    from openpyxl import Workbook

    from federation.portal.summary.annexes import annexes as all_annexes
    from federation.portal.summary.build import build_files, collect
    from federation.portal.summary.data import SummaryContext
    from orgs.models import Organization

    org = Organization.objects.get(code=code) if code else Organization.objects.get(depth=1)
    ctx = SummaryContext(year, org)
    with translation.override("zh-hans"):
        # The items of every line of work and the module annexes: the build's queries.
        collect(org, ctx.period)  # warm caches and imports, as a worker that has run before
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            collect(org, ctx.period)
            annexes = all_annexes(org, ctx.period)
            t_queries = time.perf_counter() - started
        cells = 0
        started = time.perf_counter()
        wb = Workbook(write_only=True)
        for section in annexes:
            ws = wb.create_sheet(section.sheet[:31])
            for table in section.tables:
                ws.append(table.header)
                for row in table.rows:
                    ws.append(row)
                    cells += len(row)
        with tempfile.TemporaryDirectory() as tmp:
            wb.save(Path(tmp) / "floor.xlsx")
            t_dump = time.perf_counter() - started
            started = time.perf_counter()
            build_files(ctx, Path(tmp) / "s.xlsx", Path(tmp) / "s.docx")
            t_build = time.perf_counter() - started
    floor = floor_queries(org, year)
    run_floor(floor)
    t_sql = min(run_floor(floor) for _ in range(3))
    return {"org": org.code, "organizations": Organization.objects.within(
        org).count(), "queries": len(queries), "cells": cells, "floor_queries": len(floor),
        "t_queries": t_queries, "t_dump": t_dump, "t_build": t_build, "t_sql": t_sql}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--org")
    parser.add_argument("--seed", choices=["small", "district", "large"])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    setup()
    if args.child:  # one build in a fresh process: its peak memory is the build's
        result = measure(args.year, args.org)
        result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
        return
    if args.seed:
        seed_if_empty(args.seed)
    command = [sys.executable, __file__, "--child", "--year", str(args.year)]
    if args.org:
        command += ["--org", args.org]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    r = json.loads(out.strip().splitlines()[-1])
    floor = r["t_sql"] + r["t_dump"]
    print(f"scope {r['org']}: {r['organizations']} organizations, {r['queries']} queries, "
          f"{r['cells']} table cells")
    print(f"the build's queries  {r['t_queries']:7.2f} s")
    print(f"plain SQL aggregates {r['t_sql']:7.2f} s   ({r['floor_queries']} queries)")
    print(f"bare openpyxl dump   {r['t_dump']:7.2f} s")
    print(f"floor (SQL + dump)   {floor:7.2f} s")
    print(f"full build           {r['t_build']:7.2f} s   (goal <= 10 s, limit 20 s)")
    print(f"ratio build / floor  {r['t_build'] / floor:7.2f}     (goal <= 1.5)")
    print(f"peak memory          {r['peak_mb']:7.0f} MB  (goal <= 300 MB)")


if __name__ == "__main__":
    main()
