"""Family-work numbers as pure query functions taking a scope (a user) and a period.

Pages, exports, the home panel and later the year-end summary all call these.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Substr

from families.models import CourtyardTier, Honour, Household, Inspection, State
from orgs.models import Organization, OrgKind


@dataclass
class CoverageRow:
    org: Organization
    households: int | None  # all households, as the organization records them
    by_tier: dict[int, int] = field(default_factory=dict)
    in_campaign: int = 0

    @property
    def plaques(self) -> int:
        return sum(self.by_tier.values())

    def share(self, n: int) -> float | None:
        return round(100 * n / self.households, 1) if self.households else None

    @property
    def campaign_share(self) -> float | None:
        return self.share(self.in_campaign)

    @property
    def plaque_share(self) -> float | None:
        return self.share(self.plaques)


def _counts(households: QuerySet[Household], key) -> dict:
    """{(key, tier_id): n} and {key: in-campaign n}, one query."""
    rows = (households.in_campaign().order_by().annotate(k=key)
            .values("k", "tier_id").annotate(n=Count("pk")))
    by_tier: dict = {}
    totals: dict = {}
    for row in rows:
        totals[row["k"]] = totals.get(row["k"], 0) + row["n"]
        if row["tier_id"]:
            by_tier[(row["k"], row["tier_id"])] = row["n"]
    return {"by_tier": by_tier, "totals": totals}


def coverage(user, under: Organization | None = None, villages: bool = True
             ) -> tuple[list[CoverageRow], list[CoverageRow], CoverageRow | None]:
    """Households in the campaign by tier and their share of all households, per street and
    (if `villages`) per community/village under `under`, inside the user's scope.

    Counts are grouped in SQL: one query per level, plus one for each list of organizations."""
    orgs = Organization.objects.visible_to(user)
    tiers = list(CourtyardTier.objects.all().values_list("pk", flat=True))
    households = Household.objects.visible_to(user)
    steplen = Organization.steplen

    def row(org, key, counts, households_n):
        return CoverageRow(org=org, households=households_n,
                           by_tier={t: counts["by_tier"].get((key, t), 0) for t in tiers},
                           in_campaign=counts["totals"].get(key, 0))

    village_rows = []
    if villages:
        if under is not None:
            orgs_under = orgs.filter(path__startswith=under.path)
            households = households.filter(org__path__startswith=under.path)
        else:
            orgs_under = orgs
        counts = _counts(households, F("org_id"))
        village_rows = [row(c, c.pk, counts, c.households) for c in orgs_under.filter(
            kind=OrgKind.COMMUNITY).only("pk", "name", "path", "households")]
    street_counts = _counts(Household.objects.visible_to(user),
                            Substr("org__path", 1, 2 * steplen))
    streets = orgs.filter(kind=OrgKind.STREET).only("pk", "name", "path", "households")
    # A street without its own household count is the sum of its villages'.
    village_sums = dict(orgs.filter(kind=OrgKind.COMMUNITY).order_by()
                        .annotate(k=Substr("path", 1, 2 * steplen)).values("k")
                        .annotate(n=Sum("households")).values_list("k", "n"))
    street_rows = [row(s, s.path, street_counts, s.households or village_sums.get(s.path))
                   for s in streets]
    total = None
    if street_rows:
        total = CoverageRow(org=None, households=sum(r.households or 0 for r in street_rows),
                            by_tier={t: sum(r.by_tier[t] for r in street_rows) for t in tiers},
                            in_campaign=sum(r.in_campaign for r in street_rows))
    return village_rows, street_rows, total


def courtyard_headline(user) -> dict[str, int]:
    """Households registered, in the campaign and holding a plaque: one query."""
    return Household.objects.visible_to(user).aggregate(
        registered=Count("pk"),
        campaign=Count("pk", filter=Q(in_campaign=True)),
        plaques=Count("pk", filter=Q(in_campaign=True, tier__isnull=False)),
    )


def honours_by_state(user, year: int) -> dict[str, int]:
    rows = (Honour.objects.visible_to(user).filter(year=year).order_by()
            .values("state").annotate(n=Count("pk")))
    counts = dict.fromkeys(State.values, 0)
    counts.update({r["state"]: r["n"] for r in rows})
    return counts


def inspections_in(user, start: datetime.date, end: datetime.date) -> dict[str, int]:
    """Inspections done in a period and how many households they covered: one query."""
    return Inspection.objects.visible_to(user).filter(
        inspected_on__range=(start, end)).aggregate(
        inspections=Count("pk"), households=Count("household", distinct=True))


def awarded_by_level(user, year: int) -> list[dict]:
    return list(Honour.objects.visible_to(user).filter(year=year, state=State.AWARDED)
                .order_by("level__order").values("level__name_zh", "level__name_en")
                .annotate(n=Count("pk")))


def members_in_campaign(user) -> int:
    return Household.objects.visible_to(user).in_campaign().aggregate(
        n=Sum("members"))["n"] or 0


def awarded_by_type_and_level(user, year: int) -> dict[tuple[int, int], int]:
    """Honours awarded in the year, {(honour_type_id, level_id): n}: one query."""
    rows = (Honour.objects.visible_to(user).filter(year=year, state=State.AWARDED).order_by()
            .values("honour_type_id", "level_id").annotate(n=Count("pk")))
    return {(r["honour_type_id"], r["level_id"]): r["n"] for r in rows}


def categories_by_street(user) -> dict[tuple[str, int], int]:
    """Campaign households by special-courtyard category and street,
    {(street path, category_id): n}: one query."""
    rows = (Household.objects.visible_to(user).in_campaign()
            .filter(categories__isnull=False).order_by()
            .annotate(street=Substr("org__path", 1, 2 * Organization.steplen))
            .values("street", "categories").annotate(n=Count("pk")))
    return {(r["street"], r["categories"]): r["n"] for r in rows}
