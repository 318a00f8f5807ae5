"""The activity log's numbers."""

from __future__ import annotations

import datetime

from django.db.models import Count, Sum
from django.db.models.functions import ExtractMonth, ExtractYear

from orgs.activities.models import Activity
from orgs.models import Organization


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
