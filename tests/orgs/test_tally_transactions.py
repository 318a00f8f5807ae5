"""Tally transitions are all-or-nothing and lock the row: a failure while recording the event
leaves the state as it was, and a reviewer working from a stale page is refused."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from orgs.tallies import services as tallies
from orgs.tallies.models import Tally, TallyEvent, TallyState
from tests.orgs.factories import TallyFactory, put

MARCH = datetime.date(2025, 3, 1)


@pytest.fixture
def failing_event(monkeypatch):
    """The second write of every transition (the event row) fails."""

    def fail(*args, **kwargs):
        raise OperationalError("the server closed the connection")

    monkeypatch.setattr(TallyEvent.objects, "create", fail)


def _tally(world, state):
    return put(TallyFactory(org=world.c1, month=MARCH, state=state), lectures=2)


def _unchanged(tally, state):
    row = Tally.objects.get(pk=tally.pk)
    assert row.state == state and row.version == tally.version and row.reviewed_by is None
    assert not TallyEvent.objects.filter(tally=tally).exists()


@pytest.mark.django_db
def test_approve_that_fails_half_way_changes_nothing(world, failing_event):
    tally = _tally(world, TallyState.SUBMITTED)
    with pytest.raises(OperationalError):
        tallies.approve(tally, world.users["street_chair"])
    _unchanged(tally, TallyState.SUBMITTED)


@pytest.mark.django_db
def test_return_that_fails_half_way_changes_nothing(world, failing_event):
    tally = _tally(world, TallyState.RESUBMITTED)
    with pytest.raises(OperationalError):
        tallies.return_for_changes(tally, world.users["street_chair"], "check the lectures")
    _unchanged(tally, TallyState.RESUBMITTED)
    assert Tally.objects.get(pk=tally.pk).return_reason == ""


@pytest.mark.django_db
def test_unlock_that_fails_half_way_changes_nothing(world, failing_event):
    tally = _tally(world, TallyState.APPROVED)
    with pytest.raises(OperationalError):
        tallies.unlock(tally, world.users["district_admin"], "typo")
    _unchanged(tally, TallyState.APPROVED)


@pytest.mark.django_db
def test_approve_locks_the_row_and_a_stale_second_approval_is_refused(world):
    tally = _tally(world, TallyState.SUBMITTED)
    stale = Tally.objects.get(pk=tally.pk)  # the second chair's page, loaded before
    with CaptureQueriesContext(connection) as queries:
        tallies.approve(tally, world.users["street_chair"])
    # SQLite (the embedded default) has no row locks: it runs one writer at a time.
    assert any("FOR UPDATE" in q["sql"] for q in queries.captured_queries) \
        or not connection.features.has_select_for_update
    with pytest.raises(tallies.TallyStateError):
        tallies.approve(stale, world.users["street_chair"])
    assert TallyEvent.objects.filter(tally=tally).count() == 1
    assert Tally.objects.get(pk=tally.pk).state == TallyState.APPROVED


@pytest.mark.django_db
def test_a_review_racing_another_is_told_not_served_an_error(world, login, monkeypatch):
    tally = _tally(world, TallyState.SUBMITTED)
    client = login(world.users["street_chair"])
    original = tallies.approve

    def racing(t, user):  # another reviewer returned it between the page check and the lock
        Tally.objects.filter(pk=t.pk).update(state=TallyState.RETURNED)
        original(t, user)

    monkeypatch.setattr(tallies, "approve", racing)
    response = client.post(reverse("orgs:tally_review", args=[world.c1.pk, 2025, 3]),
                           {"action": "approve"})
    assert response.status_code == 302 and response["Location"] == tally.get_absolute_url()
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["error"]
    assert Tally.objects.get(pk=tally.pk).state == TallyState.RETURNED
    assert not TallyEvent.objects.filter(tally=tally).exists()
