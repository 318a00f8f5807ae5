"""The home page panel of the activity log and monthly tallies."""

from __future__ import annotations

import datetime

from django.utils import timezone

from federation.kernel.hooks import scope_figures
from orgs.dashboard import annual_targets, tally_years
from orgs.tallies import figures as tally_figures
from orgs.tallies.models import TALLY_KINDS, Indicator, Tally


def panel(request) -> dict | None:
    user = request.user
    if not user.is_authenticated or not user.org_id:
        return None
    if user.is_executive_member:  # her own year: nothing of the organization's
        from orgs.duties.models import Duty

        today = timezone.localdate()
        return {"member": True, "year": today.year,
                "duties_this_year": Duty.objects.visible_to(user).filter(
                    done_on__year=today.year).count()}
    today = timezone.localdate()
    last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    due = tally_figures.deadlines([last_month])[last_month]
    context = {"last_month": last_month, "due_on": due, "today": today}
    if user.org.kind in TALLY_KINDS:
        context["own"] = Tally.objects.filter(org=user.org, month=last_month).first()
        context["own_org"] = user.org
    context["awaiting"] = Tally.objects.visible_to(user).awaiting(user).count()
    context.update(scope_figures(user, f"orgs-panel-{last_month}",
                                 lambda: scope_panel(user, last_month, today)))
    context["year"] = today.year
    return context


def scope_panel(user, last_month: datetime.date, today: datetime.date) -> dict:
    """The figures of the user's scope: the same for everyone who sees it."""
    context = {}
    if user.org.kind != "community":
        context["completeness"] = tally_figures.completeness(user.org, last_month, today)
    targets = annual_targets(user, today.year)
    # The year's totals: the dashboard on the same page has them already (one query for both).
    totals = tally_figures.year_totals(tally_years(user, today.year), today.year) if targets \
        else {}
    indicators = {i.pk: i for i in Indicator.objects.filter(pk__in=targets)}
    context["targets"] = [(indicators[pk], target, totals.get(pk))
                          for pk, target in targets.items()][:6]
    return context
