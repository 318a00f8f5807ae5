"""Redis stopped: data entry still works, queued requests say clearly that the queue is
unavailable, nothing answers 500."""

import contextlib

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


@pytest.fixture
def whole_redis_down(settings, redis_down):
    """Broker, result backend and cache all at a closed port, with the project's own Celery
    timeouts and retry settings (federation.settings)."""
    from federation.celery import app

    saved = {k: app.conf[k] for k in ("broker_url", "result_backend", "task_always_eager")}
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.update(broker_url=DEAD_REDIS, result_backend=DEAD_REDIS, task_always_eager=False)

    def reset():
        app._pool = None
        app.amqp._producer_pool = None
        app._local.__dict__.pop("backend", None)

    reset()
    # A serving worker has loaded the Redis transport long before: load it now, so the timings
    # below measure the outage, not first-time imports.
    with contextlib.suppress(Exception), app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=0)
    yield app
    app.conf.update(**saved)
    reset()


def test_a_summary_request_answers_within_2_s_when_redis_is_gone(
        world, login, whole_redis_down, django_capture_on_commit_callbacks, settings, tmp_path,
        monkeypatch):
    """The time the request spends on Redis (queueing the build) is measured on its own: the
    rest of the request is page rendering, whatever the machine's load."""
    import time

    from federation.models import ReportRun
    from federation.portal.summary.tasks import build_summary

    settings.MEDIA_ROOT = tmp_path
    spent = []
    send = build_summary.apply_async

    def timed(*args, **kwargs):
        started = time.monotonic()
        try:
            return send(*args, **kwargs)
        finally:
            spent.append(time.monotonic() - started)

    monkeypatch.setattr(build_summary, "apply_async", timed)
    client = login(world.users["leader"])
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("summary:home"), {"year": 2025, "org": world.district.pk})
    page = client.get(response["Location"])
    elapsed = time.monotonic() - started
    print(f"\nsummary request with Redis gone: queueing {spent[0]:.2f} s, "
          f"request and run page {elapsed:.2f} s")
    assert response.status_code == 302 and page.status_code == 200
    assert page.context["run"].status == ReportRun.Status.FAILED
    assert "任务队列暂不可用" in page.content.decode()
    assert len(spent) == 1 and spent[0] < 2


def test_the_queue_helper_and_the_cache_answer_within_2_s(world, whole_redis_down):
    import time

    from federation.portal.summary.tasks import build_summary

    started = time.monotonic()
    with pytest.raises(QueueUnavailable):
        enqueue(build_summary, 1)  # the project's app: broker and result backend down
    queued = time.monotonic() - started
    started = time.monotonic()
    cache.set("dashboard", 1)
    assert cache.get("dashboard", "miss") == "miss"
    cached = time.monotonic() - started
    print(f"\nenqueue with Redis gone: {queued:.2f} s; cache set + get: {cached:.2f} s")
    assert queued < 2 and cached < 2
