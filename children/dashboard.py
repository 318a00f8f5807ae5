from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from children import figures
from federation.kernel.hooks import Chart, Tile
from orgs.scoping import scope_root


def tiles(user, year: int) -> list[Tile]:
    org = scope_root(user)
    return [
        Tile(_("Child-friendly projects completed"),
             figures.projects_completed(org, year), figures.projects_completed(org, year - 1),
             unit=pgettext("unit", "projects"), url=reverse("children:overview")),
        Tile(_("Nursing rooms built"), figures.rooms_built(org, year),
             figures.rooms_built(org, year - 1), unit=pgettext("unit", "rooms"),
             url=reverse("children:rooms")),
    ]


def charts(user, year: int) -> list[Chart]:
    return []
