from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from children import figures
from federation.kernel.hooks import Chart, Tile
from orgs.scoping import scope_root


def tiles(user, year: int) -> list[Tile]:
    done = figures.completed_by_year(scope_root(user), [year, year - 1])
    return [
        Tile(_("Child-friendly projects completed"),
             done[year]["projects"], done[year - 1]["projects"],
             unit=pgettext("unit", "projects"), url=reverse("children:overview")),
        Tile(_("Nursing rooms built"), done[year]["rooms"], done[year - 1]["rooms"],
             unit=pgettext("unit", "rooms"), url=reverse("children:rooms")),
    ]


def charts(user, year: int) -> list[Chart]:
    return []
