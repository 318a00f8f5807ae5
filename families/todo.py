"""What the families registry asks of a user: honours waiting for her step, and for the
district, mass honours' lists awaiting approval."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from families.models import AwardList, Honour, State
from families.models.honours import DECIDER
from federation.kernel.hooks import Todo


def items(user) -> list[Todo]:
    """Open honours whose next step is the user's role, by state, in her scope: one query."""
    if not user.can_write:
        return []
    states = [state for state, roles in DECIDER.items()
              if user.role in roles or user.is_superuser]
    rows = (Honour.objects.visible_to(user).filter(state__in=states).order_by()
            .values("state").annotate(n=Count("pk")))
    items = [Todo(_("Honours at “%(state)s” waiting for your step") % {
                 "state": State(row["state"]).label},
                  reverse("families:honours") + "?" + urlencode({"state": row["state"]}),
                  row["n"]) for row in rows]
    if user.is_district:
        pending = AwardList.objects.visible_to(user).filter(
            status=AwardList.Status.PENDING).count()
        items.append(Todo(_("Award lists awaiting approval"), reverse("families:award_lists"),
                          pending))
    return items
