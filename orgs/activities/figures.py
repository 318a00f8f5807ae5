"""The activity log's numbers."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear

from orgs.activities.models import Activity, Donation
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


def output_values(activities):
    """The activities, each annotated with `donated`: its cash donations and the value of
    its donations in kind (a subquery, so that summing it over activities counts each
    donation once); NULL when the activity recorded neither."""
    amount = DecimalField(max_digits=14, decimal_places=2)
    in_kind = (Donation.objects.filter(activity=OuterRef("pk")).order_by()
               .values("activity").annotate(total=Sum("value")).values("total"))
    goods = Subquery(in_kind, output_field=amount)
    return activities.annotate(donated=Case(
        When(cash_donations__isnull=True, then=goods),
        default=F("cash_donations") + Coalesce(goods, Value(Decimal(0)), output_field=amount),
        output_field=amount))


def output_totals(org: Organization, start: datetime.date, end: datetime.date) -> dict:
    """{"households", "materials", "donations", "cash", "activities"} for the activities of
    `org`'s subtree starting within [start, end]: one query. `activities`: how many recorded
    any output."""
    rows = output_values(Activity.objects.within(org).filter(starts_on__range=(start, end)))
    totals = rows.order_by().aggregate(
        households=Sum("households"), materials=Sum("materials"), donations=Sum("donated"),
        cash=Sum("cash_donations"))
    return {key: value or 0 for key, value in totals.items()}


def outputs_by_street(org: Organization, start: datetime.date, end: datetime.date) -> dict:
    """{"households" | "materials" | "donations": {street path: sum}} for `org`'s subtree:
    one query."""
    rows = (output_values(Activity.objects.within(org).filter(starts_on__range=(start, end)))
            .order_by().annotate(street=street_of("org")).values("street")
            .annotate(households=Sum("households"), materials=Sum("materials"),
                      donations=Sum("donated")))
    found: dict[str, dict[str, float]] = {"households": {}, "materials": {}, "donations": {}}
    for row in rows:
        for key in found:
            if row[key]:
                found[key][row["street"]] = float(row[key])
    return found
