"""The Celery app. Without REDIS_URL, settings make every task run in-process (eagerly)."""

import os

from celery import Celery
from celery.signals import setup_logging

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "federation.settings")

app = Celery("federation")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Each installed app's `tasks.py`, and the cross-app layer's (federation.portal and its summary).
app.autodiscover_tasks()
app.autodiscover_tasks(["federation.portal", "federation.portal.summary"])


@setup_logging.connect
def configure_logging(**kwargs):
    """Workers and beat log like the web: Django's LOGGING (one JSON object a line, through
    the personal-data filter federation.kernel.logs.DropPersonalData) instead of Celery's own
    root handler. A receiver of this signal makes Celery leave logging alone (as
    cookiecutter-django does); its task loggers propagate to the root configured here."""
    from logging.config import dictConfig

    from django.conf import settings

    dictConfig(settings.LOGGING)
