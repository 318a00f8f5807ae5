"""Project-wide Celery tasks: the year-end summary, the beat heartbeat, housekeeping, and the
base class for work that must survive a dying worker."""

from __future__ import annotations

import logging
import time

from celery import Task, shared_task
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from federation.models import Heartbeat, ReportRun
from federation.summary.build import build_files, file_stem
from federation.summary.data import SummaryContext
from orgs.models import Organization

logger = logging.getLogger(__name__)
DELIVERY_TTL = 24 * 3600


@shared_task(acks_late=True, reject_on_worker_lost=True)
def build_summary(run_id: int) -> str:
    """Build a run's files. The attempt is counted before any work, so a worker killed
    mid-build leaves a trace; the broker re-delivers the task, and after MAX_ATTEMPTS the run
    gives up as failed (a broker keeps no redelivery count of its own)."""
    claimed = ReportRun.objects.filter(pk=run_id, status__in=ReportRun.BUILDING).update(
        attempts=F("attempts") + 1, status=ReportRun.Status.RUNNING, started_at=timezone.now(),
        stage="", progress=0)
    if not claimed:
        return "not building"
    run = ReportRun.objects.select_related("org").get(pk=run_id)
    if run.attempts > ReportRun.MAX_ATTEMPTS:
        _finish(run, ReportRun.Status.FAILED, error=_(
            "Gave up after %(n)s attempts.") % {"n": ReportRun.MAX_ATTEMPTS})
        return "gave up"
    with translation.override(run.language):
        try:
            _build(run)
        except Exception as exc:  # the summary holds counts only: the message is safe to show
            logger.exception("summary run %s failed", run_id)
            _finish(run, ReportRun.Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:1000])
            return "failed"
    return "done"


def _progress(run: ReportRun, stage: str, percent: int) -> None:
    ReportRun.objects.filter(pk=run.pk).update(stage=stage[:60], progress=percent)
    pause = settings.SUMMARY_TEST_PAUSE_SECONDS  # lets the failure test kill a worker mid-build
    if pause:
        time.sleep(pause)


def _build(run: ReportRun) -> None:
    ctx = SummaryContext(run.year, run.org)
    stem = file_stem(ctx)
    media = settings.MEDIA_ROOT
    xlsx, docx = f"reports/{stem}.xlsx", f"reports/{stem}.docx"
    build_files(ctx, media / xlsx, media / docx,
                progress=lambda stage, percent: _progress(run, stage, percent))
    _finish(run, ReportRun.Status.DONE, workbook=xlsx, narrative=docx)


def _finish(run: ReportRun, status: str, **fields) -> None:
    ReportRun.objects.filter(pk=run.pk).update(
        status=status, finished_at=timezone.now(), progress=100 if status == "done" else 0,
        stage="", **fields)


@shared_task
def scheduled_summary() -> list[int]:
    """Celery beat, 5 January: last year's summary for every district."""
    from federation.summary.service import request_run

    year = timezone.localdate().year - 1
    runs = []
    for district in Organization.objects.filter(depth=1):
        run, _created = request_run(None, year, district)
        runs.append(run.pk)
    return runs


def count_delivery(task_id: str) -> int:
    """How many times this task id has started (Celery/Redis keep no count of redeliveries)."""
    key = f"task-deliveries:{task_id}"
    cache.add(key, 0, DELIVERY_TTL)
    try:
        return cache.incr(key)
    except ValueError:  # the cache lost the key (e.g. Redis restarted): count from here
        cache.set(key, 1, DELIVERY_TTL)
        return 1


class ReliableTask(Task):
    """For work that must complete even when its worker is killed: the message is acknowledged
    only after the task ran (acks_late), handed back to the queue when the worker dies
    (reject_on_worker_lost) and picked up again after the broker's visibility timeout — at most
    `max_deliveries` times, so a task that kills its worker cannot loop forever."""

    acks_late = True
    reject_on_worker_lost = True
    max_deliveries = 3

    def __call__(self, *args, **kwargs):
        delivery = count_delivery(self.request.id or "eager")
        if delivery > self.max_deliveries:
            logger.error("task given up after %d deliveries: %s %s", delivery - 1, self.name,
                         self.request.id)
            return None
        self.request.delivery = delivery
        return super().__call__(*args, **kwargs)


@shared_task(ignore_result=True)
def heartbeat() -> None:
    """Scheduled by beat every minute; /health/ reports how long ago it last ran."""
    Heartbeat.objects.update_or_create(name="beat", defaults={"at": timezone.now()})


@shared_task(ignore_result=True)
def clear_expired_sessions() -> None:
    call_command("clearsessions")


@shared_task(base=ReliableTask, bind=True, ignore_result=True)
def probe(self, tag: str, seconds: float = 0) -> None:
    """Operations self-test through queue, worker and database: marks its start (with the
    delivery number), works for `seconds`, marks its end. The worker-killed test uses it."""
    delivery = getattr(self.request, "delivery", 1)
    Heartbeat.objects.update_or_create(name=f"{tag}:started:{delivery}"[:40],
                                       defaults={"at": timezone.now()})
    time.sleep(seconds)
    Heartbeat.objects.update_or_create(name=f"{tag}:done"[:40], defaults={"at": timezone.now()})
