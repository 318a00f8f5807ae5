"""Project-wide Celery tasks: the yearly summary schedule, the beat heartbeat, housekeeping,
and the base class for work that must survive a dying worker. One build of a summary is
federation.portal.summary.tasks.build_summary."""

from __future__ import annotations

import logging
import time

from celery import Task, shared_task
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from federation.kernel.models import Heartbeat
from federation.portal.summary.service import request_run
from orgs.models import Organization

logger = logging.getLogger(__name__)
DELIVERY_TTL = 24 * 3600


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


@shared_task
def scheduled_summary() -> list[int]:
    """Celery beat, 5 January: last year's summary for every district."""
    year = timezone.localdate().year - 1
    runs = []
    for district in Organization.objects.filter(depth=1):
        run, _created = request_run(None, year, district)
        runs.append(run.pk)
    return runs
