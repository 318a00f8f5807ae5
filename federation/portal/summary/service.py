"""Requesting a run: join the build in progress or start one, and queue it after commit."""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.db import IntegrityError, close_old_connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.portal.models import ReportRun

logger = logging.getLogger(__name__)


def request_run(user, year: int, org, language: str = "",
                period: str = "Y") -> tuple[ReportRun, bool]:
    """The run building for (year, period, org), or a new one. Returns (run, created)."""
    existing = ReportRun.objects.building().filter(year=year, period=period, org=org).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            run = ReportRun.objects.create(year=year, period=period, org=org,
                                           requested_by=user,
                                           language=language or settings.LANGUAGE_CODE)
    except IntegrityError:  # someone else started it a moment ago: join theirs
        return ReportRun.objects.building().get(year=year, period=period, org=org), False
    enqueue(run)
    return run, True


def enqueue(run: ReportRun) -> None:
    """Queue the build once the run's row is committed; a broker that is down fails the run
    at once with a clear error instead of hanging the request."""
    transaction.on_commit(lambda: _send(run))


def _send(run: ReportRun) -> None:
    from federation.portal.summary.tasks import build_summary

    if settings.CELERY_TASK_ALWAYS_EAGER and settings.SUMMARY_BACKGROUND_THREAD:
        # Embedded mode: build in-process but off the request, so the page shows progress.
        def work():
            try:
                build_summary.apply(args=(run.pk,))
            finally:
                close_old_connections()

        threading.Thread(target=work, daemon=True, name=f"summary-{run.pk}").start()
        return
    try:
        # The run's row is its result: no result subscription (one Redis round trip fewer).
        build_summary.apply_async(args=(run.pk,), retry=False, ignore_result=True)
    except Exception:  # kombu/redis connection errors: the queue is unavailable
        logger.warning("summary run %s: queue unavailable", run.pk)
        ReportRun.objects.filter(pk=run.pk).update(
            status=ReportRun.Status.FAILED, finished_at=timezone.now(),
            error=_("The task queue is unavailable; please try again later."))
