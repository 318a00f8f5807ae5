"""The work summary's items: what every project app's `summary.py` has to say for an
organization's subtree in a period (federation.kernel.hooks), and the lines of work they
fall under. The narrative, the leader's workbook and the summary page are all written from
this one list, so no two of them state different figures for one thing."""

from __future__ import annotations

from federation.kernel import numbers
from federation.kernel.hooks import SummaryItem
from federation.kernel.models import LineOfWork
from federation.kernel.periods import Period
from federation.portal.hooks import app_hooks
from federation.portal.models import PlanItem


def collect(org, period: Period) -> list[SummaryItem]:
    items: list[SummaryItem] = []
    for module in app_hooks("summary"):
        items.extend(module.items(org, period))
    apply_targets(items, org, period)
    return items


def measure_choices() -> list[tuple[str, str]]:
    """What a plan item can be measured by: every app's `measures()` (item key, label),
    in INSTALLED_APPS order."""
    return [choice for module in app_hooks("summary") if hasattr(module, "measures")
            for choice in module.measures()]


def main_figure(item: SummaryItem):
    """The figure a target is set on: the item's first."""
    return item.figures[0] if item.figures else None


def apply_targets(items: list[SummaryItem], org, period: Period) -> None:
    """Targets on any figure: this year's plan items of the organization with a target and a
    measure give that item's main figure its annual target, where it has none of its own
    (an indicator's annual target, an assistance target). Measured from 1 January, so a
    period that starts later needs the figure's year-to-date value."""
    planned = {p.measure: p.target for p in PlanItem.objects.filter(
        org=org, year=period.year, target__isnull=False).exclude(measure="")}
    if not planned:
        return
    for item in items:
        figure = main_figure(item)
        if figure is None or item.key not in planned or figure.target is not None:
            continue
        if period.start.month != 1 and figure.to_date is None:
            continue
        figure.target = numbers.plain(planned[item.key])


def lines() -> list[LineOfWork]:
    return list(LineOfWork.objects.filter(is_active=True).order_by("order", "pk"))


def by_line(items: list[SummaryItem]) -> list[tuple[LineOfWork, list[SummaryItem]]]:
    """The lines in their order, each with its items in theirs; an item on a line that is
    not in use (or unknown) is left out with it."""
    grouped: dict[str, list[SummaryItem]] = {}
    for item in sorted(items, key=lambda i: i.order):
        grouped.setdefault(item.line, []).append(item)
    return [(line, grouped[line.code]) for line in lines() if line.code in grouped]
