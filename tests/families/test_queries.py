"""Query counts stay flat as data grows: no per-row queries on lists, pages and exports."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
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


def count(client, url, params=None):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params or {}).status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize("role", ["district_staff", "street_chair"])
def test_query_counts_do_not_grow_with_data(world, login, role, django_assert_max_num_queries):
    client = login(world.users[role])
    household, inspection_round = seed(world, 3)
    lists, details = pages(world, household, inspection_round)
    small = [count(client, reverse(n), p) for n, p in lists]
    small += [count(client, reverse(n, args=[pk])) for n, pk in details]
    household, inspection_round = seed(world, 24)
    lists, details = pages(world, household, inspection_round)
    for (name, params), ceiling in zip(lists, small, strict=False):
        with django_assert_max_num_queries(ceiling, info=name):
            client.get(reverse(name), params)
    for (name, pk), ceiling in zip(details, small[len(lists):], strict=True):
        with django_assert_max_num_queries(ceiling, info=name):
            client.get(reverse(name, args=[pk]))


def test_pinned_counts(world, login, django_assert_max_num_queries):
    """Absolute ceilings, so a regression shows up even if it is flat."""
    client = login(world.users["district_staff"])
    seed(world, 12)
    for name, ceiling in (("families:households", 12), ("families:honours", 12),
                          ("families:coverage", 10), ("families:household_export", 8)):
        with django_assert_max_num_queries(ceiling):
            assert client.get(reverse(name)).status_code == 200
