"""Two people saving the same tally: the later save is refused and shows what changed."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from orgs.tallies.models import Indicator, Tally
from tests.factories import UserFactory
from tests.orgs.factories import ind


@pytest.mark.django_db
def test_later_save_is_refused_showing_the_earlier_change(world):
    deputy = UserFactory(username="deputy", role="community_chair", org=world.c1)
    first, second = Client(), Client()
    first.force_login(world.users["community_chair"])
    second.force_login(deputy)
    url = reverse("orgs:tally", args=[world.c1.pk, 2025, 3])
    # Both open the empty form (version 0).
    assert first.get(url).context["form"]["version"].value() == 0
    assert second.get(url).context["form"]["version"].value() == 0
    first.post(url, {"version": 0, f"v{ind('lectures').pk}": "4"})
    response = second.post(url, {"version": 0, f"v{ind('lectures').pk}": "7"})
    assert response.status_code == 200
    tally = Tally.objects.get(org=world.c1, month=datetime.date(2025, 3, 1))
    assert tally.values.get().value == 4  # no silent overwrite
    conflict = response.context["conflict"]
    assert [(c.indicator.code, c.old_value, c.new_value) for c in conflict] == [
        ("lectures", None, 4)]
    assert conflict[0].changed_by == world.users["community_chair"]
    # Her values are kept in the form with the new version, so saving again is deliberate.
    form = response.context["form"]
    assert form["version"].value() == tally.version
    assert form[f"v{ind('lectures').pk}"].value() == "7"
    second.post(url, {"version": tally.version, f"v{ind('lectures').pk}": "7"})
    assert tally.values.get().value == 7


@pytest.mark.django_db
def test_review_after_a_change_of_state_is_refused(world, login):
    tally = Tally.objects.create(org=world.c1, month=datetime.date(2025, 3, 1),
                                 state="submitted")
    street = login(world.users["street_chair"])
    url = reverse("orgs:tally_review", args=[world.c1.pk, 2025, 3])
    street.post(url, {"action": "approve"})
    response = street.post(url, {"action": "return", "reason": "late"})
    assert response.status_code == 403
    tally.refresh_from_db()
    assert tally.state == "approved"


@pytest.mark.django_db
def test_saving_the_form_costs_the_same_queries_whatever_the_values(
        world, login, post_page):
    client = login(world.users["community_chair"])
    url = reverse("orgs:tally", args=[world.c1.pk, 2025, 3])

    def post(data, queries):
        response = post_page(client, url, data, queries=queries,
                             info=f"version {data['version']}")
        assert response["Location"] == url

    # The audit trail adds its INSERTs for the tally row; values are written in bulk, so one
    # value or all of them cost the same. The first save also creates the tally; submitting
    # adds the required check and the event.
    post({"version": 0, f"v{ind('lectures').pk}": "1"}, 18)
    every = {f"v{i.pk}": "3" for i in Indicator.objects.all()}
    post({"version": 1, **every}, 15)
    post({"version": 2, "submit": "1", **every}, 18)
    tally = Tally.objects.get()
    assert tally.state == "submitted" and tally.values.count() == len(every)
