"""What the monthly tallies ask of a user: her own tally that is due, tallies returned to
her, and tallies waiting for her review."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.kernel.hooks import Todo
from orgs.duties.todo import items as duty_items
from orgs.tallies import figures as tally_figures
from orgs.tallies.models import AWAITING_REVIEW, TALLY_KINDS, Tally, TallyState


def last_month(today: datetime.date) -> datetime.date:
    return (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def items(user) -> list[Todo]:
    result = duty_items(user)
    if not (user.can_write and user.org_id):
        return result
    today = timezone.localdate()
    org = user.org
    if org.kind in TALLY_KINDS:  # two queries: the deadline and her own tallies
        month = last_month(today)
        due = tally_figures.deadlines([month])[month]
        own = Tally.objects.filter(org=org).aggregate(
            submitted=Count("pk", filter=Q(month=month, first_submitted_at__isnull=False)),
            returned=Count("pk", filter=Q(state=TallyState.RETURNED)))
        if not own["submitted"]:
            result.append(Todo(
                _("Your tally for %(month)s is due on %(due)s") % {
                    "month": month.strftime("%Y-%m"), "due": due.isoformat()},
                reverse("orgs:tally", args=[org.pk, month.year, month.month]),
                urgent=today > due))
        if own["returned"]:
            result.append(Todo(_("Tallies returned to you for correction"),
                               reverse("orgs:tallies"), own["returned"], urgent=True))
    waiting = Tally.objects.visible_to(user).awaiting(user).filter(
        state__in=AWAITING_REVIEW).count()
    result.append(Todo(_("Tallies waiting for your review"), reverse("orgs:tallies"), waiting))
    return result
