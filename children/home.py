"""The children's panel on the home page: figures only (leaders see it too)."""

from __future__ import annotations

from django.utils import timezone

from children import figures
from orgs.scoping import scope_root


def panel(request) -> dict | None:
    user = request.user
    if not user.is_authenticated:
        return None
    today = timezone.localdate()
    numbers = figures.panel_numbers(scope_root(user), today.year, today)
    return {"year": today.year, **numbers}
