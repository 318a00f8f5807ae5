"""The sites' numbers."""

from __future__ import annotations

import datetime

from django.db.models import Count

from orgs.models import Organization
from orgs.sites.models import Site


def sites_by_kind(org: Organization, day: datetime.date) -> dict[int, int]:
    """{kind id: sites} for the sites of `org`'s subtree open on `day`: one query."""
    rows = (Site.objects.within(org).open_on(day).order_by().values("kind_id")
            .annotate(sites=Count("pk")))
    return {r["kind_id"]: r["sites"] for r in rows}
