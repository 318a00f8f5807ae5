"""Validation of tally values: numbers, limits, required fields and the 3x-last-year rule."""

import datetime
import re

import pytest
from django.urls import reverse

from orgs.tallies.models import Tally, TallyValue
from tests.orgs.factories import TallyFactory, ind, put

MARCH = datetime.date(2025, 3, 1)


def post(client, org, submit=False, version=0, **fields):
    data = {"version": version}
    for key, value in fields.items():
        code, _sep, confirm = key.partition("__")
        data[f"{'confirm' if confirm else 'v'}{ind(code).pk}"] = value
    if submit:
        data["submit"] = "1"
    return client.post(reverse("orgs:tally", args=[org.pk, 2025, 3]), data)


def errors_of(response, code):
    return response.context["form"].errors.get(f"v{ind(code).pk}", [])


@pytest.mark.django_db
@pytest.mark.parametrize("code, value", [
    ("lectures", "-1"), ("lectures", "abc"), ("lectures", "2.5"), ("lectures", "NaN"),
    ("lectures", "1e20"), ("funds_raised", "10.555"), ("cervical_screening", "50001"),
])
def test_bad_values_are_refused_and_nothing_is_saved(world, login, code, value):
    client = login(world.users["community_chair"])
    response = client.post(reverse("orgs:tally", args=[world.c1.pk, 2025, 3]),
                           {"version": 0, f"v{ind('new_jobs').pk}": "3",
                            f"v{ind(code).pk}": value})
    assert response.status_code == 200
    assert len(errors_of(response, code)) == 1
    assert not errors_of(response, "new_jobs")
    assert not TallyValue.objects.exists() and not Tally.objects.exists()


@pytest.mark.django_db
def test_minimum_is_enforced(world, login):
    indicator = ind("trainees")
    indicator.minimum = 5
    indicator.save()
    response = post(login(world.users["community_chair"]), world.c1, trainees="2")
    assert errors_of(response, "trainees")


@pytest.mark.django_db
def test_amounts_take_two_decimals(world, login):
    post(login(world.users["community_chair"]), world.c1, funds_raised="1,234.50")
    assert TallyValue.objects.get().value == 1234.5


@pytest.mark.django_db
def test_required_fields_are_needed_to_submit_not_to_save_a_draft(world, login):
    client = login(world.users["community_chair"])
    response = post(client, world.c1, submit=True, lectures="1")
    assert errors_of(response, "disputes_mediated")
    assert not Tally.objects.exists()
    post(client, world.c1, lectures="1")
    assert Tally.objects.get().state == "draft"
    post(client, world.c1, submit=True, version=1, lectures="1", disputes_mediated="0")
    assert Tally.objects.get().state == "submitted"  # 0 is an answer


@pytest.mark.django_db
def test_three_times_last_year_asks_for_confirmation_and_flags(world, login):
    put(TallyFactory(org=world.c1, month=datetime.date(2024, 3, 1)), cervical_screening=10)
    client = login(world.users["community_chair"])
    response = post(client, world.c1, cervical_screening="30")
    assert errors_of(response, "cervical_screening")
    assert not Tally.objects.filter(month=MARCH).exists()
    # the page opens on that field, marked, with a thumb-sized confirm control and a link
    html = response.content.decode()
    tag = re.search(rf'<input[^>]*id="id_v{ind("cervical_screening").pk}"[^>]*>', html)[0]
    assert "autofocus" in tag and html.count("autofocus") == 1 and "tally-flag" in html
    assert 'class="btn btn-outline-warning tally-confirm' in html
    assert f'href="#id_v{ind("cervical_screening").pk}"' in html
    post(client, world.c1, cervical_screening="29")  # below 3x: fine, not flagged
    assert not Tally.objects.get(month=MARCH).values.get().flagged
    post(client, world.c1, version=1, cervical_screening="30", cervical_screening__confirm="on")
    value = Tally.objects.get(month=MARCH).values.get()
    assert value.value == 30 and value.flagged
    # The approver sees the flag.
    Tally.objects.filter(month=MARCH).update(state="submitted")
    page = login(world.users["street_chair"]).get(
        reverse("orgs:tally", args=[world.c1.pk, 2025, 3]))
    rows = {r.indicator.code: r for r in page.context["sheet"].rows}
    assert rows["cervical_screening"].flagged
    assert [r.indicator.code for r in page.context["sheet"].flagged] == ["cervical_screening"]
    assert "bi-flag" in page.content.decode()


@pytest.mark.django_db
def test_leaders_and_other_orgs_cannot_fill_in(world, login):
    for role in ("leader", "street_chair", "district_staff", "other_community_chair"):
        response = post(login(world.users[role]), world.c1, lectures="1")
        assert response.status_code in (403, 404), role
    assert not Tally.objects.exists()


@pytest.mark.django_db
def test_catalogue_limits_are_consistent():
    from django.core.exceptions import ValidationError
    indicator = ind("trainees")
    indicator.minimum, indicator.maximum = 10, 5
    with pytest.raises(ValidationError):
        indicator.full_clean()
