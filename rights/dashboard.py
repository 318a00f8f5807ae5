from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from federation.kernel.hooks import Chart, Tile
from orgs.scoping import scope_root
from rights import figures
from rights.models import AssistanceTarget


def _period(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def tiles(user, year: int) -> list[Tile]:
    org = scope_root(user)
    this, last = figures.headlines(org, [_period(year), _period(year - 1)])
    url = reverse("rights:stats") if user.is_district or user.role == "leader" else ""
    return [
        Tile(_("Rights cases received"), this["received"], last["received"],
             unit=pgettext("unit", "cases"), url=url),
        Tile(_("Rights cases closed"), this["closed"], last["closed"],
             unit=pgettext("unit", "cases"), url=url),
        *assistance_tiles(org, year),
    ]


def assistance_tiles(org, year: int) -> list[Tile]:
    """Women aided (each once) against the organization's annual target for all kinds."""
    if org is None:
        return []
    aided = figures.assistance_totals(org, *_period(year))
    last = figures.assistance_totals(org, *_period(year - 1))
    target = (AssistanceTarget.objects.filter(org=org, year=year, kind=None)
              .values_list("women", flat=True).first())
    return [Tile(_("Women aided"), aided["women"], last["women"], target=target,
                 unit=pgettext("unit", "women"), url=reverse("rights:assistance_stats"))]


def charts(user, year: int) -> list[Chart]:
    rows = [r for r in figures.by_category(scope_root(user), *_period(year))
            if not r["sub"]]
    if not rows:
        return []
    chart = Chart("case-categories", _("Rights cases by category"), "bar",
                  [str(r["name"]) for r in rows],
                  [{"name": _("Number of cases"), "data": [r["shown"] if isinstance(r["shown"], int)
                                                  else None for r in rows]}])
    chart.summary = _("%(n)s cases in %(k)s categories; most are about %(top)s.") % {
        "n": sum(r["count"] for r in rows), "k": len(rows),
        "top": max(rows, key=lambda r: r["count"])["name"]}
    return [chart]
