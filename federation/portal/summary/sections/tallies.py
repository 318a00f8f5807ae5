"""工作活动, 月报汇总 and 完成情况: the activity log by category and month; every indicator by
month with its annual total, target and completion, then one block per street; tally
completeness and timeliness by organization and month."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from federation.portal.summary.data import Headline, Section, SummaryContext, Table
from orgs.activities import figures as activity_figures
from orgs.activities.models import ActivityCategory
from orgs.models import Organization, OrgKind
from orgs.tallies import figures as tally_figures
from orgs.tallies.models import Indicator
from orgs.tallies.models import fmt as _fmt

#: Indicators the summary's overview and narrative lead with (when they exist).
HEADLINE_INDICATORS = ("lectures", "lecture_attendance", "legal_campaigns", "disputes_mediated",
                       "cervical_screening", "breast_screening", "trainees", "funds_raised",
                       "students_aided", "hardship_visits")
MONTHS = range(1, 13)
PERCENT = "0.0"


def _number(value):
    return float(value) if value is not None else None


def activities(ctx: SummaryContext) -> Section:
    this = activity_figures.activities_by_category_month(ctx.org, ctx.year)
    last = activity_figures.activities_by_category_month(ctx.org, ctx.year - 1)
    categories = list(ActivityCategory.objects.order_by("order", "code"))
    section = Section("activities", _("Work activities"))
    section.tables.append(Table(
        _("Activities by category and month"),
        [_("Category")] + [_("%(m)s月") % {"m": m} for m in MONTHS]
        + [_("Total"), _("Women taking part"), _("Participants")],
        [[c.name] + [this.get((c.pk, m), {}).get("n", 0) for m in MONTHS]
         + [sum(this.get((c.pk, m), {}).get(k, 0) for m in MONTHS)
            for k in ("n", "women", "participants")] for c in categories]))
    n, n_last = (sum(v["n"] for v in this.values()), sum(v["n"] for v in last.values()))
    women, women_last = (sum(v["women"] for v in this.values()),
                         sum(v["women"] for v in last.values()))
    section.headlines = [
        Headline(_("Activities held"), n, n_last, pgettext("unit", "activities")),
        Headline(_("Women reached by activities"), women, women_last,
                 pgettext("unit", "person-times")),
    ]
    section.sentences.append(_(
        "In %(year)s the federations held %(n)s activities of all kinds, reaching %(women)s "
        "women (person-times).") % {"year": ctx.year, "n": n, "women": women})
    return section


def tallies(ctx: SummaryContext) -> Section:
    indicators = list(Indicator.objects.order_by("order", "code"))
    by_month = tally_figures.tally_by_month(ctx.org, ctx.year)
    last = tally_figures.tally_totals(ctx.org, ctx.start.replace(year=ctx.year - 1),
                                      ctx.last_year_end)
    targets = tally_figures.target_progress(ctx.org, ctx.year)
    street_totals = tally_figures.tally_by_street(ctx.org, ctx.start, ctx.end)
    streets = list(Organization.objects.within(ctx.org).filter(kind=OrgKind.STREET)
                   .order_by("path"))
    section = Section("tallies", _("Monthly tallies summed"))
    rows = []
    for ind in indicators:
        values = [by_month[(ind.pk, m)] for m in MONTHS if (ind.pk, m) in by_month]
        total = sum(values) if values else None  # empty stays empty, distinct from 0
        target = targets.get(ind.pk, (None, None))[0]
        rows.append([ind.name, ind.unit] + [_number(by_month.get((ind.pk, m))) for m in MONTHS]
                    + [_number(total), _number(target),
                       round(100 * float(total) / float(target), 1) if total and target
                       else None, _number(last.get(ind.pk))])
    section.tables.append(Table(
        _("Indicators by month (empty: nothing reported)"),
        [_("Indicator"), _("Unit")] + [_("%(m)s月") % {"m": m} for m in MONTHS]
        + [_("Total"), _("Target"), _("Completion %"), str(ctx.year - 1)],
        rows, total=False, formats={16: PERCENT}))
    for street in streets:
        section.tables.append(Table(
            street.name, [_("Indicator"), _("Unit"), _("Total")],
            [[ind.name, ind.unit, _number(street_totals.get((street.path, ind.pk)))]
             for ind in indicators], total=False))
    by_code = {ind.code: ind for ind in indicators}
    totals = tally_figures.tally_totals(ctx.org, ctx.start, ctx.end)
    for code in HEADLINE_INDICATORS:
        ind = by_code.get(code)
        if ind is not None:
            section.headlines.append(Headline(ind.name, _number(totals.get(ind.pk)),
                                              _number(last.get(ind.pk)), ind.unit))
    said = [f"{ind.name}{_fmt(totals[ind.pk])}{ind.unit}" for code in HEADLINE_INDICATORS
            if (ind := by_code.get(code)) and totals.get(ind.pk) is not None]
    if said:
        section.sentences.append(_("Monthly tallies for %(year)s add up to: %(figures)s.") % {
            "year": ctx.year, "figures": "，".join(said)})
    return section


def completeness(ctx: SummaryContext) -> Section:
    today = min(timezone.localdate(), ctx.end + datetime.timedelta(days=40))
    orgs = list(tally_figures.expected_orgs(ctx.org, ctx.start, ctx.end)
        .only("pk", "name", "code", "kind", "path", "depth", "founded_on", "dissolved_on")
        .order_by("path"))
    grid = tally_figures.completeness_grid(orgs, ctx.year, today=today)
    labels = {"none": "", "pending": _("pending"), "missing": _("missing"),
              "on_time": _("on time"), "late": _("late")}
    section = Section("completeness", _("Tally completeness"))
    expected = [sum(1 for _o, cells in grid if cells[m] != "none") for m in range(12)]
    submitted = [sum(1 for _o, cells in grid if cells[m] in ("on_time", "late"))
                 for m in range(12)]
    on_time = [sum(1 for _o, cells in grid if cells[m] == "on_time") for m in range(12)]
    # Rates only for months whose deadline has passed: in December, November's tallies (due
    # 5 December) and December's are not late yet.
    due_on = tally_figures.deadlines([datetime.date(ctx.year, m, 1) for m in MONTHS])
    closed = [due_on[datetime.date(ctx.year, m + 1, 1)] < today for m in range(12)]
    section.tables.append(Table(
        _("Completeness and timeliness by month"),
        [_("Month"), _("Expected"), _("Submitted"), _("On time"), _("Completeness %"),
         _("Timeliness %")],
        [[_("%(m)s月") % {"m": m + 1}, expected[m], submitted[m], on_time[m],
          round(100 * submitted[m] / expected[m], 1) if expected[m] and closed[m] else None,
          round(100 * on_time[m] / expected[m], 1) if expected[m] and closed[m] else None]
         for m in range(12)], formats={4: PERCENT, 5: PERCENT}, no_total=(4, 5)))
    section.tables.append(Table(
        _("Each organization by month"),
        [_("Organization"), _("Code")] + [_("%(m)s月") % {"m": m} for m in MONTHS],
        [[org.name, org.code] + [labels[c] for c in cells] for org, cells in grid],
        total=False))
    past = [m for m in range(12) if closed[m]]
    due = sum(expected[m] for m in past)
    done = sum(submitted[m] for m in past)
    timely_done = sum(on_time[m] for m in past)
    rate = round(100 * done / due, 1) if due else None
    timely = round(100 * timely_done / due, 1) if due else None
    section.headlines.append(Headline(_("Monthly tallies submitted"), sum(submitted), None,
                                      pgettext("unit", "tallies")))
    section.sentences.append(_(
        "%(submitted)s of %(due)s monthly tallies due were submitted (%(rate)s%%), "
        "%(timely)s%% of them on time.") % {"submitted": done, "due": due,
                                            "rate": rate or 0, "timely": timely or 0})
    return section
