"""The activity log's numbers."""

from __future__ import annotations

from django.db.models import Count, Sum
from django.db.models.functions import ExtractMonth

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
