from celery import shared_task

from orgs.reminders import send_tally_reminders


@shared_task(ignore_result=True)
def tally_reminders() -> int:
    """Celery beat, daily: remind chairs whose monthly tally is due within three days."""
    return send_tally_reminders()


@shared_task(ignore_result=True)
def duty_reminders() -> int:
    """Celery beat, daily: remind executive members who recorded nothing last quarter."""
    from orgs.duties.reminders import send_duty_reminders

    return send_duty_reminders()
