"""The to-do list: each role sees what waits for her step, inside her scope."""

import datetime

from django.urls import reverse
from django.utils import timezone

from families.models import State
from tests.families.factories import HonourFactory


def todo(client):
    """The families items: (honour state, count)."""
    return [(i.url.split("state=")[1], i.count) for i in client.get(reverse("todo")).context["items"]
            if "/families/" in i.url]


def test_honours_wait_for_the_role_that_takes_the_next_step(world, login):
    HonourFactory(org=world.c1, state=State.NOMINATED)
    HonourFactory(org=world.c1, state=State.NOTICE)
    HonourFactory(org=world.c3, state=State.NOTICE)
    HonourFactory(org=world.c3, state=State.RECOMMENDED)
    assert todo(login(world.users["community_chair"])) == [("nominated", 1)]
    assert todo(login(world.users["street_chair"])) == [("notice", 1)]  # C3's is not hers
    assert todo(login(world.users["other_street_chair"])) == [("notice", 1)]
    assert todo(login(world.users["district_staff"])) == [("recommended", 1)]
    assert todo(login(world.users["leader"])) == []


def test_badge_counts_everything(world, login):
    HonourFactory(org=world.c3, state=State.RECOMMENDED)
    HonourFactory(org=world.c1, state=State.DISTRICT_REVIEWED)
    badge = login(world.users["district_staff"]).get(reverse("todo_badge")).content.decode()
    assert ">2</span>" in badge
    assert login(world.users["leader"]).get(reverse("todo_badge")).content.strip() == b""


def test_a_handler_sees_her_cases_and_overdue_ones(world, login):

    from rights.models import Risk
    from tests.rights.factories import CaseFactory

    chair = world.users["street_chair"]
    staff = world.users["district_staff"]
    CaseFactory(org=world.c1, handler=chair, registered_by=staff, risk=Risk.URGENT)
    CaseFactory(org=world.c1, handler=chair, registered_by=staff)
    CaseFactory(org=world.c1, handler=chair, registered_by=staff,
                received_on=timezone.localdate() - datetime.timedelta(days=200))
    CaseFactory(org=world.c3, handler=world.users["other_street_chair"], registered_by=staff)
    items = {i.label: i.count for i in
             login(chair).get(reverse("todo")).context["items"]}
    assert items["您承办的紧急或高风险案件"] == 1
    assert items["分派给您的在办案件"] == 2
    assert items["超期案件"] == 1
    other = {i.label: i.count for i in
             login(world.users["other_community_chair"]).get(reverse("todo")).context["items"]}
    assert "分派给您的在办案件" not in other


def test_a_chair_sees_her_due_and_returned_tallies_and_reviews(world, login):
    from orgs.tallies.models import TallyState
    from orgs.todo import last_month
    from tests.orgs.factories import TallyFactory

    month = last_month(timezone.localdate())
    TallyFactory(org=world.c1, month=month.replace(year=month.year - 1),
                 state=TallyState.RETURNED, return_reason="数字有误")
    community = {i.label: i for i in
                 login(world.users["community_chair"]).get(reverse("todo")).context["items"]}
    due = next(i for label, i in community.items() if month.strftime("%Y-%m") in label)
    assert due.url == reverse("orgs:tally", args=[world.c1.pk, month.year, month.month])
    assert community["退回修改的月报"].count == 1
    TallyFactory(org=world.c2, month=month, state=TallyState.SUBMITTED)
    street = {i.label: i.count for i in
              login(world.users["street_chair"]).get(reverse("todo")).context["items"]}
    assert street["待您审核的月报"] == 1

