"""Tier rules: the tier follows the latest inspection; falls de-list, rises restore."""

import datetime
from decimal import Decimal

import pytest

from families.models import CourtyardTier, PlaqueEvent, ScoreSheet, SheetItem
from families.models.courtyards import ScoreSheetMismatch
from families.services import record_inspection
from tests.families.factories import HouseholdFactory, inspect, tier

D = datetime.date


@pytest.fixture
def household(world):
    return HouseholdFactory(org=world.c1)


def history(household):
    return [(e.kind, e.tier.code) for e in
            PlaqueEvent.objects.filter(household=household).order_by("on", "pk")]


def test_default_reference_rows(db):
    sheet = ScoreSheet.current()
    assert sheet.code == "four-beauties"
    assert [(i.name_zh, i.max_points) for i in sheet.items.all()] == [
        ("居室美", 25), ("庭院美", 25), ("厨厕美", 25), ("家风美", 25)]
    assert sum(i.max_points for i in SheetItem.objects.filter(sheet__code="ten-items")) == 100
    assert [(t.name_zh, t.min_score) for t in CourtyardTier.objects.all()] == [
        ("示范户", 90), ("精品户", 80), ("清洁户", 60)]


def test_award_delist_restore(household):
    inspect(household, 92, D(2025, 1, 10))
    household.refresh_from_db()
    assert household.tier.code == "demonstration" and household.latest_score == 92
    assert history(household) == [("awarded", "demonstration")]

    inspect(household, 70, D(2025, 2, 10))  # falls to 清洁户: de-listed from 示范户
    household.refresh_from_db()
    assert household.tier.code == "clean"
    assert history(household) == [("awarded", "demonstration"), ("delisted", "demonstration"),
                                  ("awarded", "clean")]
    delisted = PlaqueEvent.objects.get(household=household, kind="delisted")
    assert "70" in delisted.reason and "90" in delisted.reason

    inspect(household, 55, D(2025, 3, 10))  # below every threshold
    household.refresh_from_db()
    assert household.tier is None
    inspect(household, 95, D(2025, 4, 10))  # rises again: the old plaque is restored
    household.refresh_from_db()
    assert household.tier.code == "demonstration"
    assert history(household)[-2:] == [("delisted", "clean"), ("restored", "demonstration")]
    assert PlaqueEvent.objects.filter(household=household).count() == 5  # nothing overwritten


def test_older_inspection_does_not_move_the_tier(household):
    inspect(household, 85, D(2025, 5, 1))
    inspect(household, 40, D(2025, 4, 1))  # entered late, but not the latest
    household.refresh_from_db()
    assert household.tier.code == "premium" and household.latest_score == 85
    assert history(household) == [("awarded", "premium")]


def test_same_tier_records_no_event(household):
    inspect(household, 81, D(2025, 1, 1))
    inspect(household, 88, D(2025, 2, 1))
    assert history(household) == [("awarded", "premium")]


def test_thresholds_are_configurable(household):
    CourtyardTier.objects.filter(code="demonstration").update(min_score=Decimal("95"))
    inspect(household, 92, D(2025, 1, 1))
    household.refresh_from_db()
    assert household.tier == tier("premium")


def test_switching_sheets_keeps_old_inspections(household):
    old = inspect(household, 90, D(2025, 1, 1))
    ScoreSheet.objects.get(code="ten-items").make_current()
    new = inspect(household, 100, D(2025, 2, 1))
    assert old.sheet.code == "four-beauties" and old.scores.count() == 4
    assert new.sheet.code == "ten-items" and new.scores.count() == 10
    assert ScoreSheet.objects.filter(is_current=True).count() == 1


def test_scores_must_match_the_sheet(household):
    sheet = ScoreSheet.current()
    items = list(sheet.items.all())
    with pytest.raises(ScoreSheetMismatch):
        record_inspection(household, sheet, D(2025, 1, 1), {items[0].pk: Decimal(20)})
    with pytest.raises(ScoreSheetMismatch):
        record_inspection(household, sheet, D(2025, 1, 1),
                          {i.pk: Decimal(30) for i in items})
    assert not household.inspections.exists()
