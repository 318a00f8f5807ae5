"""figures.py: numbers for pages, the dashboard and the year-end summary, per scope."""

import datetime

from families import figures
from families.models import HonourLevel, State
from tests.families.factories import HonourFactory, HouseholdFactory, inspect

D = datetime.date


def test_figures_follow_the_scope_and_period(world):
    a = HouseholdFactory(org=world.c1, members=3)
    b = HouseholdFactory(org=world.c3, members=5)
    HouseholdFactory(org=world.c1, in_campaign=False, members=7)
    inspect(a, 91, D(2025, 1, 5))
    inspect(a, 70, D(2025, 2, 5))
    inspect(b, 85, D(2025, 2, 6))
    district = HonourLevel.objects.get(code="district")
    HonourFactory(org=world.c1, year=2025, state=State.AWARDED, level=district)
    HonourFactory(org=world.c3, year=2025, state=State.AWARDED, level=district)
    HonourFactory(org=world.c1, year=2024, state=State.AWARDED)
    HonourFactory(org=world.c1, year=2025, state=State.NOTICE)
    staff, street = world.users["district_staff"], world.users["street_chair"]

    assert figures.inspections_in(staff.org, D(2025, 2, 1), D(2025, 2, 28)) == {
        "inspections": 2, "households": 2}
    assert figures.inspections_in(street.org, D(2025, 1, 1), D(2025, 12, 31)) == {
        "inspections": 2, "households": 1}
    assert figures.members_in_campaign(staff.org) == 8
    assert figures.members_in_campaign(street.org) == 3
    assert figures.courtyard_headline(street.org) == {"registered": 2, "campaign": 1, "plaques": 1}
    by_state = figures.honours_by_state(street.org, 2025)
    assert by_state[State.AWARDED] == 1 and by_state[State.NOTICE] == 1
    assert [r["n"] for r in figures.awarded_by_level(staff.org, 2025)] == [2]
    assert figures.awarded_by_level(street.org, 2024)[0]["n"] == 1
