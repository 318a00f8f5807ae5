"""Year-end summary build: time and memory against the floor.

Prints the full build time (workbook + narrative) beside the time of its queries alone and of
a bare openpyxl write-only dump of the same cells (the floor), their ratio (goal <= 1.5), the
number of queries, and the peak memory of a build in a fresh process.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fed_bench \
      .venv/bin/python bench/summary_build.py --year 2025 [--seed large]
"""

from __future__ import annotations

import argparse
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


def measure(year: int, code: str | None) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation
    from openpyxl import Workbook

    from federation.portal.summary.build import build_files, collect
    from federation.portal.summary.data import SummaryContext
    from orgs.models import Organization

    org = Organization.objects.get(code=code) if code else Organization.objects.get(depth=1)
    ctx = SummaryContext(year, org)
    with translation.override("zh-hans"):
        collect(ctx)  # warm caches and imports, as a worker that has run before
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            sections = collect(ctx)
            t_queries = time.perf_counter() - started
        cells = 0
        started = time.perf_counter()
        wb = Workbook(write_only=True)
        for section in sections:
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
    return {"org": org.code, "organizations": Organization.objects.within(
        org).count(), "queries": len(queries), "cells": cells,
        "t_queries": t_queries, "t_dump": t_dump, "t_build": t_build}


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
    floor = r["t_queries"] + r["t_dump"]
    print(f"scope {r['org']}: {r['organizations']} organizations, {r['queries']} queries, "
          f"{r['cells']} table cells")
    print(f"queries alone        {r['t_queries']:7.2f} s")
    print(f"bare openpyxl dump   {r['t_dump']:7.2f} s")
    print(f"floor (sum)          {floor:7.2f} s")
    print(f"full build           {r['t_build']:7.2f} s   (goal <= 10 s, limit 20 s)")
    print(f"ratio build / floor  {r['t_build'] / floor:7.2f}     (goal <= 1.5)")
    print(f"peak memory          {r['peak_mb']:7.0f} MB  (goal <= 300 MB)")


if __name__ == "__main__":
    main()
