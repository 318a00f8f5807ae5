"""The organization tree's and the monthly tallies' part of the dashboard."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from federation.kernel.hooks import Chart, Tile, per_request
from orgs import figures
from orgs.activities import figures as activity_figures
from orgs.duties.dashboard import tiles as duty_tiles
from orgs.models import Organization, OrgKind
from orgs.scoping import scope_root
from orgs.tallies import figures as tally_figures
from orgs.tallies.models import Indicator

#: Indicators shown as tiles (with their target) and drawn month by month.
TILE_INDICATORS = ("lecture_attendance", "cervical_screening", "breast_screening",
                   "disputes_mediated")
TREND_INDICATORS = ("lectures", "legal_campaigns", "health_talks")
STREET_INDICATOR = "lecture_attendance"
HEATMAP_ROWS = 30  # the grid page shows everything; the dashboard its first organizations


def _year(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def annual_targets(user, year: int) -> dict[int, object]:
    """The user's organization's annual targets by indicator id: one query shared by the
    tiles and the home panel of one request."""
    return per_request(user, f"annual-targets-{year}", lambda: tally_figures.annual_targets(
        user.org, year) if user.org_id else {})


def tally_years(user, year: int) -> dict[tuple[int, int, int], object]:
    """The scope's tallies by indicator and month over the year and the one before, for the
    indicators the tiles, the charts and the home panel's targets show: one query shared by
    them in one request."""
    def compute():
        shown = {i.pk for i in _indicators(user).values()} | set(annual_targets(user, year))
        return tally_figures.tally_by_year_month(scope_root(user), year - 1, year,
                                                 indicators=shown)

    return per_request(user, f"tally-years-{year}", compute)


def _indicators(user) -> dict[str, Indicator]:
    """The indicators the tiles and charts show, by code: one query for both."""
    return per_request(user, "dashboard-indicators", lambda: {
        i.code: i for i in Indicator.objects.filter(
            code__in=TILE_INDICATORS + TREND_INDICATORS + (STREET_INDICATOR,))})


def tiles(user, year: int) -> list[Tile]:
    org = scope_root(user)
    end = min(datetime.date(year, 12, 31), timezone.localdate())
    this, last = figures.scope_headlines(org, [end, datetime.date(year - 1, 12, 31)])
    acts = activity_figures.activities_by_year(org, year - 1, year)
    by_year_month = tally_years(user, year)
    totals = tally_figures.year_totals(by_year_month, year)
    totals_last = tally_figures.year_totals(by_year_month, year - 1)
    targets = annual_targets(user, year)
    indicators = _indicators(user)
    rollup = reverse("orgs:rollup")
    result = [
        Tile(_("Activities held"), acts[year]["n"], acts[year - 1]["n"],
             unit=pgettext("unit", "activities"), url=reverse("orgs:activities")),
        Tile(_("Women reached by activities"), acts[year]["women"], acts[year - 1]["women"],
             unit=pgettext("unit", "person-times"), url=reverse("orgs:activities")),
    ]
    for code in TILE_INDICATORS:
        ind = indicators.get(code)
        if ind is None:
            continue
        result.append(Tile(ind.name, _figure(totals.get(ind.pk)), _figure(totals_last.get(ind.pk)),
                           target=_figure(targets.get(ind.pk)), unit=ind.unit_label, url=rollup))
    result.append(Tile(_("Executive committee members"), this["committee_members"],
                       last["committee_members"], unit=pgettext("unit", "people"),
                       url=reverse("orgs:committee_stats")))
    return result + duty_tiles(user, year)


def _figure(value):
    """A tally figure for tiles and charts: a count stays a whole number (268, not 268.0)."""
    if value is None:
        return None
    return int(value) if value == int(value) else float(value)


def charts(user, year: int) -> list[Chart]:
    org = scope_root(user)
    charts = []
    months = [_("%(m)s月") % {"m": m} for m in range(1, 13)]
    by_month = {(ind, m): total for (ind, y, m), total in tally_years(user, year).items()
                if y == year}
    indicators = _indicators(user)
    trend = [indicators[code] for code in TREND_INDICATORS if code in indicators]
    if by_month:
        chart = Chart("tally-trend", _("Monthly trend"), "line", months,
                      [{"name": ind.name, "data": [_figure(by_month.get((ind.pk, m)))
                                                   for m in range(1, 13)]} for ind in trend])
        chart.summary = _("Month by month, as reported in the tallies of %(year)s.") % {
            "year": year}
        charts.append(chart)
    streets = list(Organization.objects.within(org).filter(kind=OrgKind.STREET)
                   .order_by("path").only("pk", "name", "path"))
    indicator = indicators.get(STREET_INDICATOR)
    if len(streets) > 1 and indicator is not None:
        by_street = tally_figures.tally_by_street(org, *_year(year), indicators=[indicator.pk])
        values = [_figure(by_street.get((s.path, indicator.pk))) for s in streets]
        chart = Chart("street-comparison", _("%(indicator)s by street") % {
            "indicator": indicator.name}, "bar", [s.name for s in streets],
            [{"name": indicator.name, "data": values}])
        best = max(zip(streets, values, strict=True), key=lambda p: p[1] or 0)
        chart.summary = _("The most: %(street)s (%(value)s).") % {
            "street": best[0].name, "value": best[1] or 0}
        charts.append(chart)
    expected = list(tally_figures.expected_orgs(org, *_year(year)).only(
        "pk", "name", "code", "kind", "path", "depth", "founded_on", "dissolved_on")
        .order_by("path")[:HEATMAP_ROWS])
    if expected:
        grid = tally_figures.completeness_grid(expected, year)
        score = {"on_time": 2, "late": 1, "missing": 0}
        chart = Chart("completeness", _("Monthly tally submission"), "heatmap", months,
                      [{"name": org.name, "data": [score.get(c) for c in cells]}
                       for org, cells in grid], rows=[org.name for org, _c in grid],
                      legend=[{"value": 2, "label": _("on time"), "color": "#2e7d32"},
                              {"value": 1, "label": _("late"), "color": "#b26a00"},
                              {"value": 0, "label": _("not submitted"), "color": "#b0303d"}])
        chart.summary = _("The first %(n)s organizations that report; the grid page has all.") % {
            "n": len(grid)}
        charts.append(chart)
    return charts
