"""Query counts stay flat as data grows: no per-row queries on lists, pages and exports."""

import datetime

import pytest
from django.urls import reverse

from families.models import CourtyardCategory, InspectionRound, ScoreSheet
from tests.factories import PositionFactory
from tests.families.factories import HonourFactory, HouseholdFactory, inspect


def seed(world, n):
    categories = list(CourtyardCategory.objects.all()[:2])
    member = PositionFactory(org=world.c1).person
    first = None
    for i in range(n):
        org = (world.c1, world.c2, world.c3)[i % 3]
        household = HouseholdFactory(org=org)
        household.categories.set(categories)
        inspect(household, 60 + i % 40, datetime.date(2025, 1, 1), inspectors=[member])
        inspect(household, 95 - i % 40, datetime.date(2025, 2, 1), inspectors=[member])
        HonourFactory(org=org)
        first = household if i == 0 else first
    inspection_round = InspectionRound.objects.create(
        org=world.district, kind="quarterly", period=datetime.date(2025, 4, 1), seed=1,
        created_by=world.users["district_staff"], sheet=ScoreSheet.current())
    inspection_round.fill()
    return first, inspection_round  # in C1: inside every tested scope


def pages(world, household, inspection_round):
    honour = HonourFactory(org=household.org)
    return [
        ("families:households", {}), ("families:household_export", {}),
        ("families:households", {"q": "李", "tier": household.tier_id}),
        ("families:honours", {}), ("families:honour_export", {}),
        ("families:honours", {"year": 2025, "org": world.s1.pk}),
        ("families:coverage", {}), ("families:coverage_export", {}),
        ("families:rounds", {}),
    ], [
        ("families:household", household.pk), ("families:honour", honour.pk),
        ("families:round", inspection_round.pk),
        ("families:inspection", household.inspections.first().pk),
        ("families:recipient", honour.recipient_id),
    ]


def urls(lists, details):
    return ([(reverse(n), p) for n, p in lists]
            + [(reverse(n, args=[pk]), {}) for n, pk in details])


@pytest.mark.parametrize("role", ["district_staff", "street_chair"])
def test_query_counts_do_not_grow_with_data(world, login, role, get_page):
    client = login(world.users[role])
    household, inspection_round = seed(world, 3)
    small = [get_page(client, url, params=p, queries=None).queries
             for url, p in urls(*pages(world, household, inspection_round))]
    household, inspection_round = seed(world, 24)
    for (url, params), count in zip(urls(*pages(world, household, inspection_round)), small,
                                    strict=True):
        get_page(client, url, params=params, queries=count)


def test_pinned_counts(world, login, get_page):
    """Absolute pins, so a regression shows up even if it is flat."""
    client = login(world.users["district_staff"])
    seed(world, 12)
    for name, queries in (("families:households", 11), ("families:honours", 10),
                          ("families:coverage", 10), ("families:household_export", 7)):
        get_page(client, reverse(name), queries=queries)
