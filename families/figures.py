"""Family-work numbers as pure query functions taking an organization (the subtree they count,
orgs.scoping) and a period. Pages, exports, the home panel, the dashboard, the API and the work
summary all call these.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet, Sum

from families.models import CourtyardTier, Honour, Household, Inspection, State, Workflow
from orgs.models import Organization, OrgKind
from orgs.scoping import street_of, subtree_q


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


def coverage(org: Organization, under: Organization | None = None, villages: bool = True
             ) -> tuple[list[CoverageRow], list[CoverageRow], CoverageRow | None]:
    """Households in the campaign by tier and their share of all households, per street and
    (if `villages`) per community/village under `under`, inside `org`'s subtree.

    Counts are grouped in SQL: one query per level, plus one for each list of organizations."""
    orgs = Organization.objects.within(org)
    tiers = list(CourtyardTier.objects.all().values_list("pk", flat=True))
    households = Household.objects.within(org)

    def row(org, key, counts, households_n):
        return CoverageRow(org=org, households=households_n,
                           by_tier={t: counts["by_tier"].get((key, t), 0) for t in tiers},
                           in_campaign=counts["totals"].get(key, 0))

    village_rows = []
    if villages:
        if under is not None:
            orgs_under = orgs.filter(subtree_q("", under))
            households = households.filter(subtree_q("org", under))
        else:
            orgs_under = orgs
        counts = _counts(households, F("org_id"))
        village_rows = [row(c, c.pk, counts, c.households) for c in orgs_under.filter(
            kind=OrgKind.COMMUNITY).only("pk", "name", "path", "households")]
    street_counts = _counts(Household.objects.within(org),
                            street_of("org"))
    streets = orgs.filter(kind=OrgKind.STREET).only("pk", "name", "path", "households")
    # A street without its own household count is the sum of its villages'.
    village_sums = dict(orgs.filter(kind=OrgKind.COMMUNITY).order_by()
                        .annotate(k=street_of("")).values("k")
                        .annotate(n=Sum("households")).values_list("k", "n"))
    street_rows = [row(s, s.path, street_counts, s.households or village_sums.get(s.path))
                   for s in streets]
    total = None
    if street_rows:
        total = CoverageRow(org=None, households=sum(r.households or 0 for r in street_rows),
                            by_tier={t: sum(r.by_tier[t] for r in street_rows) for t in tiers},
                            in_campaign=sum(r.in_campaign for r in street_rows))
    return village_rows, street_rows, total


def courtyard_headline(org: Organization) -> dict[str, int]:
    """Households registered, in the campaign and holding a plaque: one query."""
    return Household.objects.within(org).aggregate(
        registered=Count("pk"),
        campaign=Count("pk", filter=Q(in_campaign=True)),
        plaques=Count("pk", filter=Q(in_campaign=True, tier__isnull=False)),
    )


def honours_by_state(org: Organization, year: int) -> dict[str, int]:
    rows = (Honour.objects.within(org).filter(year=year).order_by()
            .values("state").annotate(n=Count("pk")))
    counts = dict.fromkeys(State.values, 0)
    counts.update({r["state"]: r["n"] for r in rows})
    return counts


def inspections_in(org: Organization, start: datetime.date, end: datetime.date) -> dict[str, int]:
    """Inspections done in a period and how many households they covered: one query."""
    return Inspection.objects.within(org).filter(
        inspected_on__range=(start, end)).aggregate(
        inspections=Count("pk"), households=Count("household", distinct=True))


def awarded_by_level(org: Organization, year: int) -> list[dict]:
    return list(Honour.objects.within(org).filter(year=year, state=State.AWARDED)
                .order_by("level__order").values("level__name_zh", "level__name_en")
                .annotate(n=Count("pk")))


def members_in_campaign(org: Organization) -> int:
    return Household.objects.within(org).in_campaign().aggregate(
        n=Sum("members"))["n"] or 0


def awarded_by_year(org: Organization, years: list[int]) -> dict[int, int]:
    """Honours awarded in each of `years` (every year present): one query."""
    rows = (Honour.objects.within(org).filter(year__in=years, state=State.AWARDED).order_by()
            .values("year").annotate(n=Count("pk")))
    counts = dict.fromkeys(years, 0)
    counts.update({r["year"]: r["n"] for r in rows})
    return counts


def awarded_by_type_and_level(org: Organization, year: int) -> dict[tuple[int, int], int]:
    """Honours awarded in the year, {(honour_type_id, level_id): n}: one query."""
    rows = (Honour.objects.within(org).filter(year=year, state=State.AWARDED).order_by()
            .values("honour_type_id", "level_id").annotate(n=Count("pk")))
    return {(r["honour_type_id"], r["level_id"]): r["n"] for r in rows}


def in_force_q(on: datetime.date) -> Q:
    """Standing titles in force on a day: awarded by then (an honour without its award date
    counts from its year) and not revoked by then (a revoked title stops counting from the
    day of its revocation)."""
    awarded = Q(awarded_on__lte=on) | Q(awarded_on__isnull=True, year__lte=on.year)
    return (Q(state=State.AWARDED, honour_type__workflow=Workflow.STANDING) & awarded
            & (Q(revoked_on__isnull=True) | Q(revoked_on__gt=on)))


def standing_titles_in_force(org: Organization, on: datetime.date
                             ) -> dict[tuple[int, int], int]:
    """Standing titles (巾帼文明岗 …) created up to `on` and still in force that day,
    cumulatively over the years, {(honour_type_id, level_id): n}: one query."""
    rows = (Honour.objects.within(org).filter(in_force_q(on)).order_by()
            .values("honour_type_id", "level_id").annotate(n=Count("pk")))
    return {(r["honour_type_id"], r["level_id"]): r["n"] for r in rows}


def categories_by_street(org: Organization) -> dict[tuple[str, int], int]:
    """Campaign households by special-courtyard category and street,
    {(street path, category_id): n}: one query."""
    rows = (Household.objects.within(org).in_campaign()
            .filter(categories__isnull=False).order_by()
            .annotate(street=street_of("org"))
            .values("street", "categories").annotate(n=Count("pk")))
    return {(r["street"], r["categories"]): r["n"] for r in rows}


def programme_counts(org: Organization, year: int) -> dict[str, int]:
    """The API's registry counts (federation.kernel.hooks)."""
    courtyards = courtyard_headline(org)
    return {"courtyard_households": courtyards["campaign"],
            "courtyard_plaques": courtyards["plaques"],
            "honours_awarded_this_year": sum(awarded_by_type_and_level(org, year).values())}
