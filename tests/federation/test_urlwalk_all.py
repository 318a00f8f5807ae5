"""Every URL pattern of every app, walked as anonymous (sent to the login page) and as each
role (never a server error). Each app's own walk checks scoping against real objects; this
one makes sure no pattern, including those of apps added later, is left out."""

from __future__ import annotations

import importlib.util
import uuid

import pytest
from django.conf import settings
from django.urls import converters, get_resolver, reverse
from django.urls.resolvers import RoutePattern, URLPattern, URLResolver

from federation.portal.hooks import project_apps

#: Open to anonymous users on purpose.
PUBLIC = {"login", "logout", "health", "set_language"}
SAMPLES = {converters.IntConverter: 987654, converters.UUIDConverter: uuid.UUID(int=7)}


def sample(converter):
    return SAMPLES.get(type(converter), "zz-none")


def patterns():
    """(name, kwargs) for every named route outside Django's admin, with made-up values."""
    found = []

    def walk(items, namespace, convs):
        for item in items:
            if isinstance(item.pattern, RoutePattern):
                own = dict(item.pattern.converters)
            else:  # a regex route (DRF's routers): every named group gets a made-up value
                own = dict.fromkeys(item.pattern.regex.groupindex)
            if isinstance(item, URLResolver):
                if item.namespace == "admin":
                    continue
                ns = f"{namespace}{item.namespace}:" if item.namespace else namespace
                walk(item.url_patterns, ns, {**convs, **own})
            elif isinstance(item, URLPattern) and item.name:
                all_convs = {**convs, **own}
                found.append((f"{namespace}{item.name}",
                              {k: sample(c) for k, c in all_convs.items()}))

    walk(get_resolver().url_patterns, "", {})
    return sorted(found, key=lambda p: p[0])


def test_the_walk_sees_every_app():
    """Every installed project app with URLs of its own (the root URLconf aside) is walked
    under its namespace: an app added later joins without being named here."""
    namespaces = {name.split(":")[0] for name, _ in patterns() if ":" in name}
    with_urls = {app for app in project_apps() if f"{app}.urls" != settings.ROOT_URLCONF
                 and importlib.util.find_spec(f"{app}.urls") is not None}
    assert len(with_urls) >= 4 and with_urls <= namespaces, (with_urls, namespaces)
    assert {"home", "access_log", "audit_changes", "two_factor_setup"} <= {n for n, _ in
                                                                          patterns()}


def test_anonymous_is_sent_to_login_everywhere(client, db):
    login_url = reverse(settings.LOGIN_URL)
    leaks = []
    for name, kwargs in patterns():
        if name in PUBLIC:
            continue
        url = reverse(name, kwargs=kwargs)
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            sent_to_login = response.status_code == 302 and response["Location"].startswith(
                login_url)
            # The read API answers programs, not browsers: "not authenticated", never data.
            refused = name.startswith("api:") and response.status_code in (401, 403)
            if not (sent_to_login or refused or response.status_code == 405):
                leaks.append(f"{method.upper()} {url} ({name}) -> {response.status_code}")
    assert not leaks, leaks


@pytest.mark.parametrize("role", ["district_admin", "district_staff", "leader", "street_chair",
                                  "community_chair", "other_street_chair",
                                  "other_community_chair", "executive_member"])
def test_each_role_gets_no_server_error(world, login, role, request):
    user = request.getfixturevalue("member") if role == "executive_member" else (
        world.users[role])
    client = login(user)
    client.raise_request_exception = False
    errors = []
    for name, kwargs in patterns():
        if name in ("logout", "health"):  # health answers 503 by design (tested on its own)
            continue
        url = reverse(name, kwargs=kwargs)
        methods = ("get", "post") if kwargs else ("get",)  # no blind POSTs to create pages
        for method in methods:
            response = getattr(client, method)(url)
            if response.status_code >= 500:
                errors.append(f"{method.upper()} {url} ({name}) -> {response.status_code}")
            names_a_record = any(k == "pk" or k.endswith(("_pk", "_id")) for k in kwargs)
            if names_a_record and method == "get" and response.status_code == 200:
                errors.append(f"GET {url} ({name}) answered 200 for a record that does "
                              "not exist")
    assert not errors, errors
