"""Risk register: household files, monthly screening, the red rule, one-click case."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from federation.kernel.models import AccessLog
from rights.models import Case, ColourLevel, Household, Risk, RiskFactor
from tests.rights.factories import HouseholdFactory

TODAY = timezone.localdate()


def household_data(world, **extra):
    data = {"org": world.c1.pk, "head_name": "赵红梅", "phone": "13700001111",
            "address": "桃源社区5栋", "factors": [RiskFactor.objects.get(code="violence").pk],
            "colour": ColourLevel.objects.get(code="orange").pk, "warning_letters": 1,
            "measures": "每周走访", "responsible": "网格员", "next_visit_on": TODAY.isoformat(),
            "status": "watch"}
    data.update(extra)
    return data


def test_chair_opens_a_file_and_two_warning_letters_flag_it_red(world, login):
    client = login(world.users["community_chair"])
    response = client.post(reverse("rights:household_create"), household_data(world))
    household = Household.objects.get()
    assert response.status_code == 302 and household.colour.code == "orange"
    assert household.file_number == f"H-{TODAY.year}-00001"
    response = client.post(reverse("rights:household_edit", args=[household.pk]),
                           household_data(world, warning_letters=2))
    household.refresh_from_db()
    assert household.colour.code == "red"
    page = client.get(reverse("rights:household_list")).content.decode()
    assert "赵*梅" in page and "赵红梅" not in page


def test_chair_cannot_file_for_another_community(world, login):
    response = login(world.users["community_chair"]).post(
        reverse("rights:household_create"), household_data(world, org=world.c3.pk))
    assert response.status_code == 200 and "org" in response.context["form"].errors
    assert not Household.objects.exists()


def test_monthly_screening_sets_the_colour_once_a_month(world, login):
    household = HouseholdFactory(org=world.c1, created_by=world.users["street_chair"])
    client = login(world.users["street_chair"])
    url = reverse("rights:screening_create", args=[household.pk])
    data = {"month": TODAY.strftime("%Y-%m"), "colour": ColourLevel.objects.get(code="blue").pk,
            "factors": [], "notes": "关系缓和"}
    assert client.post(url, data).status_code == 302
    household.refresh_from_db()
    assert household.colour.code == "blue" and household.screenings.count() == 1
    again = client.post(url, data)
    assert again.status_code == 200 and "month" in again.context["form"].errors


def test_a_red_file_opens_a_case_in_one_click(world, login):
    chair = world.users["community_chair"]
    household = HouseholdFactory(org=world.c1, created_by=chair, warning_letters=3)
    household.factors.add(RiskFactor.objects.get(code="violence"))
    client = login(chair)
    response = client.post(reverse("rights:household_open_case", args=[household.pk]))
    case = Case.objects.get()
    assert response["Location"] == case.get_absolute_url()
    assert case.risk == Risk.URGENT and case.category.code == "domestic_violence"
    assert case.channel.code == "screening" and case.registered_by == chair
    assert case.complainant.name == household.head_name
    household.refresh_from_db()
    assert household.case == case
    client.post(reverse("rights:household_open_case", args=[household.pk]))
    assert Case.objects.count() == 1  # a second click goes to the same case
    assert AccessLog.objects.filter(object_type="rights.case", action="create").count() == 2


def test_only_red_files_open_cases(world, login):
    household = HouseholdFactory(org=world.c1, created_by=world.users["community_chair"])
    response = login(world.users["community_chair"]).post(
        reverse("rights:household_open_case", args=[household.pk]))
    assert response.status_code == 403 and not Case.objects.exists()


@pytest.mark.parametrize("role", ["leader", "district_staff"])
def test_register_is_closed_to_leaders_and_other_district_staff(world, login, role):
    HouseholdFactory(org=world.c1, created_by=world.users["community_chair"])
    assert not Household.objects.visible_to(world.users[role]).exists()
    assert Household.objects.within(world.users["leader"].org).count() == 1


def test_register_lists_by_community_and_colour(world, login):
    chair = world.users["street_chair"]
    HouseholdFactory(org=world.c1, created_by=chair)
    other = HouseholdFactory(org=world.c2, created_by=chair, warning_letters=2)
    client = login(chair)
    page = client.get(reverse("rights:household_list"), {"org": world.c2.pk}).context["page"]
    assert list(page) == [other]
    page = client.get(reverse("rights:household_list"), {"colour": "red"}).context["page"]
    assert list(page) == [other]
    counts = client.get(reverse("rights:household_list")).context["counts"]
    assert {c["code"]: c["count"] for c in counts} == {"red": 1, "orange": 1}


def test_visits_past_due_are_on_the_overdue_page(world, login):
    chair = world.users["street_chair"]
    late = HouseholdFactory(org=world.c1, created_by=chair,
                            next_visit_on=TODAY - datetime.timedelta(days=2))
    HouseholdFactory(org=world.c1, created_by=chair, next_visit_on=TODAY)
    HouseholdFactory(org=world.c3, created_by=chair, next_visit_on=TODAY - datetime.timedelta(2))
    visits = login(chair).get(reverse("rights:overdue")).context["visits"]
    assert list(visits) == [late]
