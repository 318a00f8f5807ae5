"""A small tree with one user per role, shared by every app's tests.

    D (district) ── S1 (street) ── C1 (community) ── H1 (women's home)
                 │              └─ C2
                 └─ S2 (street) ── C3
Users: district_admin, district_staff, leader at D; street_chair at S1; community_chair at C1;
other_street_chair at S2; other_community_chair at C3.
"""

from __future__ import annotations

import os
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
