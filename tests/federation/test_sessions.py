"""Sessions end after 30 minutes idle, after 12 hours in all, at browser close, or by an admin."""

import time

from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from federation.kernel.models import AccessLog
from federation.portal.accounts import SESSION_SEEN, SESSION_STARTED


def login_by_post(client, username="street_chair"):
    response = client.post(reverse("login"), {"username": username, "password": "test-pass-123"})
    assert response.status_code == 302
    return client


def test_session_settings():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_ABSOLUTE_SECONDS == 12 * 3600
    assert settings.SESSION_COOKIE_HTTPONLY


def test_cookie_dies_with_the_browser_and_server_expiry_is_30_minutes(world, client):
    login_by_post(client)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["expires"] and not cookie["max-age"]
    session = Session.objects.get(session_key=cookie.value)
    left = (session.expire_date - timezone.now()).total_seconds()
    assert 29 * 60 < left <= 30 * 60


def test_idle_session_expires(world, client):
    login_by_post(client)
    Session.objects.update(expire_date=timezone.now() - timezone.timedelta(seconds=1))
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_activity_moves_the_idle_expiry_on(world, client):
    login_by_post(client)
    session = client.session
    session[SESSION_SEEN] = int(time.time()) - 120
    session.save()
    key = session.session_key
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() + timezone.timedelta(minutes=5))
    assert client.get(reverse("home")).status_code == 200
    left = (Session.objects.get(session_key=key).expire_date - timezone.now()).total_seconds()
    assert left > 29 * 60


def test_twelve_hours_at_most_however_active(world, client):
    login_by_post(client)
    session = client.session
    session[SESSION_STARTED] = int(time.time()) - 12 * 3600 - 1
    session.save()
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert client.get(reverse("home")).status_code == 302  # logged out for good


def test_admin_ends_a_users_sessions(world, client, login):
    from django.test import Client

    chair = Client()
    login_by_post(chair, "community_chair")
    other = Client()
    login_by_post(other, "street_chair")
    admin = login(world.users["district_admin"])
    user = world.users["community_chair"]
    response = admin.post(reverse("admin:orgs_user_changelist"), {
        "action": "end_sessions_action", "_selected_action": [user.pk]})
    assert response.status_code == 302
    assert chair.get(reverse("home")).status_code == 302
    assert other.get(reverse("home")).status_code == 200
    assert AccessLog.objects.filter(action="sessions_end", object_id=str(user.pk),
                                    username="district_admin").exists()


def test_security_layer_adds_no_query_to_a_page(world, login, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(world.users["street_chair"])
    client.get(reverse("home"))

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("orgs:list")).status_code == 200
        return len(queries)

    with_layer = count()
    ours = {"django_otp.middleware.OTPMiddleware", "federation.portal.accounts.SecurityGateMiddleware",
            "federation.kernel.audit.AuditMiddleware", "axes.middleware.AxesMiddleware",
            "csp.middleware.CSPMiddleware"}
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m not in ours]
    assert with_layer == count()
