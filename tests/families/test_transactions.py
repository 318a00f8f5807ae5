"""Household and round state changes are all-or-nothing and lock the household's row: a
failure at the second write (the plaque event, the photo, the drawn households) leaves the
record as it was, and the views leave the transaction to families.services."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext

from families import services
from families.forms import HouseholdForm, RoundForm
from families.models import (
    Household,
    Inspection,
    InspectionRound,
    InspectionScore,
    Photo,
    PlaqueEvent,
    ScoreSheet,
)
from tests.families.factories import HouseholdFactory, inspect

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _fail(*args, **kwargs):
    raise OperationalError("the server closed the connection")


def _leaving_form(world, household):
    form = HouseholdForm({"org": world.c1.pk, "head_name": "改过的名字", "members": 5,
                          "address": household.address}, instance=household,
                         user=world.users["community_chair"])
    assert form.is_valid(), form.errors
    return form


def _points(total_each: int) -> dict:
    return {i.pk: Decimal(total_each) for i in ScoreSheet.current().items.all()}


def test_leaving_the_campaign_that_fails_at_the_plaque_changes_nothing(world, monkeypatch):
    household = HouseholdFactory(org=world.c1)
    inspect(household, 92, datetime.date(2025, 1, 1))
    tier = Household.objects.get(pk=household.pk).tier
    assert tier is not None
    form = _leaving_form(world, Household.objects.get(pk=household.pk))
    monkeypatch.setattr(PlaqueEvent.objects, "create", _fail)  # after the form's own save
    with pytest.raises(OperationalError):
        services.save_household(form, today=datetime.date(2025, 6, 1))
    row = Household.objects.get(pk=household.pk)
    assert row.in_campaign and row.tier == tier and row.members == 4
    assert row.head_name == household.head_name
    assert list(row.plaque_events.values_list("kind", flat=True)) == ["awarded"]


def test_saving_a_household_locks_its_row(world):
    household = HouseholdFactory(org=world.c1)
    inspect(household, 92, datetime.date(2025, 1, 1))
    form = _leaving_form(world, Household.objects.get(pk=household.pk))
    with CaptureQueriesContext(connection) as queries:
        services.save_household(form, today=datetime.date(2025, 6, 1))
    # SQLite (the embedded default) has no row locks: it runs one writer at a time.
    assert any("FOR UPDATE" in q["sql"] for q in queries.captured_queries) \
        or not connection.features.has_select_for_update
    row = Household.objects.get(pk=household.pk)
    assert not row.in_campaign and row.tier is None and row.members == 5
    assert list(row.plaque_events.order_by("pk").values_list("kind", flat=True)) == [
        "awarded", "delisted"]


def test_inspection_whose_photo_fails_records_nothing(world, monkeypatch):
    household = HouseholdFactory(org=world.c1)
    monkeypatch.setattr(Photo.objects, "create", _fail)
    with pytest.raises(OperationalError):
        services.record_inspection(
            household, ScoreSheet.current(), datetime.date(2025, 6, 1), _points(23),
            photos=[SimpleUploadedFile("yard.png", PNG, "image/png")])
    row = Household.objects.get(pk=household.pk)
    assert row.tier is None and row.latest_score is None
    assert not Inspection.objects.exists() and not InspectionScore.objects.exists()
    assert not PlaqueEvent.objects.exists()


def test_inspection_whose_plaque_fails_keeps_the_old_tier(world, monkeypatch):
    household = HouseholdFactory(org=world.c1)
    inspect(household, 92, datetime.date(2025, 1, 1))
    before = Household.objects.get(pk=household.pk)
    monkeypatch.setattr(PlaqueEvent.objects, "bulk_create", _fail)
    with pytest.raises(OperationalError):
        services.record_inspection(before, ScoreSheet.current(), datetime.date(2025, 6, 1),
                                   _points(0))
    row = Household.objects.get(pk=household.pk)
    assert row.tier == before.tier and row.latest_score == before.latest_score
    assert Inspection.objects.filter(household=household).count() == 1


def test_inspection_locks_the_household_and_updates_the_callers_copy(world):
    household = HouseholdFactory(org=world.c1)
    with CaptureQueriesContext(connection) as queries:
        services.record_inspection(household, ScoreSheet.current(), datetime.date(2025, 6, 1),
                                   _points(23))
    # SQLite (the embedded default) has no row locks: it runs one writer at a time.
    assert any("FOR UPDATE" in q["sql"] for q in queries.captured_queries) \
        or not connection.features.has_select_for_update
    assert household.tier.code == "demonstration" and household.latest_score == 92


def test_round_whose_draw_fails_leaves_no_round(world, monkeypatch):
    for _ in range(3):
        HouseholdFactory(org=world.c1)
    form = RoundForm({"org": world.district.pk, "kind": "monthly", "period": "2025-06-17",
                      "sample_size": 2}, user=world.users["district_staff"])
    assert form.is_valid(), form.errors
    monkeypatch.setattr(InspectionRound.households.through.objects, "bulk_create", _fail)
    with pytest.raises(OperationalError):
        services.start_round(form, user=world.users["district_staff"])
    assert not InspectionRound.objects.exists()


@pytest.mark.parametrize("app", ["families", "children"])
def test_views_never_open_transactions(app):
    """Transactions are the services' business (families.services, children.services)."""
    for path in sorted((ROOT / app / "views").glob("*.py")):
        if path.name == "honours.py":  # honours move to their own service separately
            continue
        text = path.read_text()
        assert "transaction" not in text, f"{path.name} opens a transaction"


def test_registering_a_household_whose_categories_fail_keeps_no_household(world, monkeypatch):
    from families.models import CourtyardCategory

    form = HouseholdForm({"org": world.c1.pk, "head_name": "赵丽华", "members": 3,
                          "address": "桃源路8号", "in_campaign": "on", "joined_on": "2025-03-01",
                          "categories": [CourtyardCategory.objects.get(code="reading").pk]},
                         user=world.users["community_chair"])
    assert form.is_valid(), form.errors
    original = QuerySet.bulk_create

    def failing(self, objs, *args, **kwargs):  # the second write: the many-to-many links
        if self.model is Household.categories.through:
            raise OperationalError("the server closed the connection")
        return original(self, objs, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "bulk_create", failing)
    with pytest.raises(OperationalError):
        services.save_household(form, today=datetime.date(2025, 6, 1))
    assert not Household.objects.exists()
