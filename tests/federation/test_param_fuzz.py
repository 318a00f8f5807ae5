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
#: Each parameter alone gets these (the rest, e.g. the NUL byte refused for every parameter by
#: the middleware, come with all the page's parameters at once).
EACH = ["99999999999999999999", "abc", "x" * 5000, "-1"]
SKIP = {"logout", "health", "set_language"}
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
    return set(READ) - NOT_PARAMETERS


@pytest.mark.parametrize("role", ROLES)
def test_no_parameter_value_gives_a_server_error(world, login, recording, role):
    client = login(world.users[role])
    client.raise_request_exception = False
    started, errors = time.monotonic(), []
    reads = {}
    for name, kwargs in patterns():
        if name not in SKIP:
            url = reverse(name, kwargs=kwargs)
            reads[url] = params_read(client, url)
    requests = len(reads)
    # A key nearly every page reads (the base template's) is fuzzed once, on its first page.
    seen: dict[str, int] = {}
    for keys in reads.values():
        for key in keys:
            seen[key] = seen.get(key, 0) + 1
    common = {key for key, n in seen.items() if n > len(reads) / 3}
    plan = {url: keys - common for url, keys in reads.items()}
    for key in common:
        first = next(url for url, keys in reads.items() if key in keys)
        plan[first] = plan[first] | {key}
    plan = {url: keys for url, keys in plan.items() if keys}
    for url, keys in plan.items():
        for key in sorted(keys):
            for value in EACH:
                response = client.get(url, {key: value})
                requests += 1
                if response.status_code >= 500:
                    errors.append(f"GET {url}?{key}={value[:20]!r} -> {response.status_code}")
        for value in HOSTILE:  # every parameter at once
            response = client.get(url, dict.fromkeys(keys, value))
            requests += 1
            if response.status_code >= 500:
                errors.append(f"GET {url} all={value[:20]!r} -> {response.status_code}")
    print(f"\nfuzzer {role}: {requests} requests, {len(plan)} pages with parameters "
          f"({sum(map(len, plan.values()))} parameters), {len(errors)} errors, "
          f"{time.monotonic() - started:.1f} s")
    for error in errors:
        print(error)
    assert not errors, errors[:20]
