from celery import shared_task
from django.core.management import call_command
from django.utils import timezone

from federation.models import Heartbeat


@shared_task(ignore_result=True)
def heartbeat() -> None:
    """Scheduled by beat every minute; /health/ reports how long ago it last ran."""
    Heartbeat.objects.update_or_create(name="beat", defaults={"at": timezone.now()})


@shared_task(ignore_result=True)
def clear_expired_sessions() -> None:
    call_command("clearsessions")
