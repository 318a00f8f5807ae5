"""A summary whose worker is SIGKILLed mid-build completes on a restarted worker.

Runs against the real Redis and PostgreSQL (as in CI): the worker processes must share the test
database, which an in-memory SQLite test database cannot be."""

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from openpyxl import load_workbook

from federation import celery_app
from federation.portal.models import ReportRun
from federation.portal.summary.tasks import build_summary
from tests.factories import OrganizationFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not settings.REDIS_URL or connection.vendor != "postgresql",
                       reason="needs the real Redis and PostgreSQL (CI sets both)"),
]
ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return (f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}")


def start_worker(queue: str, media: Path, log: Path, pause: float = 0) -> subprocess.Popen:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "federation.settings",
           "DATABASE_URL": database_url(), "REDIS_URL": settings.REDIS_URL,
           "SECRET_KEY": settings.SECRET_KEY, "FIELD_ENCRYPTION_KEYS": "test-only-field-key",
           "PII_HASH_KEY": settings.PII_HASH_KEY, "MEDIA_ROOT": str(media),
           "CELERY_VISIBILITY_TIMEOUT": "3", "CELERY_UNACKED_RESTORE_INTERVAL": "1", "SUMMARY_TEST_PAUSE_SECONDS": str(pause),
           "CONN_MAX_AGE": "0"}
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "federation", "worker", "--concurrency=1",
         "-Q", queue, "--without-gossip", "--without-mingle", "--without-heartbeat",
         "--loglevel=INFO"],
        cwd=ROOT, env=env, start_new_session=True, stdout=log.open("ab"),
        stderr=subprocess.STDOUT)


def wait_for(predicate, seconds: float, what: str, log: Path):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}; worker log:\n{log.read_text()[-3000:]}")


def status(run: ReportRun) -> str:
    run.refresh_from_db()
    return run.status


def test_killed_worker_run_completes_on_a_restarted_worker(tmp_path):
    district = OrganizationFactory(code="D", name="示范区妇联")
    run = ReportRun.objects.create(year=2025, org=district)
    queue, log = f"test-summary-{uuid.uuid4().hex[:8]}", tmp_path / "worker.log"
    first = start_worker(queue, tmp_path, log, pause=3)
    second = None
    # Celery reads its configuration once: a test that had the broker at a dead port when
    # that happened would leave it there. This test sends to the real Redis, set here.
    saved = celery_app.conf.broker_url
    celery_app.conf.update(broker_url=settings.REDIS_URL, task_always_eager=False)
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    try:
        build_summary.apply_async(args=(run.pk,), queue=queue)
        wait_for(lambda: status(run) == ReportRun.Status.RUNNING and run.stage, 60,
                 "the first worker to start building", log)
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(10)
        assert status(run) == ReportRun.Status.RUNNING and not run.workbook
        second = start_worker(queue, tmp_path, log)
        wait_for(lambda: status(run) == ReportRun.Status.DONE, 90,
                 "the restarted worker to finish", log)
    finally:
        celery_app.conf.update(broker_url=saved, task_always_eager=True)
        celery_app._pool = None
        celery_app.amqp._producer_pool = None
        for worker in (first, second):
            if worker and worker.poll() is None:
                os.killpg(worker.pid, signal.SIGTERM)
                worker.wait(20)
    run.refresh_from_db()
    assert run.attempts == 2
    workbook = load_workbook(tmp_path / run.workbook.name)
    assert workbook.sheetnames[0] == "关键指标"
    assert not list(tmp_path.glob("reports/.tmp-*"))
    # The workers log like the web (federation/celery.py): JSON lines from Celery's loggers too.
    records = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    assert any(r["logger"] == "celery.app.trace" and "succeeded" in r["message"]
               for r in records), log.read_text()[-3000:]
