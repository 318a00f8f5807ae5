"""Every families URL, walked as each role against objects outside that role's scope."""

import datetime

import pytest
from django.urls import reverse

from families.models import AwardList, HonourLevel, HonourType, InspectionRound, Photo, ScoreSheet
from tests.families.factories import HonourFactory, HouseholdFactory, inspect
from tests.urlwalk import assert_covered, walk

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def objects_in(world, org):
    from django.core.files.base import ContentFile

    household = HouseholdFactory(org=org)
    inspection = inspect(household, 90, datetime.date(2025, 1, 1))
    honour = HonourFactory(org=org)
    photo = Photo(inspection=inspection)
    photo.file.save("p.png", ContentFile(PNG))
    inspection_round = InspectionRound.objects.create(
        org=org, kind="monthly", period=datetime.date(2025, 6, 1), sample_size=1, seed=1,
        created_by=world.users["district_admin"], sheet=ScoreSheet.current())
    award_list = AwardList.objects.create(
        honour_type=HonourType.objects.get(code="five-good-family"), year=2025, org=world.district,
        level=HonourLevel.objects.get(code="district"), uploaded_by=world.users["district_staff"])
    award_list.entries.create(row=2, org=org, name="王家")
    return household, inspection, honour, photo, inspection_round, award_list


def cases(household, inspection, honour, photo, inspection_round, award_list) -> dict:
    return {
        "families:households": None, "families:household_export": None,
        "families:household_create": None, "families:household_import": None,
        "families:household_import_template": None, "families:coverage": None,
        "families:coverage_export": None, "families:honours": None,
        "families:honour_export": None, "families:honour_nominate": None,
        "families:rounds": None, "families:round_create": None,
        "families:household": {"pk": household.pk},
        "families:household_edit": {"pk": household.pk},
        "families:inspection_create": {"pk": household.pk},
        "families:inspection": {"pk": inspection.pk},
        "families:photo": {"pk": photo.pk},
        "families:honour": {"pk": honour.pk},
        "families:honour_step": {"pk": honour.pk, "action": "review"},
        "families:recipient": {"pk": honour.recipient_id},
        "families:round": {"pk": inspection_round.pk},
        "families:round_template": {"pk": inspection_round.pk},
        "families:round_import": {"pk": inspection_round.pk},
        "families:award_lists": None, "families:award_list_upload": None,
        "families:award_list_template": None,
        "families:award_list": {"pk": award_list.pk},
        "families:award_list_approve": {"pk": award_list.pk},
        "families:award_list_withdraw": {"pk": award_list.pk},
    }


@pytest.mark.parametrize("role, target", [
    ("street_chair", "c3"), ("community_chair", "c2"), ("other_community_chair", "c1"),
    ("other_street_chair", "c1"), ("other_street_chair", "c2"),
])
def test_out_of_scope_objects_are_not_found(world, login, role, target):
    walk_cases = cases(*objects_in(world, getattr(world, target)))
    assert_covered("families", walk_cases)
    assert walk(login(world.users[role]), walk_cases) == []


def test_lists_hold_only_the_scope(world, login):
    objects_in(world, world.c1)
    objects_in(world, world.c3)
    client = login(world.users["street_chair"])
    for name in ("families:households", "families:honours"):
        page = client.get(reverse(name)).context["page"]
        assert page.paginator.count == 1, name
        assert {o.org_id for o in page} == {world.c1.pk}
    assert client.get(reverse("families:coverage")).context["streets"][0].org == world.s1
    client = login(world.users["district_staff"])
    assert client.get(reverse("families:households")).context["page"].paginator.count == 2


def test_leader_reads_but_writes_nothing(world, login):
    objs = objects_in(world, world.c3)
    client = login(world.users["leader"])
    readable = {"families:households", "families:household_export", "families:coverage",
                "families:coverage_export", "families:honours", "families:honour_export",
                "families:rounds", "families:household", "families:inspection",
                "families:photo", "families:honour", "families:recipient", "families:round",
                "families:award_lists", "families:award_list"}
    for name, kwargs in cases(*objs).items():
        response = client.get(reverse(name, kwargs=kwargs))
        if name in readable:
            assert response.status_code == 200, name
        elif name != "families:honour_step":
            assert response.status_code == 403, name
        assert client.post(reverse(name, kwargs=kwargs)).status_code in (
            (200, 405) if name in readable else (403,)), name


def test_every_page_answers_for_every_role(world, login):
    objs = objects_in(world, world.c1)
    posts_only = {"families:honour_step", "families:award_list_approve",
                  "families:award_list_withdraw"}
    gets = {n: k for n, k in cases(*objs).items() if n not in posts_only}
    for role in ("district_admin", "district_staff", "street_chair", "community_chair"):
        client = login(world.users[role])
        for name, kwargs in gets.items():
            status = client.get(reverse(name, kwargs=kwargs)).status_code
            assert status in (200, 403), (role, name, status)


def test_anonymous_is_sent_to_login(world, client):
    for name, kwargs in cases(*objects_in(world, world.c1)).items():
        response = client.get(reverse(name, kwargs=kwargs))
        assert response.status_code in (302, 405), name
        if response.status_code == 302:
            assert "/accounts/login/" in response["Location"], name
