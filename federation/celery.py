"""The Celery app. Without REDIS_URL, settings make every task run in-process (eagerly)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "federation.settings")

app = Celery("federation")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Each installed app's `tasks.py`, and the cross-app layer's (federation.portal and its summary).
app.autodiscover_tasks()
app.autodiscover_tasks(["federation.portal", "federation.portal.summary"])
