"""What executive members' work asks of a user: requests passed up waiting for the district,
answers waiting for the member, and the terms whose end (换届) is half a year away or past."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.kernel.hooks import Todo
from orgs.duties.models import RequestStatus, VoiceRequest
from orgs.models import LEVEL_KINDS, Term

#: How far ahead a term's end is flagged to the district.
TERM_WARNING_DAYS = 183


def terms_ending(user, today: datetime.date) -> QuerySet[Term]:
    """The latest term of each committee in the user's subtree that ends within half a year,
    or has ended with no newer term recorded (the election is due or overdue)."""
    newer = Term.objects.filter(org_id=OuterRef("org_id"), starts_on__gt=OuterRef("starts_on"))
    return (Term.objects.visible_to(user)
            .filter(org__kind__in=LEVEL_KINDS, org__is_active=True,
                    ends_on__lte=today + datetime.timedelta(days=TERM_WARNING_DAYS))
            .exclude(Exists(newer)))


def items(user) -> list[Todo]:
    if not (user.is_authenticated and user.is_active):
        return []
    if user.is_executive_member:
        answered = VoiceRequest.objects.visible_to(user).filter(
            status__in=(RequestStatus.ANSWERED, RequestStatus.CASE),
            answered_at__gte=timezone.now() - datetime.timedelta(days=30)).count()
        return [Todo(_("Your requests answered in the last 30 days"),
                     reverse("orgs:duty_requests"), answered)]
    result = []
    if user.is_district and user.can_write:
        waiting = VoiceRequest.objects.visible_to(user).filter(
            status=RequestStatus.FORWARDED).count()
        result.append(Todo(_("Requests passed up by executive members, not yet received"),
                           reverse("orgs:duty_requests") + "?status=open", waiting,
                           urgent=True))
        result.append(Todo(_("Committees whose term ends within half a year"),
                           reverse("orgs:duty_terms"),
                           terms_ending(user, timezone.localdate()).count()))
    return result
