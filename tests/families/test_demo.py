"""The demo data obeys the portal's own rules."""

from django.db.models import Count, F, OuterRef, Subquery
from django.utils import timezone

from families.models import (
    AwardList,
    CourtyardTier,
    Honour,
    HonourStep,
    Household,
    Inspection,
    InspectionRound,
    PlaqueEvent,
    State,
    Workflow,
    tier_for,
)


def test_small_demo(demo):
    households = Household.objects.all()
    assert households.count() == 1600
    tiers = list(CourtyardTier.objects.all())
    latest = Inspection.objects.filter(household=OuterRef("pk")).order_by("-inspected_on", "-pk")
    rows = households.filter(in_campaign=True).annotate(
        last_total=Subquery(latest.values("total")[:1]),
        last_on=Subquery(latest.values("inspected_on")[:1]))
    for h in rows:  # the tier follows the latest inspection
        assert h.latest_score == h.last_total and h.latest_inspected_on == h.last_on
        assert h.tier == tier_for(h.last_total, tiers)
    last_event = PlaqueEvent.objects.filter(household=OuterRef("pk")).order_by("-on", "-pk")
    for h in rows.filter(tier__isnull=False).annotate(
            last_kind=Subquery(last_event.values("kind")[:1]),
            last_tier=Subquery(last_event.values("tier")[:1]))[:300]:
        assert h.last_kind in ("awarded", "restored") and h.last_tier == h.tier_id
    delisted = PlaqueEvent.objects.filter(kind="delisted")
    assert delisted.exists() and all("低于" in e.reason for e in delisted[:50])
    nominated = Honour.objects.exclude(honour_type__workflow=Workflow.STANDING)
    years = dict(nominated.values_list("year").annotate(n=Count("pk")))
    assert len(years) == 2
    last_year = min(years)
    assert not Honour.objects.filter(year=last_year).exclude(
        state__in=[State.AWARDED, State.REJECTED, State.DISQUALIFIED]).exists()
    awarded = Honour.objects.filter(state=State.AWARDED, award_list=None).first()
    assert [s.to_state for s in awarded.steps.all()][-1] == State.AWARDED
    assert awarded.notice_ends and (awarded.notice_ends - awarded.notice_starts).days >= 2
    steps = HonourStep.objects.filter(honour=awarded).order_by("pk")
    assert [s.at for s in steps] == sorted(s.at for s in steps)
    assert not HonourStep.objects.filter(at__gt=timezone.now()).exists()
    assert InspectionRound.objects.count() == 2
    # mass honours by list, one list awaiting approval; standing titles, some revoked
    lists = AwardList.objects.annotate(n=Count("entries"), awarded=Count("honours"))
    assert {a.status for a in lists} == {AwardList.Status.APPROVED, AwardList.Status.PENDING}
    for award_list in lists:
        assert award_list.awarded == (
            award_list.n if award_list.status == AwardList.Status.APPROVED else 0)
    listed = Honour.objects.filter(award_list__isnull=False)
    assert not listed.exclude(state=State.AWARDED).exists()
    assert not listed.exclude(honour_type__workflow=Workflow.LIST).exists()
    assert not Honour.objects.filter(award_list=None, honour_type__workflow=Workflow.LIST).exists()
    standing = Honour.objects.filter(honour_type__workflow=Workflow.STANDING)
    assert standing.filter(revoked_on__isnull=False).exists()
    assert not standing.filter(revoked_on__lt=F("awarded_on")).exists()
    assert all(r.households.exists() for r in InspectionRound.objects.all())
