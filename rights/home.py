"""Home-page panel: this year's counts, and the user's own and overdue cases."""

from __future__ import annotations

from django.utils import timezone

from rights import figures
from rights.models import Case, Status


def panel(request) -> dict | None:
    user = request.user
    today = timezone.localdate()
    totals = figures.case_totals(Case.objects.countable_by(user), today.replace(month=1, day=1),
                                 today)
    context: dict = {"totals": totals, "mine": None, "overdue": 0}
    if user.can_write:
        visible = Case.objects.visible_to(user)
        context["mine"] = list(visible.filter(handler=user).exclude(status=Status.CLOSED)
                               .select_related("category__parent").order_by("risk", "due_on")[:10])
        context["overdue"] = visible.overdue(today).count()
    return context
