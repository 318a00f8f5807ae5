"""组织建设: organizations by kind, committee members by level and post, terms elected."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from federation.portal.summary.data import Headline, Section, SummaryContext, Table
from orgs import figures
from orgs.models import LEVEL_KINDS, OrgKind, Post


def build(ctx: SummaryContext) -> Section:
    period, last_period = (ctx.start, ctx.end), (ctx.start.replace(year=ctx.year - 1),
                                                 ctx.last_year_end)
    kinds = figures.org_counts_by_kind(ctx.org, period)
    kinds_last = figures.org_counts_by_kind(ctx.org, last_period)
    committee = figures.committee_counts(ctx.org, ctx.end)
    elected = figures.terms_elected_by_kind(ctx.org, ctx.year)
    this, last = (figures.scope_headline(ctx.org, ctx.end),
                  figures.scope_headline(ctx.org, ctx.last_year_end))
    levels = [(k, str(OrgKind(k).label)) for k in LEVEL_KINDS] + [("other", _("Other"))]
    section = Section("organization", _("Organizations"))
    section.tables.append(Table(
        _("Organizations by kind"), [_("Kind"), str(ctx.year), str(ctx.year - 1),
                                     _("Committees elected in %(year)s") % {"year": ctx.year}],
        [[str(label), kinds[kind], kinds_last[kind], elected.get(kind, 0)]
         for kind, label in OrgKind.choices]))
    section.tables.append(Table(
        _("Executive committee members by level and post (31 December %(year)s)")
        % {"year": ctx.year},
        [_("Level")] + [str(label) for label in Post.labels] + [_("Total")],
        [[label] + [committee.get((level, post), 0) for post in Post.values]
         + [sum(committee.get((level, post), 0) for post in Post.values)]
         for level, label in levels]))
    section.headlines = [
        Headline(_("Street/township federations"), this["streets"], last["streets"],
                 pgettext("unit", "units")),
        Headline(_("Community/village federations"), this["communities"], last["communities"],
                 pgettext("unit", "units")),
        Headline(_("Other women's organizations"), this["other_orgs"], last["other_orgs"],
                 pgettext("unit", "units")),
        Headline(_("Executive committee members"), this["committee_members"],
                 last["committee_members"], pgettext("unit", "people")),
    ]
    section.sentences.append(_(
        "The federation's network covers %(streets)s streets/townships and %(communities)s "
        "communities/villages, with %(others)s other women's organizations; %(chairs)s chairs, "
        "%(vfull)s full-time and %(vpart)s part-time vice-chairs and %(members)s executive "
        "committee members serve in them. %(elected)s executive committees were elected "
        "this year.") % {
        "streets": this["streets"], "communities": this["communities"],
        "others": this["other_orgs"], "chairs": this["chairs"],
        "vfull": this["vice_chairs_full"], "vpart": this["vice_chairs_part"],
        "members": this["committee_members"], "elected": sum(elected.values())})
    return section
