"""Load scenario: 50 users browse and submit tallies for 3 minutes, against gunicorn +
PostgreSQL on this machine (loopback only), with Locust run in-process (headless).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fed_bench_large \\
        .venv/bin/python bench/load.py [--users 50 --ramp 30 --duration 180]

Needs a database seeded at large scale (`seed_demo --scale large`). Prepares per-run login
accounts `bench_load_<n>` (community chairs, street chairs, district staff, leaders; each
chair on her own street/community) with a known password, clears the django-axes failure
records of those accounts, and deletes the bench chairs' tallies of the last `MONTHS` months
so that every submission is a real first submission. gunicorn runs with DEBUG off, two-factor
made optional (TWO_FACTOR_REQUIRED_ROLES=, as on demo machines: no phone in a load test).

Every user logs in once through the real login form (one password hash each, ~0.3 s), then
browses list pages and the dashboard; chairs also open their tally form and submit it (one
month after the other, going back from this month). `--duration` counts from the start,
ramp included. Prints requests/s, per page: requests, median, p95 and failures, and
PASS/FAIL against the targets: no errors, list pages and dashboard p95 < 300 ms, tally form
and submission p95 < 1 s (login is printed but has no target). Finally checks in the database
that the submissions were saved.
"""

from __future__ import annotations

# Locust patches the standard library for gevent: import it before anything else.
import gevent  # isort: skip
from locust import FastHttpUser, between, events, task  # isort: skip
from locust.env import Environment  # isort: skip

import argparse
import datetime
import http.client
import itertools
import os
import random
import re
import socket
import subprocess
import sys
import time
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "federation.settings")
os.environ.setdefault("DEBUG", "true")  # this process only prepares data; gunicorn runs DEBUG off
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-" + "x" * 40)

from bench.serving import production_env, start_gunicorn  # noqa: E402

PASSWORD = "Bench-Load-2025!x"  # bench accounts only
MONTHS = 36  # months of tallies a chair may submit in one run (this month backwards)
ROLE_MIX = (
    ("community_chair", 0.4),
    ("street_chair", 0.3),
    ("district_staff", 0.2),
    ("leader", 0.1),
)
LOGIN = ("login form", "login")
FORM_PAGES = ("tally form", "tally submit")
FIELD = re.compile(r'<input type="text" name="(v\d+)"(?: value="([^"]*)")?')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')


def months_back(count: int) -> list[datetime.date]:
    from django.utils import timezone

    month = timezone.localdate().replace(day=1)
    out = []
    for _ in range(count):
        out.append(month)
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return out


def prepare(users: int) -> dict[str, list[tuple[str, int]]]:
    """role -> [(username, org id)] of the bench accounts, reset for this run."""
    from axes.models import AccessAttempt, AccessFailureLog
    from django.contrib.auth.hashers import make_password

    from orgs.models import Organization, OrgKind, Role, User
    from orgs.tallies.models import Tally

    if Organization.objects.filter(kind=OrgKind.COMMUNITY).count() < 1000:
        sys.exit(
            "The database is not seeded at large scale. Seed it with:\n"
            "  DEBUG=true DATABASE_URL=… .venv/bin/python manage.py migrate\n"
            "  DEBUG=true DATABASE_URL=… .venv/bin/python manage.py seed_demo --scale large"
        )
    counts = {role: max(1, round(users * share)) for role, share in ROLE_MIX}
    counts["community_chair"] += users - sum(counts.values())
    district = Organization.objects.get(kind=OrgKind.DISTRICT, depth=1)
    orgs = {
        "community_chair": list(
            Organization.objects.filter(kind=OrgKind.COMMUNITY, is_active=True).order_by("path")
        ),
        "street_chair": list(
            Organization.objects.filter(kind=OrgKind.STREET, is_active=True).order_by("path")
        ),
    }
    rng = random.Random(2025)
    password = make_password(PASSWORD)  # one hash for all: prepared in a second, not 15
    accounts: dict[str, list[tuple[str, int]]] = {}
    n = itertools.count()
    for role, count in counts.items():
        pool = rng.sample(orgs[role], count) if role in orgs else [district] * count
        for org in pool:
            username = f"bench_load_{next(n)}"
            user, _ = User.objects.get_or_create(
                username=username, defaults={"org": org, "role": role}
            )
            user.org, user.role, user.password, user.is_active = org, role, password, True
            user.must_change_password = False
            user.save()
            accounts.setdefault(role, []).append((username, org.pk))
    names = [u for group in accounts.values() for u, _ in group]
    User.objects.filter(username__startswith="bench_load_").exclude(username__in=names).update(
        is_active=False
    )
    AccessAttempt.objects.filter(username__in=names).delete()
    AccessFailureLog.objects.filter(username__in=names).delete()
    chair_orgs = [o for role in orgs for _, o in accounts.get(role, [])]
    Tally.objects.filter(org__in=chair_orgs, month__in=months_back(MONTHS)).delete()
    assert Role.COMMUNITY_CHAIR in accounts and Role.STREET_CHAIR in accounts
    return accounts


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, workers: int) -> subprocess.Popen:
    server = start_gunicorn(port, workers, production_env(
        # The production shape: the workers share one cache (and the broker) in Redis.
        REDIS_URL=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/2"),
    ))
    # Warm every worker (imports, compiled templates) before the clock starts.
    for _ in range(workers * 4):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", "/accounts/login/")
        conn.getresponse().read()
    return server


# ---------------------------------------------------------------- Locust users
class LoopbackCookies(DefaultCookiePolicy):
    """With DEBUG off the session and CSRF cookies are Secure (the TLS proxy is left out here):
    send them back over plain HTTP on the loopback."""

    def return_ok_secure(self, cookie, request):
        return True


ACCOUNTS: dict[str, list[tuple[str, int]]] = {}
TALLY_MONTHS: list[datetime.date] = []
SUBMITTED: list[tuple[int, datetime.date]] = []


class Portal(FastHttpUser):
    abstract = True
    role = ""
    wait_time = between(1, 4)
    pages: tuple[tuple[str, str, int], ...] = (
        ("dashboard", "/", 3),
        ("orgs list", "/orgs/", 1),
        ("activities list", "/orgs/activities/", 2),
        ("tallies list", "/orgs/tallies/", 2),
        ("households list", "/families/households/", 2),
        ("honours list", "/families/honours/", 1),
        ("children projects", "/children/projects/", 1),
        ("children rooms", "/children/rooms/", 1),
    )

    def on_start(self):
        self.username, self.org_id = ACCOUNTS[self.role].pop()
        self.months = iter(TALLY_MONTHS)
        self.client.cookiejar.set_policy(LoopbackCookies())
        with self.client.get("/accounts/login/", name=LOGIN[0], catch_response=True) as r:
            token = CSRF.search(r.text or "")
            if r.status_code != 200 or not token:
                r.failure(f"login page {r.status_code}")
                raise RuntimeError("no login page")
        with self.client.post(
            "/accounts/login/",
            name=LOGIN[1],
            catch_response=True,
            allow_redirects=False,
            data={
                "csrfmiddlewaretoken": token.group(1),
                "username": self.username,
                "password": PASSWORD,
                "next": "/",
            },
            headers={"Referer": self.host + "/accounts/login/"},
        ) as r:
            if r.status_code != 302 or r.headers.get("Location") != "/":
                r.failure(f"login of {self.username}: {r.status_code} {r.headers.get('Location')}")

    def open(self, name: str, path: str):
        with self.client.get(path, name=name, catch_response=True, allow_redirects=False) as r:
            if r.status_code != 200:
                r.failure(f"{r.status_code} {r.headers.get('Location', '')}")

    @task(10)
    def browse(self):
        names, weights = zip(*((p[:2], p[2]) for p in self.pages), strict=True)
        name, path = random.choices(names, weights)[0]
        self.open(name, path)


class Chair(Portal):
    abstract = True

    @task(3)
    def submit_tally(self):
        month = next(self.months, None)
        if month is None:
            return
        path = f"/orgs/tallies/{self.org_id}/{month.year}/{month.month}/"
        with self.client.get(path, name=FORM_PAGES[0], catch_response=True) as r:
            page = r.text or ""
            version = VERSION.search(page)
            token = CSRF.search(page)
            if r.status_code != 200 or not version or not token:
                r.failure(f"{r.status_code}: no tally form")
                return
        # Keep what the form shows (pre-filled from the activity log), fill in the rest,
        # and tick "confirm" as a chair does after the 3x-last-year warning.
        fields = {}
        for name, value in FIELD.findall(page):
            fields[name] = value or str(random.randrange(0, 6))
            fields["confirm" + name[1:]] = "on"
        self.wait_time_between_get_and_post()
        with self.client.post(
            path,
            name=FORM_PAGES[1],
            catch_response=True,
            allow_redirects=False,
            data={
                "csrfmiddlewaretoken": token.group(1),
                "version": version.group(1),
                "submit": "1",
                **fields,
            },
            headers={"Referer": self.host + path},
        ) as r:
            if r.status_code != 302:
                r.failure(f"{r.status_code}: not saved")
            else:
                SUBMITTED.append((self.org_id, month))

    def wait_time_between_get_and_post(self):
        gevent.sleep(random.uniform(1, 3))  # filling in the form


class CommunityChair(Chair):
    role = "community_chair"
    weight = 1


class StreetChair(Chair):
    role = "street_chair"
    weight = 1


class DistrictStaff(Portal):
    role = "district_staff"
    weight = 1
    pages = (
        *Portal.pages,
        ("cases list", "/rights/", 2),
        ("risk register", "/rights/register/", 1),
        ("children list", "/children/children/", 1),
        ("completeness", "/orgs/tallies/completeness/", 1),
    )


class Leader(Portal):
    role = "leader"
    weight = 1


USER_CLASSES = {
    "community_chair": CommunityChair,
    "street_chair": StreetChair,
    "district_staff": DistrictStaff,
    "leader": Leader,
}


def report(env: Environment, elapsed: float, users: int, workers: int) -> bool:
    stats = env.stats
    total = stats.total
    print(
        f"\n{users} users, {elapsed:.0f} s, gunicorn {workers} workers on {os.cpu_count()} "
        f"CPUs; load average (1 min) {os.getloadavg()[0]:.1f}"
    )
    print(
        f"total: {total.num_requests} requests, {total.num_requests / elapsed:.1f} requests/s, "
        f"{total.num_failures} failures"
    )
    print(
        f"{'page':<20} {'requests':>8} {'median ms':>10} {'p95 ms':>8} {'max ms':>8} "
        f"{'fails':>6}  target"
    )
    ok = total.num_failures == 0
    for (name, _method), entry in sorted(stats.entries.items()):
        if not entry.num_requests:
            continue
        p95 = entry.get_response_time_percentile(0.95)
        if name in LOGIN:
            target, passed = "-", True
        elif name in FORM_PAGES:
            target, passed = "p95<1000", p95 < 1000
        else:
            target, passed = "p95<300", p95 < 300
        ok &= passed and entry.num_failures == 0
        print(
            f"{name:<20} {entry.num_requests:>8} {entry.median_response_time:>10.0f} "
            f"{p95:>8.0f} {entry.max_response_time:>8.0f} {entry.num_failures:>6}  {target}"
            f"{'' if passed else '  FAIL'}"
        )
    errors = sum(e.occurrences for e in stats.errors.values())
    print(f"errors: {errors}")
    for error in list(stats.errors.values())[:10]:
        print(f"  {error.occurrences} x {error.method} {error.name}: {error.error}")
    return ok and errors == 0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--ramp", type=float, default=30, help="seconds to start all users")
    parser.add_argument("--duration", type=float, default=180, help="seconds, ramp included")
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 2) * 2 + 1)
    args = parser.parse_args()

    import django

    django.setup()
    from orgs.tallies.models import Tally

    print(f"preparing {args.users} bench accounts…")
    ACCOUNTS.update(prepare(args.users))
    TALLY_MONTHS.extend(months_back(MONTHS))
    port = free_port()
    server = start_server(port, args.workers)
    try:
        classes = []
        for role, cls in USER_CLASSES.items():
            cls.fixed_count = len(ACCOUNTS.get(role, []))
            if cls.fixed_count:
                classes.append(cls)
        env = Environment(user_classes=classes, events=events, host=f"http://127.0.0.1:{port}")
        runner = env.create_local_runner()
        print(
            f"load: {args.users} users ramped over {args.ramp:.0f} s, {args.duration:.0f} s in all"
        )
        started = time.perf_counter()
        runner.start(args.users, spawn_rate=args.users / args.ramp)
        gevent.spawn_later(args.duration, runner.quit)
        runner.greenlet.join()
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    ok = report(env, elapsed, args.users, args.workers)
    saved = sum(
        Tally.objects.filter(
            org_id=org, month=month, state="submitted", first_submitted_at__isnull=False
        ).exists()
        for org, month in SUBMITTED
    )
    print(f"tallies submitted: {len(SUBMITTED)}, found saved in the database: {saved}")
    ok &= saved == len(SUBMITTED)
    print("PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
