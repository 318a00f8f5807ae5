"""seed_demo gives most executive members a believable year of duties, some none, and the
`executive_member` login sees only hers."""

import datetime

from django.db.models import Count
from django.utils import timezone

from orgs.duties import figures
from orgs.duties.models import EXECUTIVE_POSTS, Duty, RequestStatus, VoiceRequest
from orgs.models import Organization, OrgKind, Position, Role, User


def test_demo_members_have_a_year_of_duties(demo):
    # The last twelve months: early in January this year has hardly begun.
    end = timezone.localdate()
    start = end - datetime.timedelta(days=365)
    district = Organization.objects.get(kind=OrgKind.DISTRICT)
    result = figures.summary_figures(district, start, end)
    assert result["members"] > 100
    assert 0.6 < result["active"] / result["members"] < 0.99  # most, not all
    assert result["duties"] > result["active"]
    assert result["requests"] and 0 < result["answered"] <= result["requests"]
    assert result["text"].startswith(f"全区{result['members']}名执委")
    members = Position.objects.filter(post__in=EXECUTIVE_POSTS, ended_on__isnull=True)
    assert not Duty.objects.exclude(person_id__in=members.values("person_id")).exists()
    per_member = Duty.objects.values("person_id").annotate(n=Count("pk"))
    assert max(row["n"] for row in per_member) < 40  # believable, not a flood

    member = User.objects.get(username="executive_member")
    assert member.role == Role.EXECUTIVE_MEMBER and member.person_id
    own = Duty.objects.visible_to(member)
    assert own.exists() and not own.exclude(person_id=member.person_id).exists()
    assert VoiceRequest.objects.visible_to(member).filter(
        status=RequestStatus.ANSWERED).exists()
