"""The workbook's annexes: the module views staff check figures against, at the back of the
workbook where they do not stand between a leader and the key figures.

- each street's monthly tallies summed over the period (streets down, indicators across, in
  blocks of a few indicators so a block prints on one page's width);
- tally completeness and timeliness by month, and each organization's months."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from federation.kernel.periods import Period
from federation.portal.summary.data import Table
from federation.portal.summary.leader_workbook import Annex
from orgs.models import Organization, OrgKind
from orgs.tallies import figures as tally_figures
from orgs.tallies.models import Indicator

INDICATORS_PER_BLOCK = 8
PERCENT = "0.0"


def _number(value):
    return float(value) if value is not None else None


def street_totals(org: Organization, period: Period) -> Annex:
    """Each street's tallies over the period (its own entry and its communities'): one query
    for the figures, one for the streets, one for the indicators."""
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
    deadline has passed; then each organization's months."""
    today = min(today or timezone.localdate(), period.end + datetime.timedelta(days=40))
    orgs = list(tally_figures.expected_orgs(org, period.start, period.end)
        .only("pk", "name", "code", "kind", "path", "depth", "founded_on", "dissolved_on")
        .order_by("path"))
    grid = tally_figures.completeness_grid(orgs, period.year, today=today)
    first, last = period.months
    months = range(first - 1, last)
    labels = {"none": "", "pending": _("pending"), "missing": _("missing"),
              "on_time": _("on time"), "late": _("late")}
    due_on = tally_figures.deadlines([datetime.date(period.year, m + 1, 1) for m in months])
    rows = []
    for m in months:
        expected = sum(1 for _o, cells in grid if cells[m] != "none")
        submitted = sum(1 for _o, cells in grid if cells[m] in ("on_time", "late"))
        on_time = sum(1 for _o, cells in grid if cells[m] == "on_time")
        closed = due_on[datetime.date(period.year, m + 1, 1)] < today
        rows.append([_("%(m)s月") % {"m": m + 1}, expected, submitted, on_time,
                     round(100 * submitted / expected, 1) if expected and closed else None,
                     round(100 * on_time / expected, 1) if expected and closed else None])
    return Annex(_("Tally submission"), [
        Table(_("Completeness and timeliness by month"),
              [_("Month"), _("Expected"), _("Submitted"), _("On time"), _("Completeness %"),
               _("Timeliness %")], rows, formats={4: PERCENT, 5: PERCENT}, no_total=(4, 5)),
        Table(_("Each organization by month"),
              [_("Organization"), _("Code")] + [_("%(m)s月") % {"m": m + 1} for m in months],
              [[o.name, o.code] + [labels[cells[m]] for m in months] for o, cells in grid],
              total=False),
    ])


def reconciliation(org: Organization, period: Period) -> Annex | None:
    """Where a tally indicator and the registry that records the same thing
    (`Indicator.registry`) disagree, per street: the summary states the registry's figure,
    staff correct the other. Registries answer through their app's summary module
    (`registry_by_street(org, period) -> {registry: {street path: n}}`). None when every
    figure agrees."""
    from federation.portal.hooks import app_hooks

    registries: dict[str, dict[str, float]] = {}
    for module in app_hooks("summary"):
        if hasattr(module, "registry_by_street"):
            registries.update(module.registry_by_street(org, period))
    indicators = [i for i in Indicator.objects.exclude(registry="").order_by("order")
                  if i.registry in registries]
    if not indicators:
        return None
    totals = tally_figures.tally_by_street(org, period.start, period.end,
                                           indicators=[i.pk for i in indicators])
    streets = list(Organization.objects.within(org).filter(kind=OrgKind.STREET)
                   .order_by("path").only("pk", "name", "path"))
    rows = []
    for indicator in indicators:
        counted = registries[indicator.registry]
        for street in streets:
            tally = _number(totals.get((street.path, indicator.pk))) or 0
            registry = float(counted.get(street.path, 0))
            if tally != registry:
                rows.append([street.name, indicator.name, tally, registry, tally - registry])
    if not rows:
        return None
    return Annex(_("Reconciliation"), [Table(
        _("Where a monthly tally and its registry disagree (the summary states the registry)"),
        [_("Street"), _("Indicator"), _("Monthly tallies"), _("Registry"), _("Difference")],
        rows, total=False)])
