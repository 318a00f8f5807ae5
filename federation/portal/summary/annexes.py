"""The workbook's annexes: the module views staff check figures against, at the back of the
workbook where they do not stand between a leader and the key figures. Each app builds its own
(`<app>/annexes.py`, found by `app_hooks("annexes")`); the reconciliation, which sets a tally
beside the registries of every app, is the cross-app layer's."""

from __future__ import annotations

from django.utils.translation import gettext as _

from federation.kernel.periods import Period
from federation.kernel.report import Annex, Table
from federation.portal.hooks import app_hooks
from orgs.models import Organization, OrgKind
from orgs.tallies import figures as tally_figures
from orgs.tallies.models import Indicator


def _number(value):
    return float(value) if value is not None else None


def annexes(org: Organization, period: Period, progress=None, first: int = 45,
            last: int = 85) -> list[Annex]:
    """The reconciliation, then every app's annex sheets in INSTALLED_APPS order, each built
    with its stage shown on the progress bar (from `first` to `last` per cent)."""
    found = [reconciliation(org, period)]
    declared = [entry for module in app_hooks("annexes") for entry in module.ANNEXES]
    for index, (build, stage) in enumerate(declared):
        if progress:
            progress(str(stage), first + (last - first) * index // len(declared))
        found.append(build(org, period))
    return [annex for annex in found if annex]


def reconciliation(org: Organization, period: Period) -> Annex | None:
    """Where a tally indicator and the registry that records the same thing
    (`Indicator.registry`) disagree, per street: the summary states the registry's figure,
    staff correct the other. Registries answer through their app's summary module
    (`registry_by_street(org, period) -> {registry: {street path: n}}`). None when every
    figure agrees."""
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
