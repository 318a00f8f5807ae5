"""Redis stopped: data entry still works, queued requests say clearly that the queue is
unavailable, nothing answers 500."""

import pytest
from celery import Celery
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from federation.kernel.queue import QueueUnavailable, enqueue, enqueue_or_warn
from orgs.models import Organization
from tests.orgs.test_forms import org_data

DEAD_REDIS = "redis://127.0.0.1:1/0"


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {"default": {
        "BACKEND": "federation.kernel.cache.ResilientRedisCache", "LOCATION": DEAD_REDIS,
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}}
    settings.REDIS_URL = settings.CELERY_BROKER_URL = DEAD_REDIS


@pytest.fixture
def dead_queue_task():
    app = Celery("redis-down-test", broker=DEAD_REDIS, set_as_current=False)
    app.conf.broker_transport_options = {"socket_connect_timeout": 1, "socket_timeout": 1,
                                         "max_retries": 0}
    app.conf.broker_connection_retry = False

    @app.task
    def build_report(year):
        return year

    return build_report


def test_cache_outage_is_a_miss(redis_down):
    cache.set("k", 1)
    assert cache.get("k", "miss") == "miss"
    assert cache.get_or_set("k", lambda: 42) == 42
    assert cache.add("k", 1) is False and cache.get_many(["a", "b"]) == {}


def test_data_entry_works_while_redis_is_down(world, login, redis_down):
    client = login(world.users["street_chair"])
    assert client.get(reverse("home")).status_code == 200
    response = client.post(reverse("orgs:create", args=[world.s1.pk]),
                           org_data(parent=world.s1.pk))
    assert response.status_code == 302
    assert Organization.objects.filter(code="C9").exists()


def test_queue_down_is_a_clear_message_not_an_error(world, rf, dead_queue_task):
    with pytest.raises(QueueUnavailable):
        enqueue(dead_queue_task, 2025)
    request = rf.post("/")
    request.session = {}
    from django.contrib.messages.storage.fallback import FallbackStorage

    request._messages = FallbackStorage(request)
    with translation.override("zh-hans"):
        assert enqueue_or_warn(request, dead_queue_task, 2025) is None
    shown = [str(m) for m in get_messages(request)]
    assert shown and "任务队列" in shown[0]
