from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from children import figures
from children.models import NursingRoom, Project
from federation.kernel.hooks import Chart, Tile


def tiles(user, year: int) -> list[Tile]:
    projects = Project.objects.visible_to(user)
    rooms = NursingRoom.objects.visible_to(user)
    return [
        Tile(_("Child-friendly projects completed"),
             projects.filter(completed_on__year=year).count(),
             projects.filter(completed_on__year=year - 1).count(),
             unit=pgettext("unit", "projects"), url=reverse("children:overview")),
        Tile(_("Nursing rooms built"), figures.rooms_built(rooms, year),
             figures.rooms_built(rooms, year - 1), unit=pgettext("unit", "rooms"),
             url=reverse("children:rooms")),
    ]


def charts(user, year: int) -> list[Chart]:
    return []
