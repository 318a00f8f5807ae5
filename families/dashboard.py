from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from families import figures
from families.models import CourtyardTier
from federation.kernel.hooks import Chart, Tile, per_request
from orgs.scoping import scope_root


def courtyard_headline(user) -> dict[str, int]:
    """Shared by the dashboard's tile and the home panel of one request: one query."""
    return per_request(user, "courtyard-headline",
                       lambda: figures.courtyard_headline(scope_root(user)))


def tiles(user, year: int) -> list[Tile]:
    org = scope_root(user)
    awarded = figures.awarded_by_year(org, [year, year - 1])
    courtyards = courtyard_headline(user)
    return [
        Tile(_("Model families and people awarded"), awarded[year], awarded[year - 1],
             unit=pgettext("unit", "awards"), url=reverse("families:honours")),
        Tile(_("Households in the courtyard campaign"), courtyards["campaign"],
             unit=pgettext("unit", "households"), url=reverse("families:coverage")),
    ]


def charts(user, year: int) -> list[Chart]:
    _villages, streets, _total = figures.coverage(scope_root(user), villages=False)
    if not streets:
        return []
    tiers = list(CourtyardTier.objects.order_by("-min_score", "pk"))
    chart = Chart(
        "courtyard-tiers", _("Courtyard tiers by street"), "stacked",
        [row.org.name for row in streets],
        [{"name": tier.name, "data": [row.by_tier.get(tier.pk, 0) for row in streets]}
         for tier in tiers])
    best = max(streets, key=lambda row: row.plaques)
    chart.summary = _("%(n)s streets; the most plaques are in %(street)s (%(plaques)s).") % {
        "n": len(streets), "street": best.org.name, "plaques": best.plaques}
    return [chart]
