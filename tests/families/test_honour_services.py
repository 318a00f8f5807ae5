"""Honour steps by type: each step is one transaction on the locked row (a failure halfway
leaves nothing done), list types are not nominated one by one, and standing titles may be
revoked by the district."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import OperationalError, connection
from django.db.models import Manager
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from families import services
from families.forms import HonourTypeChoiceForm
from families.models import Action, Honour, HonourStep, HonourType, State, Workflow
from tests.families.factories import HonourFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def test_the_seeded_types_have_their_workflows():
    assert HonourType.objects.get(code="five-good-family").workflow == Workflow.LIST
    assert HonourType.objects.get(code="civilised-post").workflow == Workflow.STANDING
    assert HonourType.objects.get(code="most-beautiful-family").workflow == Workflow.FULL


def test_a_step_that_fails_recording_its_history_changes_nothing(world, monkeypatch):
    honour = HonourFactory(org=world.c1)
    original = Manager.create

    def failing(self, **kwargs):  # the second write: the step's history row
        if self.model is HonourStep:
            raise OperationalError("the server closed the connection")
        return original(self, **kwargs)

    monkeypatch.setattr(Manager, "create", failing)
    with pytest.raises(OperationalError):
        services.act(honour, Action.REVIEW, world.users["community_chair"])
    monkeypatch.undo()
    row = Honour.objects.get(pk=honour.pk)
    assert row.state == State.NOMINATED and not row.steps.exists()


def test_a_step_locks_the_honour_and_updates_the_callers_copy(world):
    honour = HonourFactory(org=world.c1)
    with CaptureQueriesContext(connection) as queries:
        services.act(honour, Action.REVIEW, world.users["community_chair"])
    # SQLite (the embedded default) has no row locks: it runs one writer at a time.
    assert any("FOR UPDATE" in q["sql"] for q in queries.captured_queries) \
        or not connection.features.has_select_for_update
    assert honour.state == State.REVIEWED
    with pytest.raises(PermissionDenied):  # the same step again, from a stale page
        services.act(honour, Action.REVIEW, world.users["community_chair"])
    assert honour.steps.count() == 1


def test_list_types_are_not_nominated_one_by_one(world, login):
    five_good = HonourType.objects.get(code="five-good-family")
    assert five_good not in HonourTypeChoiceForm().fields["honour_type"].queryset
    client = login(world.users["community_chair"])
    response = client.get(reverse("families:honour_nominate"), {"honour_type": five_good.pk})
    assert response.status_code == 200 and "criteria" not in response.context["form"].fields
    with pytest.raises(ValidationError):
        services.nominate({"honour_type": five_good}, world.c1, world.users["community_chair"])
    assert not Honour.objects.exists()


def awarded_post(world, on=None):
    on = on or D(2024, 5, 1)
    return HonourFactory(org=world.c1, honour_type=HonourType.objects.get(code="civilised-post"),
                         state=State.AWARDED, awarded_on=on, year=on.year,
                         recipient__kind="collective")


def test_the_district_revokes_a_standing_title_with_a_reason(world, login):
    honour = awarded_post(world)
    assert honour.allowed_actions(world.users["community_chair"]) == []
    assert honour.allowed_actions(world.users["district_staff"]) == [Action.REVOKE]
    with pytest.raises(ValidationError):
        services.act(honour, Action.REVOKE, world.users["district_staff"], note=" ")
    with pytest.raises(ValidationError):  # not before the award
        services.act(honour, Action.REVOKE, world.users["district_staff"], note="撤销",
                     on=D(2024, 4, 1))
    client = login(world.users["district_staff"])
    page = client.get(reverse("families:honour", args=[honour.pk]))
    assert reverse("families:honour_step", args=[honour.pk, "revoke"]) in page.content.decode()
    assert set(page.context["form"].fields) == {"note"}  # only the reason is asked
    client.post(reverse("families:honour_step", args=[honour.pk, "revoke"]),
                {"note": "单位考核不合格"})
    honour.refresh_from_db()
    assert honour.revoked_on is not None and honour.revocation_reason == "单位考核不合格"
    assert honour.state == State.AWARDED  # it was awarded; it counts no more from that day
    assert honour.allowed_actions(world.users["district_staff"]) == []
    assert honour.steps.get().action == Action.REVOKE


def test_an_honour_of_another_workflow_cannot_be_revoked(world):
    honour = HonourFactory(org=world.c1, state=State.AWARDED, awarded_on=D(2024, 5, 1))
    with pytest.raises(PermissionDenied):
        services.act(honour, Action.REVOKE, world.users["district_staff"], note="撤销")
