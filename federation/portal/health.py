"""/health/: the state of the database, cache, broker and beat, as JSON, in about a second.

Each check catches its own failure and reports it; any required dependency down answers 503
so a load balancer or monitor can act, never a 500."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from federation.kernel.models import Heartbeat

BROKER_TIMEOUT = 1.0


def check_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {}


def check_cache() -> dict:
    key = "health:probe"
    cache.set(key, "ok", 10)
    if cache.get(key) != "ok":
        raise RuntimeError("value not read back")
    return {}


def check_broker() -> dict:
    if not settings.REDIS_URL:
        return {"status": "eager"}  # no broker: tasks run in-process
    import redis

    client = redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_timeout=BROKER_TIMEOUT,
                                  socket_connect_timeout=BROKER_TIMEOUT)
    try:
        client.ping()
    finally:
        client.close()
    return {}


def check_beat() -> dict:
    beat = Heartbeat.objects.filter(name="beat").first()
    if beat is None:
        return {"status": "never" if not settings.REDIS_URL else "down", "last_run": None}
    age = (timezone.now() - beat.at).total_seconds()
    late = age > settings.HEALTH_BEAT_MAX_AGE and settings.REDIS_URL
    return {"status": "down" if late else "ok", "last_run": beat.at.isoformat(),
            "age_seconds": round(age)}


CHECKS: dict[str, Callable[[], dict]] = {
    "database": check_database, "cache": check_cache, "broker": check_broker,
    "beat": check_beat,
}


def run_check(check: Callable[[], dict]) -> dict:
    started = time.monotonic()
    try:
        result = {"status": "ok", **check()}
    except Exception as error:  # a dependency down is a finding, not a crash
        result = {"status": "down", "error": type(error).__name__}
    result["ms"] = round((time.monotonic() - started) * 1000, 1)
    return result


@never_cache
def health(request):
    checks = {name: run_check(check) for name, check in CHECKS.items()}
    if checks["database"]["status"] == "down":
        checks["beat"] = {"status": "unknown"}  # read from the database
    healthy = all(c["status"] not in ("down", "unknown") for c in checks.values())
    return JsonResponse({"status": "ok" if healthy else "down", "checks": checks},
                        status=200 if healthy else 503)
