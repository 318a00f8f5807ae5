"""Tally reminders: sent three days before the deadline to chairs who have not submitted,
never twice, and the daily beat job is scheduled."""

import datetime

from django.conf import settings
from django.core import mail
from django.utils import timezone

from orgs.reminders import send_tally_reminders
from orgs.tallies.models import TallyReminder, TallyState
from tests.orgs.factories import TallyFactory

MARCH = datetime.date(2025, 3, 1)  # due on 5 April by default


def with_emails(world):
    for user in world.users.values():
        user.email = f"{user.username}@example.org"
        user.save()


def test_reminders_go_three_days_before_to_those_who_have_not_submitted(world):
    with_emails(world)
    at = timezone.make_aware(datetime.datetime(2025, 4, 1, 9))
    TallyFactory(org=world.c1, month=MARCH, state=TallyState.SUBMITTED, first_submitted_at=at,
                 submitted_at=at)
    assert send_tally_reminders(datetime.date(2025, 4, 1)) == 0  # too early
    sent = send_tally_reminders(datetime.date(2025, 4, 2))
    recipients = sorted(m.to[0].split("@")[0] for m in mail.outbox)
    assert sent == 3 and recipients == ["other_community_chair", "other_street_chair",
                                        "street_chair"]  # community_chair submitted
    assert "2025-03" in mail.outbox[0].subject
    assert send_tally_reminders(datetime.date(2025, 4, 3)) == 0  # nobody gets it twice
    assert send_tally_reminders(datetime.date(2025, 4, 5)) == 0
    assert TallyReminder.objects.count() == 3 and len(mail.outbox) == 3
    assert send_tally_reminders(datetime.date(2025, 4, 6)) == 0  # past the deadline


def test_query_count_does_not_grow_with_chairs(world, django_assert_max_num_queries):
    with_emails(world)
    with django_assert_max_num_queries(6):
        send_tally_reminders(datetime.date(2025, 4, 3))


def test_the_job_runs_daily_on_beat():
    entry = settings.CELERY_BEAT_SCHEDULE["tally-reminders"]
    assert entry["task"] == "orgs.tasks.tally_reminders"
