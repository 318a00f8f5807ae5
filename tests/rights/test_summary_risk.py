"""The risk register (婚姻家庭风险排查) in the work summary (rights/summary.py): households
screened in the period and the screenings, against raw counts; fewer than 3 withheld."""

import datetime

import pytest

from federation.kernel.periods import Period
from rights import figures, summary
from rights.models import ColourLevel, Screening
from tests.rights.factories import HouseholdFactory, make_rights_staff

pytestmark = pytest.mark.django_db


def screen(household, staff, *months, year=2025):
    for month in months:
        Screening.objects.create(household=household, month=datetime.date(year, month, 1),
                                 colour=ColourLevel.objects.get(code="orange"),
                                 screened_by=staff)


def test_households_screened_and_screenings(world):
    staff = make_rights_staff(world.users["district_staff"])
    households = [HouseholdFactory(org=org, created_by=staff)
                  for org in (world.c1, world.c1, world.c2, world.c3)]
    screen(households[0], staff, 1, 2, 3)
    screen(households[1], staff, 5)
    screen(households[2], staff, 6, 7)
    screen(households[3], staff, 9)
    screen(households[3], staff, 4, year=2024)

    assert figures.screening_counts(world.district, datetime.date(2025, 1, 1),
                                    datetime.date(2025, 6, 30)) == {
        "screenings": 5, "households": 3}
    (item,) = summary.risk_items(world.district, Period(2025))
    assert item.line == "rights" and item.key == "rights:risk"
    assert (item.figure("households").value, item.figure("households").unit) == (4, "户")
    assert (item.figure("screenings").value, item.figure("screenings").unit) == (7, "户次")
    assert item.figure("households").last == 1
    assert item.figure("households").change is None  # too small a base to compare with
    assert "rights:risk" in {i.key for i in summary.case_items(world.district, Period(2025))}
    # The second street alone: one household, withheld.
    assert summary.risk_items(world.s2, Period(2025)) == []


def test_no_screening_no_item(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert summary.risk_items(world.district, Period(2025)) == []
