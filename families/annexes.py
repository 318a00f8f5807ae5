"""Family work's annex of the work summary (federation.kernel.hooks): 家庭文明, honours by type
and level (honours are awarded for a year: the period's year), beautiful courtyards by tier and
special courtyards by category per street."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from families import figures
from families.models import CourtyardCategory, CourtyardTier, HonourLevel, HonourType
from federation.kernel.periods import Period
from federation.kernel.report import Annex, Table

PERCENT = "0.0"


def family_work(org, period: Period) -> Annex:
    year = period.year
    types = list(HonourType.objects.order_by("order", "pk"))
    levels = list(HonourLevel.objects.order_by("order", "pk"))
    tiers = list(CourtyardTier.objects.order_by("-min_score", "pk"))
    categories = list(CourtyardCategory.objects.order_by("order", "pk"))
    awarded = figures.awarded_by_type_and_level(org, year)
    awarded_last = figures.awarded_by_type_and_level(org, year - 1)
    _villages, streets, _total = figures.coverage(org)
    by_category = figures.categories_by_street(org)
    return Annex(_("Family civility"), [
        Table(_("Honours awarded in %(year)s by type and level") % {"year": year},
              [_("Honour")] + [level.name for level in levels] + [_("Total"), str(year - 1)],
              [[t.name] + [awarded.get((t.pk, lv.pk), 0) for lv in levels]
               + [sum(awarded.get((t.pk, lv.pk), 0) for lv in levels),
                  sum(n for (type_id, _lv), n in awarded_last.items() if type_id == t.pk)]
               for t in types]),
        Table(_("Beautiful courtyards by street"),
              [_("Street/township"), _("All households"), _("In the campaign")]
              + [tier.name for tier in tiers] + [_("Campaign share %"), _("Plaque share %")],
              [[row.org.name, row.households, row.in_campaign]
               + [row.by_tier.get(tier.pk, 0) for tier in tiers]
               + [row.campaign_share, row.plaque_share] for row in streets],
              formats={3 + len(tiers): PERCENT, 4 + len(tiers): PERCENT},
              no_total=(3 + len(tiers), 4 + len(tiers))),
        Table(_("Special courtyards by category and street"),
              [_("Street/township")] + [c.name for c in categories] + [_("Total")],
              [[row.org.name] + [by_category.get((row.org.path, c.pk), 0) for c in categories]
               + [sum(by_category.get((row.org.path, c.pk), 0) for c in categories)]
               for row in streets]),
    ])


#: The annex sheets, in the workbook's order, with the progress bar's stage for each.
ANNEXES = [(family_work, gettext_lazy("Summarising family work"))]
