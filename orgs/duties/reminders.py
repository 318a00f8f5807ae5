"""Quarterly reminders: in the first weeks of a quarter, every executive member with an
account and an email who recorded nothing in the quarter just ended gets one email; a row per
member and quarter makes sure nobody gets it twice."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from orgs.duties.models import Duty, DutyReminder
from orgs.models import Role, User

#: Reminders for the quarter just ended go out during the first this many days of the next.
SEND_WITHIN_DAYS = 21


def quarter_start(day: datetime.date) -> datetime.date:
    return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)


def last_quarter(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    end = quarter_start(today) - datetime.timedelta(days=1)
    return quarter_start(end), end


def send_duty_reminders(today: datetime.date | None = None) -> int:
    """Send the reminders due today; return how many were sent. A constant number of
    queries."""
    today = today or timezone.localdate()
    if (today - quarter_start(today)).days >= SEND_WITHIN_DAYS:
        return 0
    start, end = last_quarter(today)
    recorded = Duty.objects.filter(person_id=OuterRef("person_id"), done_on__gte=start,
                                   done_on__lte=end)
    members = list(User.objects.filter(
        is_active=True, role=Role.EXECUTIVE_MEMBER, person__isnull=False,
        date_joined__date__lte=end)
        .exclude(Q(email="") | Q(Exists(recorded)))
        .exclude(pk__in=DutyReminder.objects.filter(quarter=start).values("user_id")))
    created = DutyReminder.objects.bulk_create(
        [DutyReminder(user=member, quarter=start) for member in members],
        ignore_conflicts=True)
    if not created:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        quarter = _("Q%(q)s %(year)s") % {"q": (start.month - 1) // 3 + 1, "year": start.year}
        messages = [(
            _("Reminder: no duty recorded for %(quarter)s") % {"quarter": quarter},
            _("Dear %(name)s, the portal has no duty of yours for %(quarter)s "
              "(%(start)s to %(end)s). If you kept in touch with women, took part in "
              "activities or meetings, please record them (My duties > Record a duty); it "
              "takes a minute on your phone.") % {
                "name": member.get_full_name() or member.username, "quarter": quarter,
                "start": start, "end": end},
            settings.DEFAULT_FROM_EMAIL, [member.email]) for member in members]
    send_mass_mail(messages, fail_silently=False)
    return len(messages)
