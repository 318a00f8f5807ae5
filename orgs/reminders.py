"""Tally reminders: three days before a month's deadline, every chair whose organization has
not submitted gets one email; a row per chair and month makes sure nobody gets it twice."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from orgs.models import Organization, Role, User
from orgs.tallies import figures as tally_figures
from orgs.tallies.models import Tally, TallyReminder, month_end

DAYS_BEFORE = 3


def due_month(today: datetime.date) -> datetime.date | None:
    """The month whose deadline is at most DAYS_BEFORE days away (and not passed), if any."""
    last = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    due = tally_figures.deadlines([last])[last]
    return last if due - datetime.timedelta(days=DAYS_BEFORE) <= today <= due else None


def send_tally_reminders(today: datetime.date | None = None) -> int:
    """Send the reminders due today; return how many were sent. A constant number of queries."""
    today = today or timezone.localdate()
    month = due_month(today)
    if month is None:
        return 0
    due = tally_figures.deadlines([month])[month]
    expected = Organization.objects.none()
    for root in Organization.get_root_nodes():
        expected |= tally_figures.expected_orgs(root, month, month_end(month))
    submitted = Tally.objects.filter(month=month, first_submitted_at__isnull=False)
    chairs = list(User.objects.filter(
        is_active=True, role__in=[Role.STREET_CHAIR, Role.COMMUNITY_CHAIR],
        org__in=expected).exclude(Q(email="") | Q(org__tallies__in=submitted))
        .exclude(pk__in=TallyReminder.objects.filter(month=month).values("user_id"))
        .select_related("org").distinct())
    created = TallyReminder.objects.bulk_create(
        [TallyReminder(user=chair, month=month) for chair in chairs], ignore_conflicts=True)
    if not created:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        messages = [(
            _("Reminder: the %(month)s tally of %(org)s is due on %(due)s") % {
                "month": month.strftime("%Y-%m"), "org": chair.org.name, "due": due},
            _("Please submit %(org)s's monthly tally for %(month)s by %(due)s in the portal "
              "(Home > To do).") % {"org": chair.org.name, "month": month.strftime("%Y-%m"),
                                    "due": due},
            settings.DEFAULT_FROM_EMAIL, [chair.email]) for chair in chairs]
    send_mass_mail(messages, fail_silently=False)
    return len(messages)
