"""The families panel on the home page."""

from __future__ import annotations

from django.utils import timezone

from families import figures
from families.dashboard import courtyard_headline
from families.models import FINAL_STATES, Honour
from orgs.scoping import scope_root


def panel(request) -> dict | None:
    if not request.user.is_authenticated:
        return None
    year = timezone.localdate().year
    org = scope_root(request.user)
    honours = figures.honours_by_state(org, year)
    return {
        "year": year,
        "courtyards": courtyard_headline(request.user),
        "honours": honours,
        "open_honours": sum(n for state, n in honours.items() if state not in FINAL_STATES),
        "awaiting": Honour.objects.awaiting(request.user).count(),
    }
