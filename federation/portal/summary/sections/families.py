"""家庭文明: honours by type and level; courtyards by tier and category per street."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from families import figures
from families.models import CourtyardCategory, CourtyardTier, HonourLevel, HonourType
from federation.portal.summary.data import Headline, Section, SummaryContext, Table

PERCENT = "0.0"


def build(ctx: SummaryContext) -> Section:
    scope = ctx.org
    types = list(HonourType.objects.order_by("order", "pk"))
    levels = list(HonourLevel.objects.order_by("order", "pk"))
    tiers = list(CourtyardTier.objects.order_by("-min_score", "pk"))
    categories = list(CourtyardCategory.objects.order_by("order", "pk"))
    awarded = figures.awarded_by_type_and_level(scope, ctx.year)
    awarded_last = figures.awarded_by_type_and_level(scope, ctx.year - 1)
    _villages, streets, total = figures.coverage(scope)
    by_category = figures.categories_by_street(scope)
    inspections = figures.inspections_in(scope, ctx.start, ctx.end)
    inspections_last = figures.inspections_in(scope, ctx.start.replace(year=ctx.year - 1),
                                              ctx.last_year_end)
    headline = figures.courtyard_headline(scope)

    section = Section("families", _("Family civility"))
    section.tables.append(Table(
        _("Honours awarded in %(year)s by type and level") % {"year": ctx.year},
        [_("Honour")] + [level.name for level in levels] + [_("Total"), str(ctx.year - 1)],
        [[t.name] + [awarded.get((t.pk, lv.pk), 0) for lv in levels]
         + [sum(awarded.get((t.pk, lv.pk), 0) for lv in levels),
            sum(n for (type_id, _lv), n in awarded_last.items() if type_id == t.pk)]
         for t in types]))
    section.tables.append(Table(
        _("Beautiful courtyards by street"),
        [_("Street/township"), _("All households"), _("In the campaign")]
        + [tier.name for tier in tiers] + [_("Campaign share %"), _("Plaque share %")],
        [[row.org.name, row.households, row.in_campaign]
         + [row.by_tier.get(tier.pk, 0) for tier in tiers]
         + [row.campaign_share, row.plaque_share] for row in streets],
        formats={3 + len(tiers): PERCENT, 4 + len(tiers): PERCENT},
        no_total=(3 + len(tiers), 4 + len(tiers))))
    section.tables.append(Table(
        _("Special courtyards by category and street"),
        [_("Street/township")] + [c.name for c in categories] + [_("Total")],
        [[row.org.name] + [by_category.get((row.org.path, c.pk), 0) for c in categories]
         + [sum(by_category.get((row.org.path, c.pk), 0) for c in categories)]
         for row in streets]))
    awarded_n, awarded_last_n = sum(awarded.values()), sum(awarded_last.values())
    top_tier = tiers[0] if tiers else None
    top_n = total.by_tier.get(top_tier.pk, 0) if total and top_tier else 0
    section.headlines = [
        Headline(_("Model families and people awarded"), awarded_n, awarded_last_n,
                 pgettext("unit", "awards")),
        Headline(_("Households in the courtyard campaign"), headline["campaign"], None,
                 pgettext("unit", "households")),
        Headline(_("Households holding a courtyard plaque"), headline["plaques"], None,
                 pgettext("unit", "households")),
        Headline(_("Courtyard inspections"), inspections["inspections"],
                 inspections_last["inspections"], pgettext("unit", "times")),
    ]
    sentence = _("In %(year)s, %(awarded)s model families and people were awarded honours at "
                 "all levels. %(campaign)s households took part in the beautiful-courtyard "
                 "campaign, %(plaques)s of them holding a plaque") % {
        "year": ctx.year, "awarded": awarded_n, "campaign": headline["campaign"],
        "plaques": headline["plaques"]}
    if top_tier and total and total.households:
        sentence += _(", including %(n)s %(tier)s households (%(share)s%% of all "
                      "households)") % {"n": top_n, "tier": top_tier.name,
                                        "share": round(100 * top_n / total.households, 1)}
    section.sentences.append(sentence + _(".") + " " + _(
        "%(inspections)s inspections of %(households)s households were recorded.") % {
        "inspections": inspections["inspections"], "households": inspections["households"]})
    return section
