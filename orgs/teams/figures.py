"""The teams' numbers."""

from __future__ import annotations

import datetime

from django.db.models import Count, Sum

from orgs.models import Organization
from orgs.teams.models import Team


def teams_by_kind(org: Organization, day: datetime.date) -> dict[int, dict]:
    """{kind id: {"teams", "members"}} for the teams of `org`'s subtree standing on `day`:
    one query."""
    rows = (Team.objects.within(org).standing_on(day).order_by().values("kind_id")
            .annotate(teams=Count("pk"), members=Sum("members")))
    return {r["kind_id"]: {"teams": r["teams"], "members": r["members"] or 0} for r in rows}
