"""The read API: token authentication, scope like the pages, a valid OpenAPI schema."""

import pytest
import yaml
from django.urls import reverse
from django.utils import timezone
from openapi_spec_validator import validate
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import PositionFactory


def api(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def test_no_token_no_data(world):
    response = APIClient().get(reverse("api:organization-list"))
    assert response.status_code == 401
    bad = APIClient()
    bad.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert bad.get(reverse("api:organization-list")).status_code == 401


def test_organizations_are_scoped_and_paginated(world, get_page):
    client = api(world.users["street_chair"])
    body = get_page(client, reverse("api:organization-list"), queries=4, at_most=True).json()
    assert body["count"] == 4
    assert [o["code"] for o in body["results"]] == ["S1", "C1", "H1", "C2"]
    assert {o["code"]: o["parent_code"] for o in body["results"]}["H1"] == "C1"
    assert client.get(reverse("api:organization-detail", args=["C3"])).status_code == 404
    assert client.get(reverse("api:organization-list"), {"under": "S2"}).json()["count"] == 0
    assert client.get(reverse("api:organization-list"), {"kind": "community"}).json()["count"] == 2


def test_registry_counts_for_a_subtree(world):
    PositionFactory(org=world.c1, post="chair")
    PositionFactory(org=world.c3, post="chair")
    client = api(world.users["district_staff"])
    body = client.get(reverse("api:registry_counts"), {"org": "S1"}).json()
    counts = {o["key"]: o["count"] for o in body["organizations"]}
    assert counts["community"] == 2 and counts["street"] == 1
    assert body["committee"] == [{"level": "community", "post": "chair", "count": 1}]
    street = api(world.users["street_chair"])
    assert street.get(reverse("api:registry_counts"), {"org": "S2"}).status_code == 404
    assert street.get(reverse("api:registry_counts")).json()["org"] == "S1"


def test_api_is_read_only(world):
    client = api(world.users["district_admin"])
    assert client.post(reverse("api:organization-list"), {"code": "X"}).status_code == 405
    assert client.delete(reverse("api:organization-detail", args=["C1"])).status_code == 405


def test_schema_is_valid_openapi(world, login):
    client = login(world.users["leader"])
    response = client.get(reverse("api:schema"))
    validate(yaml.safe_load(response.content))
    assert client.get(reverse("api:docs")).status_code == 200


@pytest.mark.parametrize("role", ["leader", "community_chair"])
def test_token_page(world, login, role):
    client = login(world.users[role])
    client.post(reverse("api_token"))
    token = Token.objects.get(user=world.users[role])
    assert token.key in client.get(reverse("api_token")).content.decode()


def test_indicators_and_tally_totals_by_period_and_subtree(world):
    import datetime

    from orgs.tallies.models import TallyState
    from tests.orgs.factories import TallyFactory, put

    put(TallyFactory(org=world.c1, month=datetime.date(2025, 3, 1), state=TallyState.APPROVED),
        lectures=2)
    put(TallyFactory(org=world.c3, month=datetime.date(2025, 3, 1), state=TallyState.SUBMITTED),
        lectures=5)
    put(TallyFactory(org=world.c3, month=datetime.date(2025, 4, 1), state=TallyState.DRAFT),
        lectures=50)  # drafts do not count
    client = api(world.users["street_chair"])
    codes = [i["code"] for i in client.get(reverse("api:indicator-list")).json()["results"]]
    assert "lectures" in codes and "cervical_screening" in codes
    body = client.get(reverse("api:tally_totals"), {"start": "2025-01", "end": "2025-12"}).json()
    totals = {v["indicator"]: v["total"] for v in body["values"]}
    assert body["org"] == "S1" and totals["lectures"] == "2.00"
    assert totals["cervical_screening"] is None  # nothing reported is not 0
    district = api(world.users["leader"]).get(reverse("api:tally_totals"), {
        "start": "2025-01", "end": "2025-12"}).json()
    assert {v["indicator"]: v["total"] for v in district["values"]}["lectures"] == "7.00"
    assert client.get(reverse("api:tally_totals"), {"org": "S2"}).status_code == 404
    assert client.get(reverse("api:tally_totals"), {"start": "March"}).status_code == 400


def test_registry_counts_carry_other_programmes_without_personal_data(world):

    from tests.rights.factories import AssistanceFactory, CaseFactory

    CaseFactory(org=world.c1, registered_by=world.users["district_staff"],
                received_on=timezone.localdate())
    AssistanceFactory(org=world.c1, registered_by=world.users["district_staff"],
                      given_on=timezone.localdate(), name="王秀英", amount=10000)
    body = api(world.users["leader"]).get(reverse("api:registry_counts")).json()
    assert body["programmes"]["cases_received_this_year"] == 1
    assert body["programmes"]["women_aided_this_year"] == 1
    assert body["programmes"]["assistance_money_this_year"] == 10000.0
    assert "李秀" not in str(body) and "王秀" not in str(body)
