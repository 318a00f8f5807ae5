"""Password rules, forced change of initial/reset passwords, optional maximum age."""

import datetime

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from federation.kernel.models import PasswordState
from federation.kernel.passwords import character_classes
from orgs.models import User


@pytest.mark.parametrize("password", ["Qwhzk-pm9", "zhang-2025-mei", "长城Great99",
                                      "Correct horse battery staple 9 " * 2 + "xx"])
def test_good_passwords(password, db):
    validate_password(password)


@pytest.mark.parametrize("password, code", [
    ("Ab1-xyz", "password_too_short"),
    ("password", "password_too_common"),
    ("abcdefghij", "password_too_simple"),     # one class
    ("abcdef12345", "password_too_simple"),    # two classes
    ("Aa1-" * 33, "password_too_long"),        # 132 characters
])
def test_bad_passwords(password, code, db):
    with pytest.raises(ValidationError) as error:
        validate_password(password)
    assert code in [e.code for e in error.value.error_list]


def test_character_classes_can_be_switched_off(settings, db):
    settings.PASSWORD_CHARACTER_CLASSES = 0
    validate_password("mylongpassphrase")
    assert character_classes("aB3-") == 4 and character_classes("已经") == 1


def test_64_characters_are_allowed(db):
    validate_password("Aa1-" * 16)


def change(client, old, new):
    return client.post(reverse("password_change"), {
        "old_password": old, "new_password1": new, "new_password2": new})


def test_initial_password_must_be_changed_first(world, login):
    user = world.users["community_chair"]
    user.must_change_password = True
    user.save()
    client = login(user)
    response = client.get(reverse("orgs:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("password_change"))
    page = client.get(response["Location"])
    assert page.status_code == 200 and page.context["forced"]
    # A weak new password is refused and the user stays locked in.
    assert change(client, "test-pass-123", "abcdefghij").status_code == 200
    assert client.get(reverse("home")).status_code == 302
    response = change(client, "test-pass-123", "Tao-yuan-2026")
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.must_change_password and user.check_password("Tao-yuan-2026")
    assert client.get(reverse("orgs:list")).status_code == 200  # still logged in
    assert PasswordState.objects.get(user=user).changed_at > timezone.now() - datetime.timedelta(
        minutes=1)


def test_admin_created_and_reset_passwords_are_flagged(world, login):
    client = login(world.users["district_admin"])
    response = client.post(reverse("admin:orgs_user_add"), {
        "username": "new_chair", "password1": "Initial-Pass-1", "password2": "Initial-Pass-1",
        "usable_password": "true", "role": "community_chair"})
    assert response.status_code == 302, response.content.decode()[:2000]
    new = User.objects.get(username="new_chair")
    assert new.must_change_password
    new.must_change_password = False
    new.save()
    response = client.post(reverse("admin:auth_user_password_change", args=[new.pk]), {
        "password1": "Reset-Pass-22", "password2": "Reset-Pass-22", "usable_password": "true"})
    assert response.status_code == 302
    new.refresh_from_db()
    assert new.must_change_password and new.check_password("Reset-Pass-22")


def test_maximum_password_age_is_off_by_default_and_enforced_when_set(world, login, settings):
    user = world.users["street_chair"]
    PasswordState.objects.create(user=user,
                                 changed_at=timezone.now() - datetime.timedelta(days=400))
    client = login(user)
    assert client.get(reverse("home")).status_code == 200
    settings.PASSWORD_MAX_AGE_DAYS = 90
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("password_change"))
    assert change(client, "test-pass-123", "New-street-2026").status_code == 302
    assert client.get(reverse("home")).status_code == 200
