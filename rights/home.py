"""Home-page panel: this year's counts, and the user's own and overdue cases."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone

from orgs.scoping import scope_root
from rights import figures
from rights.models import Case, Status
from rights.models.cases import overdue_rule


def panel(request) -> dict | None:
    user = request.user
    today = timezone.localdate()
    totals = figures.headline(scope_root(user), today.replace(month=1, day=1), today)
    # One overdue count, the to-do list's: every open case past its limit, whatever the year
    # it came in (the year's figures above are about the cases received this year).
    context: dict = {"totals": totals, "mine": None}
    if not user.can_write:
        context["overdue"] = Case.objects.within(scope_root(user)).overdue(today).count()
    else:
        visible = Case.objects.visible_to(user)
        context.update(visible.aggregate(
            overdue=Count("pk", filter=overdue_rule(today)),
            assigned=Count("pk", filter=Q(handler=user) & ~Q(status=Status.CLOSED))))
        context["mine"] = list(visible.filter(handler=user).exclude(status=Status.CLOSED)
                               .select_related("category__parent")
                               .order_by("risk", "due_on")[:10])
    return context
