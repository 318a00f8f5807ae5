"""Executive members' tiles on the dashboard (called from orgs/dashboard.py): the same
figures as the review page and the year-end summary (orgs.duties.figures)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from federation.kernel.hooks import Tile
from orgs.duties import figures
from orgs.scoping import scope_root


def tiles(user, year: int) -> list[Tile]:
    org = scope_root(user)
    if org is None or user.is_executive_member:  # a member's figures are her own page's
        return []
    this, last = figures.year_and_last(org, year)
    review = reverse("orgs:duty_review") + f"?year={year}"
    return [
        Tile(_("Active executive members"), this["active"], last["active"],
             target=this["members"], unit=pgettext("unit", "people"), url=review),
        Tile(_("Duties recorded by executive members"), this["duties"], last["duties"],
             unit=pgettext("unit", "times"), url=review),
        # Against the requests passed up: the progress shown is the answer rate (办结率).
        Tile(_("Requests passed up and answered"), this["answered"], last["answered"],
             target=this["requests"] or None, unit=pgettext("unit", "items"),
             url=reverse("orgs:duty_requests")),
    ]
