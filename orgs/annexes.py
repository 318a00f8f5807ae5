"""The organizations' and the tallies' annexes of the work summary (federation.kernel.hooks):
组织机构 (organizations by kind, committee members by level and post), 工作活动 (activities by
category and month), 月报汇总 (every indicator by month with its total, target, completion and
last year), each street's tallies, and the tallies' completeness and timeliness."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from federation.kernel.periods import Period
from federation.kernel.report import Annex, Table
from orgs import figures
from orgs.activities import figures as activity_figures
from orgs.activities.models import ActivityCategory
from orgs.models import LEVEL_KINDS, Organization, OrgKind, Post
from orgs.tallies import figures as tally_figures
from orgs.tallies.models import Indicator

INDICATORS_PER_BLOCK = 8
PERCENT = "0.0"


def _number(value):
    return float(value) if value is not None else None


def _months(period: Period) -> range:
    first, last = period.months
    return range(first, last + 1)


def _month(m: int) -> str:
    return _("%(m)s月") % {"m": m}


def organizations(org: Organization, period: Period) -> Annex:
    last = period.last_year()
    kinds = figures.org_counts_by_kind(org, (period.start, period.end))
    kinds_last = figures.org_counts_by_kind(org, (last.start, last.end))
    committee = figures.committee_counts(org, period.end)
    elected = figures.terms_elected_by_kind(org, period.year)
    levels = [(k, str(OrgKind(k).label)) for k in LEVEL_KINDS] + [("other", _("Other"))]
    return Annex(_("Organizations"), [
        Table(_("Organizations by kind"),
              [_("Kind"), str(period.year), str(period.year - 1),
               _("Committees elected in %(year)s") % {"year": period.year}],
              [[str(label), kinds[kind], kinds_last[kind], elected.get(kind, 0)]
               for kind, label in OrgKind.choices]),
        Table(_("Executive committee members by level and post (%(date)s)")
              % {"date": f"{period.end:%Y-%m-%d}"},
              [_("Level")] + [str(label) for label in Post.labels] + [_("Total")],
              [[label] + [committee.get((level, post), 0) for post in Post.values]
               + [sum(committee.get((level, post), 0) for post in Post.values)]
               for level, label in levels]),
    ])


def activities(org: Organization, period: Period) -> Annex:
    this = activity_figures.activities_by_category_month(org, period.year)
    months = _months(period)
    categories = list(ActivityCategory.objects.order_by("order", "code"))
    return Annex(_("Work activities"), [Table(
        _("Activities by category and month"),
        [_("Category")] + [_month(m) for m in months]
        + [_("Total"), _("Women taking part"), _("Participants")],
        [[c.name] + [this.get((c.pk, m), {}).get("n", 0) for m in months]
         + [sum(this.get((c.pk, m), {}).get(k, 0) for m in months)
            for k in ("n", "women", "participants")] for c in categories])])


def tallies(org: Organization, period: Period) -> Annex:
    """Every indicator by month of the period, its total, the annual target and completion
    (on the year to the period's end), and the same period last year."""
    months = _months(period)
    indicators = list(Indicator.objects.order_by("order", "code"))
    by_month = tally_figures.tally_by_month(org, period.year)
    last = period.last_year()
    before = tally_figures.tally_totals(org, last.start, last.end)
    to_date = tally_figures.tally_totals(org, datetime.date(period.year, 1, 1), period.end)
    targets = tally_figures.target_progress(org, period.year)
    rows = []
    for ind in indicators:
        values = [by_month[(ind.pk, m)] for m in months if (ind.pk, m) in by_month]
        total = sum(values) if values else None  # empty stays empty, distinct from 0
        target = targets.get(ind.pk, (None, None))[0]
        reached = to_date.get(ind.pk)
        rows.append([ind.name, ind.unit] + [_number(by_month.get((ind.pk, m))) for m in months]
                    + [_number(total), _number(target),
                       round(100 * float(reached) / float(target), 1) if reached and target
                       else None, _number(before.get(ind.pk))])
    completion = 2 + len(months) + 2
    return Annex(_("Monthly tallies summed"), [Table(
        _("Indicators by month (empty: nothing reported)"),
        [_("Indicator"), _("Unit")] + [_month(m) for m in months]
        + [_("Total"), _("Target"), _("Completion %"), str(period.year - 1)],
        rows, total=False, formats={completion: PERCENT})])


def street_totals(org: Organization, period: Period) -> Annex:
    """Each street's tallies over the period (its own entry and its communities'): one query
    for the figures, one for the streets, one for the indicators; in blocks of a few
    indicators so that a block prints on one page's width."""
    indicators = list(Indicator.objects.filter(is_active=True).select_related("group")
                      .order_by("group__order", "order"))  # as on the roll-up page
    totals = tally_figures.tally_by_street(org, period.start, period.end)
    streets = list(Organization.objects.within(org).filter(kind=OrgKind.STREET)
                   .order_by("path").only("pk", "name", "path"))
    tables = []
    for first in range(0, len(indicators), INDICATORS_PER_BLOCK):
        block = indicators[first:first + INDICATORS_PER_BLOCK]
        tables.append(Table(
            _("Indicators %(first)s–%(last)s") % {"first": first + 1,
                                                  "last": first + len(block)},
            [_("Street")] + [f"{ind.name}（{ind.unit}）" if ind.unit else ind.name
                             for ind in block],
            [[street.name] + [_number(totals.get((street.path, ind.pk))) for ind in block]
             for street in streets]))
    return Annex(_("Monthly tallies by street"), tables)


def completeness(org: Organization, period: Period, today: datetime.date | None = None) -> Annex:
    """Completeness and timeliness of the period's months, rates only for months whose
    deadline has passed (in December, November's tallies, due 5 December, are not late yet);
    then each organization's months."""
    today = min(today or timezone.localdate(), period.end + datetime.timedelta(days=40))
    orgs = list(tally_figures.expected_orgs(org, period.start, period.end)
        .only("pk", "name", "code", "kind", "path", "depth", "founded_on", "dissolved_on")
        .order_by("path"))
    grid = tally_figures.completeness_grid(orgs, period.year, today=today)
    months = [m - 1 for m in _months(period)]
    labels = {"none": "", "pending": _("pending"), "missing": _("missing"),
              "on_time": _("on time"), "late": _("late")}
    due_on = tally_figures.deadlines([datetime.date(period.year, m + 1, 1) for m in months])
    rows = []
    for m in months:
        expected = sum(1 for _o, cells in grid if cells[m] != "none")
        submitted = sum(1 for _o, cells in grid if cells[m] in ("on_time", "late"))
        on_time = sum(1 for _o, cells in grid if cells[m] == "on_time")
        closed = due_on[datetime.date(period.year, m + 1, 1)] < today
        rows.append([_month(m + 1), expected, submitted, on_time,
                     round(100 * submitted / expected, 1) if expected and closed else None,
                     round(100 * on_time / expected, 1) if expected and closed else None])
    return Annex(_("Tally submission"), [
        Table(_("Completeness and timeliness by month"),
              [_("Month"), _("Expected"), _("Submitted"), _("On time"), _("Completeness %"),
               _("Timeliness %")], rows, formats={4: PERCENT, 5: PERCENT}, no_total=(4, 5)),
        Table(_("Each organization by month"),
              [_("Organization"), _("Code")] + [_month(m + 1) for m in months],
              [[o.name, o.code] + [labels[cells[m]] for m in months] for o, cells in grid],
              total=False),
    ])


#: The annex sheets, in the workbook's order, with the progress bar's stage for each.
ANNEXES = [
    (organizations, gettext_lazy("Summarising organizations")),
    (activities, gettext_lazy("Summarising activities")),
    (tallies, gettext_lazy("Summarising monthly tallies")),
    (street_totals, gettext_lazy("Summarising monthly tallies by street")),
    (completeness, gettext_lazy("Summarising tally completeness")),
]
