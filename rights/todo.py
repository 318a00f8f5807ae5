"""What rights work asks of a user: open cases she handles, overdue cases and referrals."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.kernel.hooks import Todo
from rights.models import Case, Risk
from rights.models.cases import overdue_rule


def items(user) -> list[Todo]:
    """Two queries, both inside the case visibility rule."""
    if not user.can_write:
        return []
    today = timezone.localdate()
    cases = Case.objects.visible_to(user)
    counts = cases.open().aggregate(
        mine=Count("pk", filter=Q(handler=user)),
        urgent=Count("pk", filter=Q(handler=user, risk__lte=Risk.HIGH)),
        overdue=Count("pk", filter=overdue_rule(today)))
    feedback = cases.overdue_feedback(today).count()
    overdue_url = reverse("rights:overdue")
    return [
        Todo(_("Urgent or high-risk cases you handle"), reverse("rights:case_list")
             + "?mine=true", counts["urgent"], urgent=True),
        Todo(_("Open cases assigned to you"), reverse("rights:case_list") + "?mine=true",
             counts["mine"] - counts["urgent"]),
        Todo(_("Overdue cases"), overdue_url, counts["overdue"], urgent=True),
        Todo(_("Referrals waiting for the agency's answer past the due date"), overdue_url,
             feedback, urgent=True),
    ]
