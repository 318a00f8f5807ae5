"""The children's panel on the home page: figures only (leaders see it too)."""

from __future__ import annotations

from django.utils import timezone

from children import figures
from children.models import Grant, NursingRoom, Project


def panel(request) -> dict | None:
    user = request.user
    if not user.is_authenticated:
        return None
    year = timezone.localdate().year
    rooms = NursingRoom.objects.visible_to(user)
    return {
        "year": year,
        "projects": Project.objects.visible_to(user).count(),
        "area_rebuilt": figures.area_rebuilt(Project.objects.visible_to(user), year),
        "rooms_built": figures.rooms_built(rooms, year),
        "rooms_due": rooms.due_for_assessment(timezone.localdate()).count(),
        "grants": figures.grants_paid(Grant.objects.in_scope(user), year)["amount"],
    }
