"""维权服务: cases by category, channel and status; the four rates; mediation outcomes.
Counts only, never personal data; counts below 3 in sensitive categories show as "<3"."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from federation.portal.summary.data import Headline, Section, SummaryContext, Table
from rights import figures

RATE = "0.0"


def build(ctx: SummaryContext) -> Section:
    cases = ctx.org
    last_start = ctx.start.replace(year=ctx.year - 1)
    totals = figures.case_totals(cases, ctx.start, ctx.end, today=ctx.end)
    last = figures.case_totals(cases, last_start, ctx.last_year_end, today=ctx.last_year_end)
    mediation = figures.mediation_counts(cases, ctx.start, ctx.end)
    mediation_last = figures.mediation_counts(cases, last_start, ctx.last_year_end)

    section = Section("rights", _("Rights protection"))
    section.tables.append(Table(
        _("Cases received by category"), [_("Category"), _("Number of cases")],
        [[("　" if row["sub"] else "") + str(row["name"]), row["shown"]]
         for row in figures.by_category(cases, ctx.start, ctx.end)], total=False))
    section.tables.append(Table(
        _("Cases received by channel"), [_("Channel"), _("Number of cases")],
        [[str(row["name"]), row["count"]]
         for row in figures.by_channel(cases, ctx.start, ctx.end)]))
    section.tables.append(Table(
        _("Cases by month"), [_("Month"), _("Received"), pgettext("case", "Closed")],
        [[row["month"], row["count"], row["closed"]]
         for row in figures.by_month(cases, ctx.start, ctx.end)]))
    section.tables.append(Table(
        _("Cases by street/township"), [_("Street/township"), _("Received"),
                                        pgettext("case", "Closed")],
        [[row["name"], row["count"], row["closed"]]
         for row in figures.by_street(cases, ctx.start, ctx.end)]))
    section.tables.append(Table(
        _("Handling"), [_("Figure"), str(ctx.year), str(ctx.year - 1)],
        [[_("Received"), totals["received"], last["received"]],
         [_("Handled"), totals["handled"], last["handled"]],
         [pgettext("case", "Closed"), totals["closed"], last["closed"]],
         [_("Resolved"), totals["resolved"], last["resolved"]],
         [_("Handling rate %"), totals["handling_rate"], last["handling_rate"]],
         [_("Closure rate %"), totals["closure_rate"], last["closure_rate"]],
         [_("Resolution rate %"), totals["resolution_rate"], last["resolution_rate"]],
         [_("Satisfaction rate %"), totals["satisfaction_rate"], last["satisfaction_rate"]],
         [_("Median days to close"), totals["median_days"], last["median_days"]],
         [_("Mediations"), mediation["mediations"], mediation_last["mediations"]],
         [_("Agreements reached"), mediation["agreements"], mediation_last["agreements"]]],
        total=False))
    section.headlines = [
        Headline(_("Rights cases received"), totals["received"], last["received"],
                 pgettext("unit", "cases")),
        Headline(_("Rights cases closed"), totals["closed"], last["closed"],
                 pgettext("unit", "cases")),
        Headline(_("Mediations in rights cases"), mediation["mediations"],
                 mediation_last["mediations"], pgettext("unit", "cases")),
    ]
    section.sentences.append(_(
        "In %(year)s the federation received %(received)s requests for help and closed "
        "%(closed)s of them (closure rate %(closure)s%%, satisfaction rate %(satisfaction)s%%); "
        "it mediated %(mediations)s marriage and family disputes, %(agreements)s of which "
        "ended in agreement.") % {
        "year": ctx.year, "received": totals["received"], "closed": totals["closed"],
        "closure": totals["closure_rate"] or 0, "satisfaction": totals["satisfaction_rate"] or 0,
        "mediations": mediation["mediations"], "agreements": mediation["agreements"]})
    return section
