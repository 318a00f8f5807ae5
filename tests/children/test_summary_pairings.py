"""The 妇联妈妈 pairings in the work summary (children/summary.py): the children paired at some
time in the period and the visits paid, against raw counts; fewer than 3 children withheld."""

import datetime

import pytest

from children import figures, summary
from federation.kernel.periods import Period
from tests.children.factories import ChildFactory, PairingFactory, VisitFactory

pytestmark = pytest.mark.django_db


def pair(world, org, since, until=None):
    child = ChildFactory(org=org)
    PairingFactory(child=child, manager=world.users["district_staff"], since=since, until=until)
    return child


def test_children_paired_in_the_period_and_visits(world):
    kept = [pair(world, world.c1, datetime.date(2024, 5, 1)) for _ in range(2)]
    pair(world, world.c2, datetime.date(2025, 3, 1), until=datetime.date(2025, 4, 30))
    pair(world, world.c3, datetime.date(2025, 9, 1))  # after the first half
    pair(world, world.c1, datetime.date(2023, 1, 1), until=datetime.date(2024, 12, 31))  # ended
    for day in (datetime.date(2025, 2, 1), datetime.date(2025, 6, 30), datetime.date(2025, 7, 1)):
        VisitFactory(child=kept[0], visited_on=day)

    h1 = figures.pairing_figures(world.district, datetime.date(2025, 1, 1),
                                 datetime.date(2025, 6, 30))
    assert h1 == {"children_paired": 3, "visits": 2}
    year = figures.pairing_figures(world.district, datetime.date(2025, 1, 1),
                                   datetime.date(2025, 12, 31))
    assert year == {"children_paired": 4, "visits": 3}

    (item,) = summary.pairing_items(world.district, Period(2025))
    assert item.line == "children" and item.key == "children:pairings"
    assert (item.figure("children").value, item.figure("children").unit) == (4, "名")
    assert item.figure("visits").value == 3
    assert item.figure("children").last == 3  # 2024: the two kept and the one that ended
    assert "children:pairings" in {i.key for i in summary.items(world.district, Period(2025))}


def test_fewer_than_three_children_paired_says_nothing(world, django_assert_num_queries):
    pair(world, world.c1, datetime.date(2025, 1, 1))
    pair(world, world.c1, datetime.date(2025, 2, 1))
    with django_assert_num_queries(2):
        assert summary.pairing_items(world.district, Period(2025)) == []
    assert summary.pairing_items(world.s2, Period(2025)) == []
