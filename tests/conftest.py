"""A small tree with one user per role, shared by every app's tests.

    D (district) ── S1 (street) ── C1 (community) ── H1 (women's home)
                 │              └─ C2
                 └─ S2 (street) ── C3
Users: district_admin, district_staff, leader at D; street_chair at S1; community_chair at C1;
other_street_chair at S2; other_community_chair at C3.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

import pytest
import time_machine

from orgs.models import Organization, OrgKind, Role, User
from tests.factories import OrganizationFactory, UserFactory


def pytest_configure(config):
    """TEST_NOW=2027-01-01T02:00+08:00 runs the suite at that moment, the clock ticking on
    (`make test-calendar`): dates near a month's or a year's turn, where the federation's day
    (Asia/Shanghai) and the server's (UTC) differ, must give the same results."""
    if moment := os.environ.get("TEST_NOW"):
        time_machine.travel(moment, tick=True).start()


@dataclass
class World:
    district: Organization
    s1: Organization
    s2: Organization
    c1: Organization
    c2: Organization
    c3: Organization
    h1: Organization
    users: dict[str, User]


@pytest.fixture
def world(db) -> World:
    district = OrganizationFactory(code="D", name="示范区妇联", kind=OrgKind.DISTRICT)
    s1 = OrganizationFactory(parent=district, code="S1", name="东湖街道妇联", kind=OrgKind.STREET)
    s2 = OrganizationFactory(parent=district, code="S2", name="西城街道妇联", kind=OrgKind.STREET)
    district.refresh_from_db()
    c1 = OrganizationFactory(parent=s1, code="C1", name="桃源社区妇联", kind=OrgKind.COMMUNITY)
    s1.refresh_from_db()
    c2 = OrganizationFactory(parent=s1, code="C2", name="柳岸村妇联", kind=OrgKind.COMMUNITY)
    s2.refresh_from_db()
    c3 = OrganizationFactory(parent=s2, code="C3", name="青云社区妇联", kind=OrgKind.COMMUNITY)
    c1.refresh_from_db()
    h1 = OrganizationFactory(parent=c1, code="H1", name="桃源妇女之家", kind=OrgKind.WOMENS_HOME)
    for org in (district, s1, s2, c1, c2, c3):
        org.refresh_from_db()
    users = {
        "district_admin": UserFactory(username="district_admin", role=Role.DISTRICT_ADMIN,
                                      org=district, is_staff=True, is_superuser=True),
        "district_staff": UserFactory(username="district_staff", role=Role.DISTRICT_STAFF,
                                      org=district),
        "leader": UserFactory(username="leader", role=Role.LEADER, org=district),
        "street_chair": UserFactory(username="street_chair", role=Role.STREET_CHAIR, org=s1),
        "community_chair": UserFactory(username="community_chair", role=Role.COMMUNITY_CHAIR,
                                       org=c1),
        "other_street_chair": UserFactory(username="other_street_chair",
                                          role=Role.STREET_CHAIR, org=s2),
        "other_community_chair": UserFactory(username="other_community_chair",
                                             role=Role.COMMUNITY_CHAIR, org=c3),
    }
    return World(district, s1, s2, c1, c2, c3, h1, users)


@pytest.fixture
def login(client):
    """login(user) -> the test client, logged in without a password check."""

    def _login(user: User):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def member(world) -> User:
    """An executive member of C1's committee (桃源社区) with her own account, linked to her
    committee record."""
    from tests.factories import PersonFactory, PositionFactory

    person = PersonFactory(org=world.c1, name="李秀兰")
    PositionFactory(org=world.c1, person=person)
    return UserFactory(username="executive_member", role=Role.EXECUTIVE_MEMBER, org=world.c1,
                       person=person, first_name="李秀兰")


# ---------------------------------------------------------------- query counts
class QueryCount:
    """Counts the queries of a block; on a mismatch the failure lists every SQL statement
    (numbered), whatever the verbosity, like Zulip's assert_database_query_count."""

    def __init__(self, expected: int | None, exact: bool, info: str = ""):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.expected, self.exact, self.info = expected, exact, info
        self.context = CaptureQueriesContext(connection)

    def __enter__(self) -> QueryCount:
        steady_state()
        self.context.__enter__()
        return self

    def __exit__(self, exc_type, exc, tb):
        self.context.__exit__(exc_type, exc, tb)
        if exc_type is None:
            self.check()

    def check(self):
        if self.expected is None:
            return
        done = len(self)
        if done == self.expected or (not self.exact and done < self.expected):
            return
        kind = "exactly" if self.exact else "at most"
        sql = "\n".join(f"{n:3}. {q['sql']}" for n, q in enumerate(self.queries, 1))
        pytest.fail(f"{self.info + ': ' if self.info else ''}expected {kind} {self.expected} "
                    f"queries, {done} were done:\n{sql}", pytrace=False)

    def __len__(self) -> int:
        return len(self.context.captured_queries)

    @property
    def queries(self) -> list[dict]:
        return self.context.captured_queries


def steady_state(client=None):
    """What a long-running process has by its second request, so that a count does not depend
    on which tests ran before in this process or on how long the set-up took: every content
    type cached (auditlog and permissions look them up once per process), and the client's
    session seen just now (SecurityGateMiddleware saves a session unseen for a minute)."""
    from django.apps import apps
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.get_for_models(*apps.get_models())
    if client is not None and settings.SESSION_COOKIE_NAME in client.cookies:
        from federation.portal.accounts import SESSION_SEEN

        session = client.session
        session[SESSION_SEEN] = int(time.time())
        session.save()


@pytest.fixture
def assert_num_queries(db):
    """`with assert_num_queries(5): ...` fails unless exactly 5 queries ran, listing them.
    `assert_num_queries(None)` only counts (`len(q)`); `at_most=True` makes it a ceiling."""

    def _assert(expected: int | None, *, info: str = "", at_most: bool = False) -> QueryCount:
        return QueryCount(expected, exact=not at_most, info=info)

    return _assert


def _request(method, client, url, queries, status, info, at_most, **kwargs):
    counted = QueryCount(queries, exact=not at_most, info=info or f"{method.upper()} {url}")
    steady_state(client)
    with counted.context:
        response = getattr(client, method)(url, **kwargs)
    # The status first: a redirect or a 404 is cheap, its count says nothing.
    assert response.status_code == status, (url, response.status_code, response.get("Location"))
    counted.check()
    response.queries = len(counted)
    return response


@pytest.fixture
def get_page(db):
    """get_page(client, url, queries=n, status=200, params={...}) -> the response, after
    checking its status code, then its exact query count (None: only counted, in
    `response.queries`; at_most=True: a ceiling)."""

    def _get(client, url, *, queries: int | None, status: int = 200, params=None,
             info: str = "", at_most: bool = False):
        return _request("get", client, url, queries, status, info, at_most, data=params or {})

    return _get


@pytest.fixture
def post_page(db):
    """post_page(client, url, data, queries=n, status=302) -> the response, like get_page."""

    def _post(client, url, data, *, queries: int | None, status: int = 302, info: str = "",
              at_most: bool = False):
        return _request("post", client, url, queries, status, info, at_most, data=data)

    return _post


# ---------------------------------------------------------------- the demo, seeded once
DEMO = ("--scale", "small", "--seed", "3")


class DemoDatabase:
    """The small demo (`seed_demo --scale small --seed 3`) seeded once per test session (per
    xdist worker) inside an outer transaction that is rolled back afterwards. Each test that
    asks for `demo` runs inside it in its own savepoint (pytest-django's `db`), so what one test
    changes the next does not see. The tests asking for it run together, after the other
    single-transaction tests (collection order below), and the transaction is closed after the
    last of them, before any other test could see the demo rows; should another test come
    between them, it is closed and seeded again."""

    current: DemoDatabase | None = None

    def __init__(self, blocker):
        self.blocker, self.atomic = blocker, None
        DemoDatabase.current = self

    def open(self):
        import io

        from django.core.management import call_command
        from django.db import transaction

        with self.blocker.unblock():
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            call_command("seed_demo", *DEMO, stdout=io.StringIO())

    def close(self):
        from django.db import transaction

        if self.atomic is None:
            return
        with self.blocker.unblock():
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)
        self.atomic = None


@pytest.fixture(scope="session")
def _demo_database(django_db_setup, django_db_blocker):
    demo = DemoDatabase(django_db_blocker)
    demo.open()
    yield demo
    demo.close()
    DemoDatabase.current = None


@pytest.fixture
def demo(_demo_database, db) -> DemoDatabase:
    """The database holds the small demo (seeded once per session, see DemoDatabase)."""
    return _demo_database


def _uses_demo(item) -> bool:
    return item is not None and "demo" in getattr(item, "fixturenames", ())


def _plain_db(item) -> bool:
    """A test in one transaction (pytest-django runs these first, then the transactional ones,
    whose flush also empties the reference data the migrations seeded, then the rest)."""
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    transactional = "transactional_db" in fixtures or "live_server" in fixtures or (
        marker is not None and (marker.kwargs.get("transaction")
                                or marker.kwargs.get("reset_sequences")))
    return not transactional and (marker is not None or "db" in fixtures)


@pytest.hookimpl(trylast=True)  # after pytest-django's ordering
def pytest_collection_modifyitems(items):
    """The demo's tests go after the other single-transaction tests and before the
    transactional ones: one seeding serves them all, on a database that still has its
    reference data."""
    demo = [item for item in items if _uses_demo(item)]
    rest = [item for item in items if not _uses_demo(item)]
    at = next((n for n, item in enumerate(rest) if not _plain_db(item)), len(rest))
    items[:] = rest[:at] + demo + rest[at:]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    demo = DemoDatabase.current
    if _uses_demo(item) and demo is not None and demo.atomic is None:
        demo.open()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    result = yield
    demo = DemoDatabase.current
    if _uses_demo(item) and not _uses_demo(nextitem) and demo is not None:
        demo.close()
    return result
