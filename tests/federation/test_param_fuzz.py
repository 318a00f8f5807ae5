"""The parameter fuzzer: every URL pattern, as every role, first requested plainly to learn
which query parameters it reads, then once per parameter and hostile value (numbers out of
range, text, NUL bytes, 5,000-character strings). Nothing may answer a server error; a value
that cannot be parsed is a 400 with a message, never a 500."""

from __future__ import annotations

import time

import pytest
from django.core.handlers.wsgi import WSGIRequest
from django.http import QueryDict
from django.urls import reverse
from django.utils.functional import cached_property

from tests.federation.test_urlwalk_all import patterns

ROLES = ["district_admin", "district_staff", "leader", "street_chair", "community_chair",
         "other_street_chair", "other_community_chair"]
HOSTILE = ["-1", "99999999999999999999", "abc", "\x00", "x" * 5000, "2025-13", "1e308"]
SKIP = {"logout", "health", "set_language"}
#: Read on every page (the navbar's search box shows it): fuzzed where a page reads more.
GLOBAL = {"q"}
#: Not parameters: the template engine tries `request.GET.urlencode` as a key first.
NOT_PARAMETERS = {"next", "urlencode"}
READ: set[str] = set()


class RecordingQueryDict(QueryDict):
    """Notes every key a view asks for."""

    def __getitem__(self, key):
        READ.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        READ.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        READ.add(key)
        return super().getlist(key, default)

    def __contains__(self, key):
        READ.add(key)
        return super().__contains__(key)


def _recording_get(self):
    return RecordingQueryDict(self.environ.get("QUERY_STRING", ""), encoding=self._encoding)


@pytest.fixture
def recording(monkeypatch):
    prop = cached_property(_recording_get)
    prop.__set_name__(WSGIRequest, "GET")
    monkeypatch.setattr(WSGIRequest, "GET", prop)


def params_read(client, url: str) -> set[str]:
    """The keys a page reads; a dummy parameter binds its filter forms, which then read all
    their fields."""
    READ.clear()
    client.get(url, {"_probe": "1"})
    keys = set(READ) - NOT_PARAMETERS
    return keys if keys - GLOBAL or url == reverse("search") else set()


@pytest.mark.parametrize("role", ROLES)
def test_no_parameter_value_gives_a_server_error(world, login, recording, role):
    client = login(world.users[role])
    client.raise_request_exception = False
    started, requests, errors, fuzzed = time.monotonic(), 0, [], 0
    for name, kwargs in patterns():
        if name in SKIP:
            continue
        url = reverse(name, kwargs=kwargs if name != "api:organization-detail" else kwargs)
        keys = params_read(client, url)
        requests += 1
        if not keys:
            continue
        fuzzed += 1
        for key in sorted(keys):
            for value in HOSTILE:
                response = client.get(url, {key: value})
                requests += 1
                if response.status_code >= 500:
                    errors.append(f"GET {url}?{key}={value[:20]!r} -> {response.status_code}")
        for value in HOSTILE:  # every parameter at once
            response = client.get(url, dict.fromkeys(keys, value))
            requests += 1
            if response.status_code >= 500:
                errors.append(f"GET {url} all={value[:20]!r} -> {response.status_code}")
    print(f"\nfuzzer {role}: {requests} requests, {fuzzed} patterns with parameters, "
          f"{len(errors)} errors, {time.monotonic() - started:.1f} s")
    for error in errors:
        print(error)
    assert not errors, errors[:20]
