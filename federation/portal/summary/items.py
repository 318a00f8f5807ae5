"""The work summary's items: what every project app's `summary.py` has to say for an
organization's subtree in a period (federation.kernel.hooks), and the lines of work they
fall under. The narrative, the leader's workbook and the summary page are all written from
this one list, so no two of them state different figures for one thing."""

from __future__ import annotations

from federation.kernel.hooks import SummaryItem
from federation.kernel.models import LineOfWork
from federation.kernel.periods import Period
from federation.portal.hooks import app_hooks


def collect(org, period: Period) -> list[SummaryItem]:
    items: list[SummaryItem] = []
    for module in app_hooks("summary"):
        items.extend(module.items(org, period))
    return items


def lines() -> list[LineOfWork]:
    return list(LineOfWork.objects.filter(is_active=True).order_by("order", "pk"))


def by_line(items: list[SummaryItem]) -> list[tuple[LineOfWork, list[SummaryItem]]]:
    """The lines in their order, each with its items in theirs; an item on a line that is
    not in use (or unknown) is left out with it."""
    grouped: dict[str, list[SummaryItem]] = {}
    for item in sorted(items, key=lambda i: i.order):
        grouped.setdefault(item.line, []).append(item)
    return [(line, grouped[line.code]) for line in lines() if line.code in grouped]
