"""Case workflows are all-or-nothing and lock the case's row: a failure while accepting the
case leaves no orphan action, and concurrent steps are served one after the other."""

import pytest
from django.db import OperationalError, connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from rights.models import ActionType, Case, CaseAction, Status
from rights.services import add_action
from tests.rights.factories import CaseFactory, make_rights_staff

pytestmark = pytest.mark.django_db


def _action(user) -> CaseAction:
    return CaseAction(type=ActionType.objects.get(code="home_visit"), on=timezone.localdate(),
                      by=user, notes="上门了解情况")


def test_add_action_that_fails_accepting_the_case_records_nothing(world, monkeypatch):
    case = CaseFactory(org=world.c1, registered_by=world.users["community_chair"])
    assert case.status == Status.NEW
    original = QuerySet.update

    def failing(self, **kwargs):  # the second write: the case's acceptance
        if self.model is Case:
            raise OperationalError("the server closed the connection")
        return original(self, **kwargs)

    monkeypatch.setattr(QuerySet, "update", failing)
    with pytest.raises(OperationalError):
        add_action(case, _action(world.users["street_chair"]),
                   consent_on=timezone.localdate())
    monkeypatch.undo()
    row = Case.objects.get(pk=case.pk)
    assert row.status == Status.NEW and row.handler_id is None and row.version == case.version
    assert not row.consent_to_share
    assert not CaseAction.objects.filter(case=case).exists()


def test_add_action_locks_the_case_and_accepts_it_once(world):
    case = CaseFactory(org=world.c1, registered_by=world.users["community_chair"])
    chair, staff = world.users["street_chair"], make_rights_staff(world.users["district_staff"])
    with CaptureQueriesContext(connection) as queries:
        add_action(case, _action(chair))
    # SQLite (the embedded default) has no row locks: it runs one writer at a time.
    assert any("FOR UPDATE" in q["sql"] for q in queries.captured_queries) \
        or not connection.features.has_select_for_update
    add_action(case, _action(staff))  # from a page loaded while the case was still new
    row = Case.objects.get(pk=case.pk)
    assert row.status == Status.IN_PROGRESS and row.handler == chair
    assert row.version == case.version + 1 and row.actions.count() == 2



def test_a_screening_that_fails_logging_leaves_the_household_as_it_was(world, login,
                                                                        monkeypatch):
    """The screening, the household's colour and factors and the access-log line are one
    transaction (rights.services.record_screening): a failure at the last write keeps none."""
    from django.urls import reverse

    from rights import services
    from rights.models import ColourLevel, Screening
    from tests.rights.factories import HouseholdFactory

    household = HouseholdFactory(org=world.c1, created_by=world.users["street_chair"])
    before = household.colour_id
    client = login(world.users["street_chair"])
    client.raise_request_exception = False

    def failing(*args, **kwargs):
        raise OperationalError("the connection dropped")

    monkeypatch.setattr(services, "log_access", failing)
    url = reverse("rights:screening_create", args=[household.pk])
    response = client.post(url, {
        "month": timezone.localdate().strftime("%Y-%m"),
        "colour": ColourLevel.objects.get(code="blue").pk, "factors": [], "notes": "关系缓和"})
    assert response.status_code == 500
    household.refresh_from_db()
    assert not Screening.objects.exists() and household.colour_id == before
