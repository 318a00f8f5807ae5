"""The pages bench/load.py hits most, pinned to their exact query counts for each role of the
load mix, with little and with more data: a new query on a hot page shows up here, with its SQL.

Weights in the load scenario: the dashboard 3, the activity list, the tally list and the
household list 2 each, the organization list 1, and every chair opens and submits her tally
form. A changed count is fine when it is meant: update the pin in the same commit and say why."""

import datetime
import itertools

import pytest
from django.urls import reverse
from django.utils import timezone

from families.models import State
from orgs.tallies.models import Tally, TallyState
from tests.factories import OrganizationFactory, PositionFactory
from tests.families.factories import HonourFactory, HouseholdFactory, inspect
from tests.orgs.factories import ActivityFactory, TallyFactory, ind, put

TODAY = timezone.localdate()
LAST_MONTH = (TODAY.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
PAGES = {  # name -> the URL of the load scenario
    "dashboard": lambda w: reverse("home"),
    "activities": lambda w: reverse("orgs:activities"),
    "tallies": lambda w: reverse("orgs:tallies"),
    "households": lambda w: reverse("families:households"),
    "orgs": lambda w: reverse("orgs:list"),
    "tally form": lambda w: reverse("orgs:tally", args=[w.c1.pk, LAST_MONTH.year,
                                                      LAST_MONTH.month]),
}
# (role, page) -> exact number of queries, on SQLite and on PostgreSQL alike. District staff
# pay two more on every page: the menu asks for their permissions (rights handlers). The
# activity list pays one for the organization picker's tree labels.
PINS = {
    ("district_staff", "dashboard"): 57,  # + award lists awaiting approval (to-do)
    ("district_staff", "activities"): 10,
    ("district_staff", "tallies"): 6,
    ("district_staff", "households"): 11,
    ("district_staff", "orgs"): 7,
    ("district_staff", "tally form"): 13,
    ("street_chair", "dashboard"): 54,
    ("street_chair", "activities"): 8,
    ("street_chair", "tallies"): 6,
    ("street_chair", "households"): 9,
    ("street_chair", "orgs"): 5,
    ("street_chair", "tally form"): 11,
    ("community_chair", "dashboard"): 48,
    ("community_chair", "activities"): 8,
    ("community_chair", "tallies"): 5,
    ("community_chair", "households"): 9,
    ("community_chair", "orgs"): 5,
    ("community_chair", "tally form"): 11,
    ("leader", "dashboard"): 45,  # the menu no longer loads her permissions
}
SUBMIT = 24  # a community chair submits her month's tally


SERIAL = itertools.count()


def add_data(world, n: int):
    """n records of each kind, spread over both streets (C1 is in every tested scope)."""
    for i in range(n):
        community = (world.c1, world.c2, world.c3)[i % 3]
        ActivityFactory(org=community, starts_on=LAST_MONTH + datetime.timedelta(days=i % 28))
        k = next(SERIAL)  # a month no other tally of the test has: two years back and earlier
        put(TallyFactory(org=community, month=datetime.date(TODAY.year - 2 - k // 12,
                                                            1 + k % 12, 1),
                         state=TallyState.SUBMITTED), lectures=i, trainees=2)
        inspect(HouseholdFactory(org=community), 95 - i % 40, LAST_MONTH)
        HonourFactory(org=community, state=State.AWARDED, year=TODAY.year)
        PositionFactory(org=community, post="member")
        OrganizationFactory(parent=community, kind="womens_home")
        community.refresh_from_db()


@pytest.mark.parametrize(("role", "page"), list(PINS))
def test_hot_page_query_counts_are_pinned(world, login, get_page, role, page):
    client = login(world.users[role])
    url = PAGES[page](world)
    add_data(world, 3)
    get_page(client, url, queries=PINS[role, page])
    add_data(world, 12)
    get_page(client, url, queries=PINS[role, page])


def test_submitting_a_tally_is_pinned(world, login, post_page):
    client = login(world.users["community_chair"])
    add_data(world, 6)
    for month in (datetime.date(TODAY.year - 1, 3, 1), datetime.date(TODAY.year - 1, 4, 1)):
        url = reverse("orgs:tally", args=[world.c1.pk, month.year, month.month])
        data = {"version": 0, "submit": "1", f"v{ind('lectures').pk}": "2",
                f"v{ind('disputes_mediated').pk}": "0"}
        response = post_page(client, url, data, queries=SUBMIT, info=f"submit {month:%Y-%m}")
        assert response["Location"] == url
        assert Tally.objects.get(org=world.c1, month=month).state == TallyState.SUBMITTED
