"""API tokens: made only by users who may hold one (two-factor where the role requires it,
leaders only if allowed), stored as a hash, expiring, renewable, revocable by the user and by a
district admin in the admin, and every use in the access log."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from federation.models import AccessLog, ApiToken
from federation.portal.api.tokens import issue, key_hash, refusal

ORGS = "api:organization-list"


def api(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def create(client) -> str:
    response = client.post(reverse("api_token"), {"action": "create"})
    assert response.status_code == 201
    return re.search(r'<code id="new-token">([^<]+)</code>', response.content.decode())[1]


def test_a_chair_makes_a_token_shown_once_and_stored_as_a_hash(world, login):
    client = login(world.users["community_chair"])
    key = create(client)
    token = ApiToken.objects.get(user=world.users["community_chair"])
    assert token.key_hash == key_hash(key) and key not in token.key_hash
    assert token.expires_at.date() == (timezone.now() + datetime.timedelta(days=90)).date()
    page = client.get(reverse("api_token")).content.decode()
    assert key not in page and token.prefix in page
    assert timezone.localtime(token.expires_at).strftime("%Y-%m-%d") in page
    assert api(key).get(reverse(ORGS)).status_code == 200


def test_every_use_is_in_the_access_log(world):
    token, key = issue(world.users["street_chair"])
    client = api(key)
    client.get(reverse(ORGS), {"kind": "community"})
    client.get(reverse("api:registry_counts"))
    uses = AccessLog.objects.filter(action=AccessLog.Action.API, object_id=str(token.pk))
    assert uses.count() == 2
    assert {u.detail for u in uses} == {f"GET {reverse(ORGS)}",
                                        f"GET {reverse('api:registry_counts')}"}
    assert all(u.username == "street_chair" for u in uses)


def test_leaders_get_no_token_unless_the_setting_allows_it(world, login, settings):
    client = login(world.users["leader"])
    page = client.get(reverse("api_token")).content.decode()
    assert "领导账号" in page and 'value="create"' not in page
    response = client.post(reverse("api_token"), {"action": "create"}, follow=True)
    assert not ApiToken.objects.exists() and "领导账号" in response.content.decode()
    _token, key = issue(world.users["leader"])  # made while it was allowed, say
    assert api(key).get(reverse(ORGS)).status_code == 401
    settings.API_TOKENS_FOR_LEADERS = True
    assert api(key).get(reverse(ORGS)).status_code == 200
    assert create(client)


def test_two_factor_comes_first_where_the_role_requires_it(world, settings):
    staff = world.users["district_staff"]
    settings.TWO_FACTOR_REQUIRED_ROLES = ["district_admin", "district_staff"]
    assert "双因素认证" in str(refusal(staff))
    TOTPDevice.objects.create(user=staff, confirmed=True, name="phone")
    assert refusal(staff) is None
    assert refusal(world.users["community_chair"]) is None  # her role does not require it


def test_expired_tokens_are_refused_until_renewed(world, login):
    user = world.users["community_chair"]
    token, key = issue(user)
    ApiToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1))
    response = api(key).get(reverse(ORGS))
    assert response.status_code == 401 and "过期" in response.json()["detail"]
    client = login(user)
    assert "已过期" in client.get(reverse("api_token")).content.decode()
    client.post(reverse("api_token"), {"action": "renew", "token": token.pk})
    token.refresh_from_db()
    assert token.is_active and token.expires_at > timezone.now() + datetime.timedelta(days=89)
    assert api(key).get(reverse(ORGS)).status_code == 200


def test_the_user_revokes_her_token_and_not_anyone_elses(world, login):
    own, key = issue(world.users["community_chair"])
    other, other_key = issue(world.users["street_chair"])
    client = login(world.users["community_chair"])
    assert client.post(reverse("api_token"), {"action": "revoke", "token": other.pk}
                       ).status_code == 404
    client.post(reverse("api_token"), {"action": "revoke", "token": own.pk})
    assert api(key).get(reverse(ORGS)).status_code == 401
    assert api(other_key).get(reverse(ORGS)).status_code == 200
    assert client.post(reverse("api_token"), {"action": "revoke", "token": "x\x00"}
                       ).status_code == 400


def test_a_district_admin_lists_and_revokes_tokens_in_the_admin(world, login):
    token, key = issue(world.users["street_chair"])
    admin = login(world.users["district_admin"])
    changelist = reverse("admin:federation_apitoken_changelist")
    page = admin.get(changelist)
    assert page.status_code == 200 and token.prefix in page.content.decode()
    admin.post(changelist, {"action": "revoke_tokens", "_selected_action": [token.pk]})
    token.refresh_from_db()
    assert token.revoked_by == world.users["district_admin"]
    assert api(key).get(reverse(ORGS)).status_code == 401


@pytest.mark.parametrize("header", ["Token", "Token a b", "Token not-a-token"])
def test_malformed_tokens_are_401(world, header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    assert client.get(reverse(ORGS)).status_code == 401
