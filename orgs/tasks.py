from celery import shared_task

from orgs.reminders import send_tally_reminders


@shared_task(ignore_result=True)
def tally_reminders() -> int:
    """Celery beat, daily: remind chairs whose monthly tally is due within three days."""
    return send_tally_reminders()
