"""Queue work for the Celery worker, and tell the user plainly when the queue (Redis) is down.

    result = enqueue_or_warn(request, build_summary, year, org.pk)
    if result is None:   # the message "the queue is unavailable" is already on the page
        return redirect(...)
"""

from __future__ import annotations

from celery.result import AsyncResult
from django.contrib import messages
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError


class QueueUnavailable(Exception):
    pass


def enqueue(task, *args, **kwargs) -> AsyncResult:
    """Send `task` once, without Celery's publish retries; QueueUnavailable if Redis is down."""
    try:
        return task.apply_async(args=args, kwargs=kwargs, retry=False)
    except (OperationalError, RedisConnectionError, RedisTimeoutError, ConnectionError,
            RuntimeError) as error:  # RuntimeError: the result backend's retry limit
        raise QueueUnavailable(type(error).__name__) from error


def enqueue_or_warn(request, task, *args, **kwargs) -> AsyncResult | None:
    try:
        return enqueue(task, *args, **kwargs)
    except QueueUnavailable:
        messages.error(request, _("The task queue is unavailable right now, so this request "
                                  "could not be started. Your data is saved; please try again "
                                  "in a few minutes or tell the administrator."))
        return None
