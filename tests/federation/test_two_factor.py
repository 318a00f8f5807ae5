"""TOTP two-factor: required for district admins and staff, optional for the other roles."""

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

import federation.settings as production
from federation.kernel.models import AccessLog

REQUIRED = ["district_admin", "district_staff", "case_handler"]


@pytest.fixture
def required(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = REQUIRED


def code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def unthrottle(device: TOTPDevice) -> None:
    """A wrong code makes django-otp refuse the next try for a second or more (tested here)."""
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()


def password_login(client, username):
    response = client.post(reverse("login"), {"username": username, "password": "test-pass-123"})
    assert response.status_code == 302
    return client.get(reverse("home"))


def test_production_requires_it_for_district_admins_staff_and_case_handlers():
    assert production.TWO_FACTOR_REQUIRED_ROLES == REQUIRED


def test_staff_must_enrol_then_verify_at_each_login(world, client, required):
    response = password_login(client, "district_staff")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_setup"))
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and "设置双因素认证" in html
    assert "http" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]  # drawn here
    device = TOTPDevice.objects.get(user=world.users["district_staff"], confirmed=False)
    assert " ".join(page.context["secret"].split()) in html
    assert client.post(reverse("two_factor_setup"), {"token": "000000"}).status_code == 200
    unthrottle(device)
    assert not device.confirmed
    enrolment_code = code(device)
    response = client.post(reverse("two_factor_setup"), {"token": enrolment_code})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("home")).status_code == 200

    client.post(reverse("logout"))
    response = password_login(client, "district_staff")
    assert response["Location"].startswith(reverse("two_factor_verify"))
    assert client.get(reverse("orgs:list")).status_code == 302  # nothing before the code
    wrong = client.post(reverse("two_factor_verify"), {"token": "123456"})
    assert wrong.status_code == 200 and wrong.context["form"].errors
    assert AccessLog.objects.filter(action="login_failed", username="district_staff").exists()
    unthrottle(device)
    # The code used at enrolment cannot be replayed (whether or not a new 30-second step
    # has begun since); then pretend no code was ever used.
    replay = client.post(reverse("two_factor_verify"), {"token": enrolment_code})
    assert replay.status_code == 200 and replay.context["form"].errors
    unthrottle(device)
    device.last_t = -1
    device.save()
    response = client.post(f"{reverse('two_factor_verify')}?next=/orgs/",
                           {"token": code(device), "next": "/orgs/"})
    assert response.status_code == 302 and response["Location"] == "/orgs/"
    assert client.get(reverse("orgs:list")).status_code == 200


def test_admin_site_is_behind_the_code_too(world, client, required):
    password_login(client, "district_admin")
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_setup"))


def test_optional_for_chairs_but_enforced_once_enrolled(world, client, required):
    assert password_login(client, "community_chair").status_code == 200
    client.get(reverse("two_factor_setup"))
    device = TOTPDevice.objects.get(user=world.users["community_chair"])
    client.post(reverse("two_factor_setup"), {"token": code(device)})
    client.post(reverse("logout"))
    response = password_login(client, "community_chair")
    assert response["Location"].startswith(reverse("two_factor_verify"))


def test_removed_device_lets_an_optional_user_in(world, client, required):
    user = world.users["street_chair"]
    TOTPDevice.objects.create(user=user, confirmed=True, name="phone")
    response = password_login(client, "street_chair")
    assert response["Location"].startswith(reverse("two_factor_verify"))
    TOTPDevice.objects.filter(user=user).delete()  # an admin removed the lost phone
    assert client.get(reverse("two_factor_verify")).status_code == 302
    assert client.get(reverse("home")).status_code == 200


def test_a_fragment_request_held_at_the_gate_gets_nothing_to_swap(world, client, settings):
    """The navbar loads the to-do count with htmx: at the gate it must not receive the
    set-up page (htmx would swap a whole page into the navbar)."""
    from django.urls import reverse

    settings.TWO_FACTOR_REQUIRED_ROLES = ["district_staff"]
    client.post(reverse("login"), {"username": "district_staff", "password": "test-pass-123"})
    response = client.get(reverse("todo_badge"), HTTP_HX_REQUEST="true")
    assert response.status_code == 204 and not response.content
    assert client.get(reverse("todo_badge")).status_code == 302


def test_a_street_chair_who_handles_a_case_must_enrol(world, client, required):
    """Case handlers are not only district staff: a street chair assigned a case needs
    two-factor too; one without cases does not."""
    from tests.rights.factories import CaseFactory

    chair = world.users["street_chair"]
    response = password_login(client, "street_chair")
    assert response.status_code == 200  # no case yet: optional
    client.logout()
    CaseFactory(org=world.c1, handler=chair, registered_by=world.users["district_staff"])
    response = password_login(client, "street_chair")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_setup"))
    assert client.get(reverse("rights:case_list")).status_code == 302  # held at the gate
