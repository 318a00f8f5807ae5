"""How fast /health/ answers when all is up, when Redis refuses connections and when Redis is
unreachable (packets dropped), and what one password check costs.

    DEBUG=true .venv/bin/python bench/health.py          # on the configured database (migrated)
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "federation.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.hashers import check_password, make_password  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

REFUSED = "redis://127.0.0.1:1/0"
UNREACHABLE = "redis://10.255.255.1:6379/0"  # a non-routed address


def timed(client: Client, runs: int) -> tuple[float, float, int]:
    took, status = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        status = client.get("/health/").status_code
        took.append((time.perf_counter() - started) * 1000)
    took.sort()
    return statistics.median(took), took[int(len(took) * 0.95) - 1], status


def dead_redis(url: str):
    return override_settings(REDIS_URL=url, CELERY_BROKER_URL=url, CACHES={"default": {
        "BACKEND": "federation.kernel.cache.ResilientRedisCache", "LOCATION": url,
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2}}})


def main() -> None:
    from federation.portal.tasks import heartbeat

    heartbeat.run()  # as beat would have done a minute ago
    client = Client(HTTP_HOST="127.0.0.1")
    print("case                         median ms    p95 ms  status")
    for label, context, runs in (("all up", None, 50), ("redis refused", REFUSED, 20),
                                 ("redis no route", UNREACHABLE, 3)):
        if context is None:
            median, p95, status = timed(client, runs)
        else:
            with dead_redis(context):
                median, p95, status = timed(client, runs)
        print(f"/health/ {label:<20} {median:9.1f} {p95:9.1f}  {status}")
    encoded = make_password("Bench-pass-2026")  # the production hasher (PBKDF2)
    started = time.perf_counter()
    for _ in range(5):
        check_password("Bench-pass-2026", encoded)
    each = (time.perf_counter() - started) / 5 * 1000
    print(f"password check (production hasher): {each:.0f} ms")


if __name__ == "__main__":
    main()
