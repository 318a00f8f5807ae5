"""The work summary's Celery task: one build of a run (queued by summary.service)."""

from __future__ import annotations

import logging
import tempfile
import time
from pathlib import Path

from celery import shared_task
from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from federation.portal.models import ReportRun
from federation.portal.summary.build import build_files, file_stem
from federation.portal.summary.data import SummaryContext

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
    """Build into a private temporary folder, then hand both files to the storage
    (settings.STORAGES: a shared folder or an S3-compatible store), so a worker on another
    machine than the web servers produces files they can serve."""
    ctx = SummaryContext(run.year, run.org, run.reporting_period)
    stem = file_stem(ctx)
    with tempfile.TemporaryDirectory(prefix="summary-") as folder:
        xlsx, docx = Path(folder) / f"{stem}.xlsx", Path(folder) / f"{stem}.docx"
        build_files(ctx, xlsx, docx, progress=lambda stage, percent: _progress(run, stage, percent))
        names = {}
        for field, path in (("workbook", xlsx), ("narrative", docx)):
            with path.open("rb") as handle:
                names[field] = default_storage.save(f"reports/{path.name}", File(handle))
    _finish(run, ReportRun.Status.DONE, **names)


def _finish(run: ReportRun, status: str, **fields) -> None:
    ReportRun.objects.filter(pk=run.pk).update(
        status=status, finished_at=timezone.now(), progress=100 if status == "done" else 0,
        stage="", **fields)
