"""Deadline burst: 1,700 distinct chairs submit this month's tally within two minutes,
against gunicorn + PostgreSQL on this machine (loopback only).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fed_tallies_bench \\
        .venv/bin/python bench/tallies_burst.py

Needs a seeded database (`seed_demo --scale large`). When it holds fewer than `--chairs`
street/community chairs, bench-only communities with their chairs are added (codes BENCH…).
Each chair is logged in once (a session made with django.contrib.auth.login, which skips the
deliberately slow password hash), then, at a random moment of the window, opens her tally form
(GET) and submits it (POST). This month's tallies of those chairs are removed first so every
run starts from the same state. Prints the latencies, the server errors and checks in the
database that every submission was saved.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import secrets
import statistics
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "federation.settings")
os.environ.setdefault("DEBUG", "true")  # this process only prepares data; gunicorn runs DEBUG off
# Sessions made here must verify in gunicorn: both sign with this bench-only key.
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-" + "x" * 40)

from bench.serving import production_env, start_gunicorn  # noqa: E402


def prepare(count: int, month) -> list[tuple[int, str, str]]:
    """(org id, session key, CSRF secret) for `count` chairs of distinct organizations."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import login
    from django.http import HttpRequest

    from orgs.models import Organization, OrgKind, Role, User
    from orgs.tallies.models import TALLY_KINDS, Tally

    chairs, seen = [], set()
    for user in (User.objects.filter(role__in=(Role.STREET_CHAIR, Role.COMMUNITY_CHAIR),
                                     is_active=True, org__kind__in=TALLY_KINDS,
                                     org__is_active=True)
                 .exclude(username__startswith="bench_chair_").order_by("org_id", "pk")):
        if user.org_id not in seen:
            seen.add(user.org_id)
            chairs.append(user)
    streets = list(Organization.objects.filter(kind=OrgKind.STREET, is_active=True))
    extra = count - len(chairs)
    for n in range(max(0, extra)):
        street = Organization.objects.get(pk=streets[n % len(streets)].pk)
        org = Organization.objects.filter(code=f"BENCH{n:04d}").first() or street.add_child(
            code=f"BENCH{n:04d}", name=f"压测社区{n}妇联", kind=OrgKind.COMMUNITY)
        user, _ = User.objects.get_or_create(username=f"bench_chair_{n}", defaults={
            "org": org, "role": Role.COMMUNITY_CHAIR})
        user.org = org
        chairs.append(user)
    chairs = chairs[:count]
    Tally.objects.filter(org__in=[c.org_id for c in chairs], month=month).delete()
    engine = import_module(settings.SESSION_ENGINE)
    out = []
    for user in chairs:
        request = HttpRequest()
        request.session = engine.SessionStore()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        request.session.save()
        out.append((user.org_id, request.session.session_key, secrets.token_hex(16)))
    return out


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.get_ms: list[float] = []
        self.post_ms: list[float] = []
        self.errors: list[str] = []

    def add(self, kind: str, ms: float) -> None:
        with self.lock:
            (self.get_ms if kind == "get" else self.post_ms).append(ms)

    def error(self, text: str) -> None:
        with self.lock:
            self.errors.append(text)


FIELD = re.compile(r'<input type="text" name="(v\d+)"(?: value="([^"]*)")?')


def one_chair(port, chair, month, at, start, recorder, values, dry=False):
    org_id, session_key, csrf = chair
    delay = start + at - time.perf_counter()
    if delay > 0:
        time.sleep(delay)
    path = f"/orgs/tallies/{org_id}/{month.year}/{month.month}/"
    headers = {"Cookie": f"sessionid={session_key}; csrftoken={csrf}", "Host": "127.0.0.1"}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        started = time.perf_counter()
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        page = response.read().decode()
        recorder.add("get", (time.perf_counter() - started) * 1000)
        if response.status != 200:
            recorder.error(f"GET {path} -> {response.status}")
            return
        if dry:
            return
        version = re.search(r'name="version" value="(\d+)"', page).group(1)
        # Keep what the form shows (pre-filled from the activity log), fill the rest, and
        # tick "confirm" as a chair does after the 3x-last-year warning.
        fields = {}
        for name, value in FIELD.findall(page):
            fields[name] = value or str(values.randrange(0, 6))
            fields["confirm" + name[1:]] = "on"
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": csrf, "version": version,
                                       "submit": "1", **fields})
        started = time.perf_counter()
        conn.request("POST", path, body=body, headers={
            **headers, "Content-Type": "application/x-www-form-urlencoded"})
        response = conn.getresponse()
        response.read()
        recorder.add("post", (time.perf_counter() - started) * 1000)
        if response.status != 302:
            recorder.error(f"POST {path} -> {response.status}")
    except Exception as exc:  # a refused or dropped connection is a failure to report
        recorder.error(f"{path}: {exc!r}")
    finally:
        conn.close()


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chairs", type=int, default=1700)
    parser.add_argument("--window", type=float, default=120, help="seconds")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 2) * 2 + 1)
    parser.add_argument("--concurrency", type=int, default=64, help="client threads")
    args = parser.parse_args()

    import django

    django.setup()
    from django.utils import timezone

    from orgs.tallies.models import Tally

    month = timezone.localdate().replace(day=1)
    print(f"preparing {args.chairs} chairs and their sessions…")
    chairs = prepare(args.chairs, month)
    server = start_gunicorn(args.port, args.workers, production_env())
    try:
        # Warm every worker up (imports, compiled templates) before the clock starts.
        warm = Recorder()
        with ThreadPoolExecutor(max_workers=args.workers) as pool:
            for chair in chairs[: args.workers * 4]:
                pool.submit(one_chair, args.port, chair, month, 0, time.perf_counter(), warm,
                            random.Random(0), dry=True)
        rng = random.Random(2025)
        moments = sorted(rng.uniform(0, args.window) for _ in chairs)
        recorder = Recorder()
        print(f"burst: {len(chairs)} chairs within {args.window:.0f} s, gunicorn "
              f"{args.workers} workers, {args.concurrency} client threads")
        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
            for chair, at in zip(chairs, moments, strict=True):
                pool.submit(one_chair, args.port, chair, month, at, start, recorder,
                            random.Random(chair[0]))
        elapsed = time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=30)
    saved = Tally.objects.filter(org__in=[c[0] for c in chairs], month=month,
                                 state="submitted", first_submitted_at__isnull=False).count()
    print(f"finished in {elapsed:.1f} s; submissions saved: {saved} / {len(chairs)}; "
          f"errors: {len(recorder.errors)}; machine load average (1 min): "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    for label, values in (("GET form", recorder.get_ms), ("POST submit", recorder.post_ms)):
        if values:
            print(f"{label:<12} n={len(values):<5} p50={pct(values, 50):.0f} ms  "
                  f"p95={pct(values, 95):.0f} ms  max={max(values):.0f} ms")
    for error in recorder.errors[:10]:
        print("  error:", error)
    if saved != len(chairs) or recorder.errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
