"""The children's panel on the home page: figures only (leaders see it too)."""

from __future__ import annotations

from django.utils import timezone

from children import figures
from children.models import Grant, NursingRoom, Project


def panel(request) -> dict | None:
    user = request.user
    if not user.is_authenticated:
        return None
    today = timezone.localdate()
    numbers = figures.panel_numbers(
        Project.objects.visible_to(user), NursingRoom.objects.visible_to(user),
        Grant.objects.in_scope(user), today.year, today)
    return {"year": today.year, **numbers}
