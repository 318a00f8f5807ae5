"""Filters for tally figures: empty stays visibly empty, never a 0."""

from decimal import Decimal

from django import template
from django.utils.translation import gettext as _

from orgs.tallies.models import fmt

register = template.Library()


@register.filter
def num(value: Decimal | None) -> str:
    """12.00 -> 12, 1234.5 -> 1,234.50, None -> — (nothing reported)."""
    if value is None or value == "":
        return "—"
    text = fmt(Decimal(value))
    whole, _dot, frac = text.partition(".")
    return f"{int(whole):,}" + (f".{frac}" if frac else "")


@register.filter
def percent(part, whole) -> int | None:
    if not whole:
        return None
    return int((part or 0) * 100 / whole)


@register.filter
def cell_label(status: str) -> str:
    """The words for a completeness-grid cell (figures.Cell)."""
    return {"on_time": _("On time"), "late": _("Late"), "missing": _("Missing"),
            "pending": _("Not yet due"), "none": _("Not expected")}.get(status, status)
