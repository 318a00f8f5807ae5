"""Mediation records: sessions, parties, mediators, agreement; counts for the tallies."""


import pytest
from django.urls import reverse
from django.utils import timezone

from rights import figures
from rights.models import Mediation
from tests.rights.factories import CaseFactory, MediationFactory, make_rights_staff

TODAY = timezone.localdate()


@pytest.fixture
def staff(world):
    return make_rights_staff(world.users["district_staff"])


def test_record_a_mediation_with_sessions_and_agreement(world, login, staff):
    case = CaseFactory(org=world.c1, registered_by=staff, handler=staff)
    client = login(staff)
    response = client.post(reverse("rights:mediation_create", args=[case.pk]), {
        "started_on": TODAY.isoformat(), "parties": "李某、王某", "mediators": "调解员甲、乙",
        "agreement_reached": "unknown", "agreement": "", "concluded_on": ""})
    mediation = Mediation.objects.get()
    assert response["Location"] == mediation.get_absolute_url()
    for _ in range(2):
        client.post(reverse("rights:session_create", args=[mediation.pk]),
                    {"held_on": TODAY.isoformat(), "mediators": "甲", "notes": "双方陈述"})
    refused = client.post(reverse("rights:mediation_edit", args=[mediation.pk]), {
        "started_on": TODAY.isoformat(), "parties": "李某、王某", "mediators": "甲",
        "agreement_reached": "true", "agreement": "协议离婚", "concluded_on": ""})
    assert "concluded_on" in refused.context["form"].errors
    client.post(reverse("rights:mediation_edit", args=[mediation.pk]), {
        "started_on": TODAY.isoformat(), "parties": "李某、王某", "mediators": "甲",
        "agreement_reached": "true", "agreement": "协议离婚", "concluded_on": TODAY.isoformat()})
    counts = figures.mediation_counts(world.district, TODAY.replace(month=1, day=1), TODAY)
    assert counts == {"mediations": 1, "agreements": 1, "failed": 0, "ongoing": 0,
                      "sessions": 2}
    page = client.get(reverse("rights:mediation_list"))
    assert page.context["counts"]["mediations"] == 1


def test_mediations_follow_the_case_rule(world, staff):
    case = CaseFactory(org=world.c1, registered_by=staff, handler=staff)
    MediationFactory(case=case, registered_by=staff)
    assert Mediation.objects.visible_to(staff).count() == 1
    for role in ("street_chair", "community_chair", "leader"):
        assert not Mediation.objects.visible_to(world.users[role]).exists()
