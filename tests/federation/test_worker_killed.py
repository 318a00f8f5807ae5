"""A Celery worker killed mid-task: the task completes once a worker runs again.

Needs the real services (a worker process must share the database and Redis with the test),
so it runs in the PostgreSQL + Redis run (CI) and is skipped on SQLite."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from celery import Celery
from django.conf import settings
from django.db import connection

from federation.kernel.models import Heartbeat
from federation.portal.tasks import ReliableTask, count_delivery, probe

ROOT = Path(settings.BASE_DIR)
needs_services = pytest.mark.skipif(
    not os.environ.get("REDIS_URL") or connection.vendor != "postgresql",
    reason="needs PostgreSQL and Redis shared with a worker process (the CI run)")


def database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def start_worker(queue: str, log: Path) -> subprocess.Popen:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "federation.settings", "DEBUG": "true",
           "DATABASE_URL": database_url(), "CELERY_VISIBILITY_TIMEOUT": "3",
           "CELERY_UNACKED_RESTORE_INTERVAL": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "federation", "worker", "-Q", queue,
         "--concurrency=1", "--pool=prefork", "--without-gossip", "--without-mingle",
         "--loglevel=INFO", "-n", f"{queue}@%h"],
        cwd=ROOT, env=env, stdout=log.open("a"), stderr=subprocess.STDOUT,
        start_new_session=True)


def kill(worker: subprocess.Popen) -> None:
    os.killpg(worker.pid, signal.SIGKILL)  # the main process and its pool child, no goodbye
    worker.wait(10)


def wait_for(name_prefix: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if Heartbeat.objects.filter(name__startswith=name_prefix).exists():
            return True
        time.sleep(0.3)
    return False


@pytest.fixture
def sender():
    """A Celery client of its own: the suite runs tasks in-process, this test uses Redis."""
    client = Celery("killtest-sender", broker=os.environ["REDIS_URL"], set_as_current=False)
    yield client
    client.close()


def test_probe_is_reliable():
    assert isinstance(probe, ReliableTask) and probe.acks_late and probe.reject_on_worker_lost


def test_redeliveries_are_counted_and_capped(db):
    task_id = f"t-{uuid.uuid4()}"
    assert [count_delivery(task_id) for _ in range(3)] == [1, 2, 3]
    # The same message delivered a fourth time (a task that keeps killing its worker): dropped.
    message_id = f"same-{uuid.uuid4()}"
    for _ in range(4):
        probe.apply(args=["cap"], task_id=message_id)
    started = set(Heartbeat.objects.filter(name__startswith="cap:started")
                  .values_list("name", flat=True))
    assert started == {"cap:started:1", "cap:started:2", "cap:started:3"}


@needs_services
@pytest.mark.django_db(transaction=True)
def test_task_completes_after_its_worker_is_killed(tmp_path, sender):
    queue, tag = f"killtest-{uuid.uuid4().hex[:8]}", uuid.uuid4().hex[:12]
    log = tmp_path / "worker.log"
    first = start_worker(queue, log)
    try:
        sender.send_task("federation.portal.tasks.probe", args=[tag, 6], queue=queue)
        assert wait_for(f"{tag}:started:1", 90), log.read_text()[-6000:]
        kill(first)
        assert not Heartbeat.objects.filter(name=f"{tag}:done").exists()
    finally:
        if first.poll() is None:
            kill(first)
    time.sleep(4)  # past the visibility timeout: the next worker's first sweep hands it back
    second = start_worker(queue, log)
    try:
        # The restarted worker gets the unacknowledged message back and runs it to the end.
        assert wait_for(f"{tag}:done", 90), log.read_text()[-6000:]
        started = set(Heartbeat.objects.filter(name__startswith=f"{tag}:started")
                      .values_list("name", flat=True))
        # With a visibility timeout shorter than the task (on purpose, to keep the test short)
        # the sweep may hand it back once more while it runs; the delivery cap still holds.
        assert {f"{tag}:started:1", f"{tag}:started:2"} <= started
        assert started <= {f"{tag}:started:{n}" for n in (1, 2, 3)}
    finally:
        kill(second)
