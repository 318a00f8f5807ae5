"""Query counts of the rights pages stay flat as data grows."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from rights.models import ActionType
from tests.rights.factories import (
    CaseFactory,
    HouseholdFactory,
    MediationFactory,
    make_rights_staff,
)

PAGES = ["rights:case_list", "rights:overdue", "rights:mediation_list", "rights:stats",
         "rights:household_list"]  # the home page is pinned by tests/federation/test_dashboard.py


def grow(world, staff, n):
    old = timezone.localdate() - datetime.timedelta(days=90)
    for i in range(n):
        case = CaseFactory(org=world.c1 if i % 2 else world.c3, registered_by=staff,
                           handler=staff, received_on=old)
        action = case.actions.create(type=ActionType.objects.get(code="referral_police"),
                                     by=staff, agency="police", feedback_due_on=old)
        assert action.feedback_overdue
        MediationFactory(case=case, registered_by=staff)
        HouseholdFactory(org=world.c1, created_by=staff)


@pytest.mark.parametrize("name", PAGES)
def test_list_pages_do_not_grow_with_data(world, login, get_page, name):
    staff = make_rights_staff(world.users["district_staff"])
    client = login(staff)
    grow(world, staff, 3)
    small = get_page(client, reverse(name), queries=30, at_most=True).queries
    grow(world, staff, 12)
    get_page(client, reverse(name), queries=small)


def test_case_detail_is_flat(world, login, get_page):
    staff = make_rights_staff(world.users["district_staff"])
    case = CaseFactory(org=world.c1, registered_by=staff, handler=staff)
    MediationFactory(case=case, registered_by=staff)
    client = login(staff)
    url = reverse("rights:case_detail", args=[case.pk])
    small = get_page(client, url, queries=30, at_most=True).queries
    for _ in range(10):
        case.actions.create(type=ActionType.objects.get(code="home_visit"), by=staff)
        MediationFactory(case=case, registered_by=staff)
        CaseFactory(org=world.c1, registered_by=staff, complainant=case.complainant)
    get_page(client, url, queries=small)


def test_register_and_mediation_details_are_flat(world, login, get_page):
    from rights.models import ColourLevel, MediationSession, RiskFactor, Screening

    staff = make_rights_staff(world.users["district_staff"])
    household = HouseholdFactory(org=world.c1, created_by=staff)
    mediation = MediationFactory(case=CaseFactory(org=world.c1, registered_by=staff),
                                 registered_by=staff)
    client = login(staff)
    urls = [reverse("rights:household_detail", args=[household.pk]),
            reverse("rights:mediation_detail", args=[mediation.pk])]

    def add(months):
        for month in months:
            screening = Screening.objects.create(
                household=household, month=datetime.date(2025, month, 1),
                colour=ColourLevel.objects.get(code="pink"), screened_by=staff)
            screening.factors.add(*RiskFactor.objects.all()[:2])
            MediationSession.objects.create(mediation=mediation, notes="调解")

    add([1])
    counts = [get_page(client, url, queries=30, at_most=True).queries for url in urls]
    add(range(2, 12))
    for url, count in zip(urls, counts, strict=True):
        get_page(client, url, queries=count)
