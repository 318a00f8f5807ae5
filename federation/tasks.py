"""Celery tasks of the federation package: the year-end summary."""

from __future__ import annotations

import logging
import time

from celery import shared_task
from django.conf import settings
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from federation.models import ReportRun
from federation.summary.build import build_files, file_stem
from federation.summary.data import SummaryContext
from orgs.models import Organization

logger = logging.getLogger(__name__)

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

