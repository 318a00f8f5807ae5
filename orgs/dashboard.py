from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from federation.dashboard import Chart, Tile
from orgs import figures
from orgs.models import Organization, Position


def tiles(user, year: int) -> list[Tile]:
    orgs, positions = Organization.objects.visible_to(user), Position.objects.visible_to(user)
    end, last_end = datetime.date(year, 12, 31), datetime.date(year - 1, 12, 31)
    this = figures.scope_headline(orgs, positions, min(end, datetime.date.today()))
    last = figures.scope_headline(orgs, positions, last_end)
    return [Tile(_("Executive committee members"), this["committee_members"],
                 last["committee_members"], unit=pgettext("unit", "people"),
                 url=reverse("orgs:committee_stats"))]


def charts(user, year: int) -> list[Chart]:
    return []
