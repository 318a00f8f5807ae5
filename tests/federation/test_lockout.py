"""django-axes: 5 failed logins of one username from one IP lock that pair for 30 minutes."""

import datetime

from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from federation.kernel.models import AccessLog

GOOD = "test-pass-123"


def post_login(client, username, password, ip="10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password},
                       REMOTE_ADDR=ip)


def test_settings_are_explicit():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 30 * 60
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_five_failures_lock_the_username_from_that_ip(world, client):
    for _ in range(4):
        assert post_login(client, "street_chair", "wrong").status_code == 200
    locked = post_login(client, "street_chair", "wrong")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "登录失败次数过多" in page and "30 分钟" in page
    # The right password does not help while locked.
    assert post_login(client, "street_chair", GOOD).status_code == 429
    # Another IP, and another user from this IP, are not locked.
    assert post_login(client, "street_chair", GOOD, ip="10.0.0.2").status_code == 302
    client.logout()
    assert post_login(client, "community_chair", GOOD).status_code == 302


def test_four_failures_then_success_resets_the_count(world, client):
    for _ in range(4):
        post_login(client, "street_chair", "wrong")
    assert post_login(client, "street_chair", GOOD).status_code == 302
    client.logout()
    for _ in range(4):
        assert post_login(client, "street_chair", "wrong").status_code == 200


def test_lock_ends_after_30_minutes(world, client):
    for _ in range(5):
        post_login(client, "street_chair", "wrong")
    assert post_login(client, "street_chair", GOOD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=31))
    assert post_login(client, "street_chair", GOOD).status_code == 302


def test_failed_and_successful_logins_and_logouts_are_audited(world, client):
    post_login(client, "street_chair", "wrong", ip="10.1.2.3")
    post_login(client, "street_chair", GOOD, ip="10.1.2.3")
    client.post(reverse("logout"), REMOTE_ADDR="10.1.2.3")
    actions = list(AccessLog.objects.filter(username="street_chair").order_by("pk")
                   .values_list("action", "ip"))
    assert actions == [("login_failed", "10.1.2.3"), ("login", "10.1.2.3"),
                       ("logout", "10.1.2.3")]
    # The password typed is never stored.
    assert not AccessLog.objects.filter(detail__contains="wrong").exists()


def test_programmatic_logins_are_not_audited(world, login):
    """force_login (tests, scripts) is no user logging in: other apps' log counts stay exact."""
    login(world.users["street_chair"]).logout()
    assert not AccessLog.objects.exists()
