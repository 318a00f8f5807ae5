"""The activity log's numbers."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractMonth, ExtractYear

from orgs.activities.models import Activity
from orgs.models import Organization
from orgs.scoping import street_of, subtree_q


def activities_by_category_month(org: Organization, year: int) -> dict[tuple[int, int], dict]:
    """{(category id, month number): {"n", "women", "participants"}} for the subtree's
    activities starting in the year: one query."""
    rows = (Activity.objects.within(org).filter(starts_on__year=year).order_by()
            .annotate(month=ExtractMonth("starts_on"))
            .values("category_id", "month")
            .annotate(n=Count("pk"), women=Sum("women"), participants=Sum("participants")))
    return {(r["category_id"], r["month"]): {"n": r["n"], "women": r["women"] or 0,
                                             "participants": r["participants"] or 0}
            for r in rows}


def activities_by_year(org: Organization, first_year: int, last_year: int) -> dict[int, dict]:
    """{year: {"n", "women"}} for the subtree's activities starting in each year from
    first_year to last_year (every year present, 0 without activities): one query."""
    rows = (Activity.objects.within(org).filter(starts_on__range=(datetime.date(first_year, 1, 1),
                                                datetime.date(last_year, 12, 31)))
            .order_by().annotate(year=ExtractYear("starts_on")).values("year")
            .annotate(n=Count("pk"), women=Sum("women")))
    result = {year: {"n": 0, "women": 0} for year in range(first_year, last_year + 1)}
    result.update({r["year"]: {"n": r["n"], "women": r["women"] or 0} for r in rows})
    return result


def with_campaign_totals(campaigns, org: Organization | None, year: int):
    """The campaigns, each annotated with `n` (activities) and `people` (participants) of
    `org`'s subtree starting in the year: one query with the campaigns."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    if org is None:
        return campaigns.none()
    scope = subtree_q("activities__org", org) & Q(activities__starts_on__range=(start, end))
    return campaigns.annotate(n=Count("activities", filter=scope),
                              people=Sum("activities__participants", filter=scope))


def campaign_by_street(campaign, org: Organization, year: int) -> list[dict]:
    """[{"street": path, "n", "people"}] for the campaign's activities of `org`'s subtree in
    the year, by the street (or the district itself) they belong to: one query."""
    rows = (Activity.objects.within(org).filter(campaign=campaign, starts_on__year=year)
            .order_by().annotate(street=street_of("org")).values("street")
            .annotate(n=Count("pk"), people=Sum("participants")).order_by("street"))
    return [{"street": r["street"], "n": r["n"], "people": r["people"] or 0} for r in rows]
