"""/health/: JSON state of database, cache, broker and beat; 503 (never 500) when one is down."""

import datetime

import pytest
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone

from federation.kernel.models import Heartbeat
from federation.portal import health, tasks

DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1: refused at once


def get(client):
    response = client.get(reverse("health"))
    return response.status_code, response.json()


def test_all_up_without_redis_reports_eager(client, db, settings):
    settings.REDIS_URL = ""
    status, body = get(client)
    assert status == 200 and body["status"] == "ok"
    checks = body["checks"]
    assert checks["database"]["status"] == "ok" and checks["cache"]["status"] == "ok"
    assert checks["broker"]["status"] == "eager"
    assert checks["beat"] == {"status": "never", "last_run": None, "ms": checks["beat"]["ms"]}


def test_beat_heartbeat_is_reported(client, db, settings):
    settings.REDIS_URL = ""
    tasks.heartbeat.delay()
    status, body = get(client)
    beat = body["checks"]["beat"]
    assert status == 200 and beat["status"] == "ok" and beat["age_seconds"] < 60
    assert beat["last_run"] == Heartbeat.objects.get(name="beat").at.isoformat()


def test_beat_schedule_runs_the_heartbeat(settings):
    assert settings.CELERY_BEAT_SCHEDULE["heartbeat"]["task"] == "federation.portal.tasks.heartbeat"


def test_broker_down_is_503_json(client, db, settings):
    settings.REDIS_URL = settings.CELERY_BROKER_URL = DEAD_REDIS
    Heartbeat.objects.create(name="beat", at=timezone.now())
    status, body = get(client)
    assert status == 503 and body["status"] == "down"
    assert body["checks"]["broker"]["status"] == "down"
    assert body["checks"]["database"]["status"] == "ok"


def test_late_beat_is_down_when_a_broker_is_configured(client, db, settings, redis_or_eager):
    Heartbeat.objects.create(name="beat", at=timezone.now() - datetime.timedelta(minutes=10))
    status, body = get(client)
    if redis_or_eager:
        assert status == 503 and body["checks"]["beat"]["status"] == "down"
    else:
        assert status == 200 and body["checks"]["beat"]["status"] == "ok"


def test_cache_down_is_503(client, db, settings):
    settings.REDIS_URL = ""
    settings.CACHES = {"default": {
        "BACKEND": "federation.kernel.cache.ResilientRedisCache", "LOCATION": DEAD_REDIS,
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}}
    status, body = get(client)
    assert status == 503 and body["checks"]["cache"]["status"] == "down"


def test_database_down_is_503_not_500(client, db, settings, monkeypatch):
    settings.REDIS_URL = ""

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    class DeadConnection:
        cursor = staticmethod(refuse)

    monkeypatch.setattr(health, "connection", DeadConnection())
    monkeypatch.setattr(Heartbeat.objects, "filter", refuse)
    status, body = get(client)
    assert status == 503
    assert body["checks"]["database"] == {"status": "down", "error": "OperationalError",
                                          "ms": body["checks"]["database"]["ms"]}
    assert body["checks"]["beat"]["status"] == "unknown"


@pytest.fixture
def redis_or_eager(settings):
    """True when this run has a real Redis (the CI PostgreSQL+Redis run)."""
    return bool(settings.REDIS_URL)


def test_configured_broker_is_pinged(client, db, settings, redis_or_eager):
    Heartbeat.objects.create(name="beat", at=timezone.now())
    status, body = get(client)
    assert status == 200
    assert body["checks"]["broker"]["status"] == ("ok" if redis_or_eager else "eager")
