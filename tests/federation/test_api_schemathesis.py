"""A bounded schemathesis run against the read API's OpenAPI schema: generated requests for
every operation (parameters of every type, NUL bytes and huge values included), as a district
user and as a chair. None may be a server error, and every answer is JSON."""

from __future__ import annotations

import time

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from federation.portal.api.tokens import issue

EXAMPLES = 15  # per operation, mode and user: the whole run stays well under a minute


@pytest.fixture
def keep_the_test_connection():
    """The WSGI application is called directly, not through Django's test client: like the
    client, keep Django from closing the database connection at each request's start and end
    (it would close the test's transaction with it)."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@pytest.mark.parametrize("role", ["district_staff", "community_chair"])
def test_generated_requests_never_fail_the_server(world, role, keep_the_test_connection):
    raw = SchemaGenerator().get_schema(request=None, public=True)
    # The test sends the token header itself: schemathesis should not generate one.
    raw.pop("security", None)
    raw.get("components", {}).pop("securitySchemes", None)
    for operations_of_path in raw.get("paths", {}).values():
        for operation in operations_of_path.values():
            if isinstance(operation, dict):
                operation.pop("security", None)
    schema = schemathesis.openapi.from_dict(raw)
    schema.app = get_wsgi_application()
    headers = {"Authorization": f"Token {issue(world.users[role])[1]}"}
    started, calls, failures = time.monotonic(), [], []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 6

    def run(operation, mode):
        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=EXAMPLES, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def check(case):
            response = case.call(headers=headers)
            calls.append(response.status_code)
            content_type = {k.lower(): v for k, v in response.headers.items()}.get(
                "content-type", "")
            if isinstance(content_type, list):
                content_type = ";".join(content_type)
            if response.status_code >= 500 or not content_type.startswith("application/json"):
                failures.append(f"{case.method} {case.formatted_path} {case.query} -> "
                                f"{response.status_code}")

        try:
            check()
        except Unsatisfiable:
            # No invalid value exists for this operation's parameters (negative mode only).
            assert mode == GenerationMode.NEGATIVE, operation.label

    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):  # and invalid values
            run(operation, mode)
    print(f"\nschemathesis {role}: {len(operations)} operations, {len(calls)} requests, "
          f"{len(failures)} failures, {time.monotonic() - started:.1f} s")
    assert not failures, failures[:10]
