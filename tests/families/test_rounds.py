"""Inspection rounds: a reproducible monthly sample per village and a quarterly review."""

import datetime

import pytest
from django.urls import reverse

from families.models import InspectionRound, RoundKind, ScoreSheet
from tests.families.factories import HouseholdFactory


@pytest.fixture
def households(world):
    made = {org.code: [HouseholdFactory(org=org) for _ in range(6)]
            for org in (world.c1, world.c2, world.c3)}
    HouseholdFactory(org=world.c1, in_campaign=False)  # never drawn
    return made


def make_round(world, org, kind=RoundKind.MONTHLY, size=2, seed=42):
    return InspectionRound.objects.create(
        org=org, kind=kind, period=datetime.date(2025, 6, 1), sample_size=size, seed=seed,
        created_by=world.users["district_staff"], sheet=ScoreSheet.current())


def test_monthly_sample_is_per_village_and_reproducible(world, households):
    first = make_round(world, world.district)
    drawn = first.draw()
    assert len(drawn) == 6  # 2 in each of 3 villages
    assert first.draw() == drawn  # same seed, same list
    assert make_round(world, world.district, seed=42).draw() == drawn
    other = [make_round(world, world.district, seed=s).draw() for s in range(1, 6)]
    assert any(o != drawn for o in other)
    by_village = {}
    for h in households.values():
        for x in h:
            by_village[x.pk] = x.org.code
    assert sorted(by_village[pk] for pk in drawn) == ["C1", "C1", "C2", "C2", "C3", "C3"]


def test_sample_size_larger_than_the_village(world, households):
    assert len(make_round(world, world.s1, size=50).draw()) == 12


def test_quarterly_review_takes_every_household_in_the_campaign(world, households):
    review = make_round(world, world.s2, kind=RoundKind.QUARTERLY, size=None)
    assert sorted(review.draw()) == sorted(h.pk for h in households["C3"])


def test_district_staff_runs_a_spot_check_round(world, households, login):
    client = login(world.users["district_staff"])
    response = client.post(reverse("families:round_create"), {
        "org": world.district.pk, "kind": "monthly", "period": "2025-06-17", "sample_size": 3})
    inspection_round = InspectionRound.objects.get()
    assert response.status_code == 302 and inspection_round.period == datetime.date(2025, 6, 1)
    assert inspection_round.households.count() == 9
    assert inspection_round.households.count() == len(inspection_round.draw())
    page = client.get(reverse("families:round", args=[inspection_round.pk]))
    assert page.context["total"] == 9 and page.context["done"] == 0
    assert str(inspection_round.seed) in page.content.decode()


def test_monthly_round_needs_a_sample_size(world, login):
    client = login(world.users["street_chair"])
    response = client.post(reverse("families:round_create"), {
        "org": world.s1.pk, "kind": "monthly", "period": "2025-06-01"})
    assert response.status_code == 200 and not InspectionRound.objects.exists()


def test_community_chair_sees_only_her_households_in_a_district_round(world, households, login):
    inspection_round = make_round(world, world.district)
    inspection_round.fill()
    client = login(world.users["community_chair"])
    page = client.get(reverse("families:round", args=[inspection_round.pk]))
    assert {h.org_id for h in page.context["page"]} == {world.c1.pk}
    assert page.context["total"] == 2
    other = make_round(world, world.s2)
    other.fill()
    assert client.get(reverse("families:round", args=[other.pk])).status_code == 404
    assert client.get(reverse("families:round_create")).status_code == 403
