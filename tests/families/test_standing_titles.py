"""Standing titles (巾帼文明岗) count cumulatively by level, those in force on a day: awarded by
then and not revoked by then; the summary states them on the merit line."""

import datetime
import random
import re

import pytest

from families import figures, services, summary
from families.models import Action, Honour, HonourLevel, HonourType, State
from federation.kernel.periods import Period
from federation.portal.summary.register import sentence
from tests.families.factories import HonourFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def post():
    return HonourType.objects.get(code="civilised-post")


def titles(world):
    """Posts awarded over the years at several levels, some revoked; one not yet awarded, one
    of another type."""
    rng = random.Random(4)
    levels = list(HonourLevel.objects.filter(code__in=["national", "provincial", "city",
                                                       "district"]))
    made = []
    for i in range(30):
        awarded = D(2018 + rng.randrange(8), rng.randrange(1, 13), 1)
        revoked = (awarded + datetime.timedelta(days=rng.randrange(100, 1500))
                   if i % 4 == 0 else None)
        made.append(HonourFactory(
            org=rng.choice([world.c1, world.c2, world.c3]), honour_type=post(),
            level=rng.choice(levels), year=awarded.year, state=State.AWARDED,
            awarded_on=awarded, revoked_on=revoked, recipient__kind="collective"))
    HonourFactory(org=world.c1, honour_type=post(), level=levels[0], year=2025)  # nominated
    HonourFactory(org=world.c1, state=State.AWARDED, awarded_on=D(2020, 1, 1), year=2020)
    return made


def raw(made, org, on):
    counts = {}
    for h in made:
        in_scope = h.org.path.startswith(org.path)
        if in_scope and h.awarded_on <= on and (h.revoked_on is None or h.revoked_on > on):
            counts[(h.honour_type_id, h.level_id)] = counts.get(
                (h.honour_type_id, h.level_id), 0) + 1
    return counts


@pytest.mark.parametrize("on", [D(2019, 6, 30), D(2022, 12, 31), D(2025, 12, 31),
                                D(2030, 1, 1)])
def test_titles_in_force_match_the_raw_count(world, on, django_assert_num_queries):
    made = titles(world)
    for org in (world.district, world.s1, world.c3):
        with django_assert_num_queries(1):
            counted = figures.standing_titles_in_force(org, on)
        assert counted == raw(made, org, on), (org, on)


def test_a_revoked_title_stops_counting_from_its_date(world):
    honour = HonourFactory(org=world.c1, honour_type=post(), state=State.AWARDED,
                           awarded_on=D(2020, 3, 1), year=2020, recipient__kind="collective")
    key = (honour.honour_type_id, honour.level_id)
    services.act(honour, Action.REVOKE, world.users["district_staff"], note="考核不合格",
                 on=D(2024, 7, 1))
    assert figures.standing_titles_in_force(world.district, D(2024, 6, 30)) == {key: 1}
    assert figures.standing_titles_in_force(world.district, D(2024, 7, 1)) == {}
    assert figures.standing_titles_in_force(world.district, D(2020, 2, 28)) == {}


def test_the_summary_states_the_cumulative_count_by_level(world):
    made = titles(world)
    period = Period(2025)
    item = next(i for i in summary.items(world.district, period)
                if i.key == "honours:standing:civilised-post")
    assert item.line == "merit"
    counts = raw(made, world.district, period.end)
    by_level = [(level, counts.get((post().pk, level.pk), 0))
                for level in HonourLevel.objects.order_by("order", "pk")]
    total = sum(n for _level, n in by_level)
    expected = f"累计创建各级巾帼文明岗{total}个，" + "其中" + "、".join(
        f"{level.name}{n}个" for level, n in by_level if n)
    text = sentence(item)
    assert text.startswith(f"累计创建各级巾帼文明岗{total}个，")
    assert text.split("，")[0] + "，" + text.split("，")[-1] == expected
    assert not re.search(r"\D0个", text)  # zeros left out
    assert item.figure("value").value == total


def test_a_summary_without_standing_titles_says_nothing_of_them(world):
    HonourFactory(org=world.c1, state=State.AWARDED, awarded_on=D(2025, 1, 1), year=2025)
    keys = [i.key for i in summary.items(world.district, Period(2025))]
    assert not [k for k in keys if k.startswith("honours:standing:")]
    assert Honour.objects.count() == 1
