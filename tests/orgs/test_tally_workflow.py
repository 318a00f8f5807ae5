"""The monthly tally in the browser: fill, submit, approve or return, lock and unlock."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from orgs.tallies.models import Tally, TallyEvent, TallyState, TallyValueChange
from tests.orgs.factories import ActivityFactory, TallyFactory, ind, put

MARCH = datetime.date(2025, 3, 1)


def url(org, name="orgs:tally", month=MARCH):
    return reverse(name, args=[org.pk, month.year, month.month])


def form_data(tally_version=0, **values):
    data = {"version": tally_version}
    for code, value in values.items():
        data[f"v{ind(code).pk}"] = value
    return data


def submit_c1(client, world, **values):
    values.setdefault("lectures", "2")
    values.setdefault("disputes_mediated", "0")
    return client.post(url(world.c1), {**form_data(**values), "submit": "1"})


@pytest.mark.django_db
def test_community_chair_submits_and_street_chair_approves(world, login):
    client = login(world.users["community_chair"])
    response = submit_c1(client, world, lectures="3", cervical_screening="")
    assert response.status_code == 302
    tally = Tally.objects.get(org=world.c1, month=MARCH)
    assert tally.state == TallyState.SUBMITTED and tally.first_submitted_at
    values = {v.indicator.code: v.value for v in tally.values.select_related("indicator")}
    assert values["lectures"] == 3 and values["disputes_mediated"] == 0
    assert "cervical_screening" not in values  # empty stays empty, not 0

    approver = login(world.users["street_chair"])
    page = approver.get(url(world.c1))
    assert page.context["can_review"]
    approver.post(url(world.c1, "orgs:tally_review"), {"action": "approve"})
    tally.refresh_from_db()
    assert tally.state == TallyState.APPROVED and tally.reviewed_by == world.users["street_chair"]


@pytest.mark.django_db
def test_only_the_parent_level_reviews(world, login):
    client = login(world.users["community_chair"])
    submit_c1(client, world)
    for role in ("community_chair", "other_street_chair", "district_staff", "leader"):
        response = login(world.users[role]).post(url(world.c1, "orgs:tally_review"),
                                                 {"action": "approve"})
        assert response.status_code in (403, 404), role
    assert Tally.objects.get(org=world.c1).state == TallyState.SUBMITTED
    # A street's tally is approved by the district.
    street = Tally.objects.create(org=world.s1, month=MARCH, state=TallyState.SUBMITTED)
    assert login(world.users["street_chair"]).post(
        url(world.s1, "orgs:tally_review"), {"action": "approve"}).status_code == 403
    login(world.users["district_staff"]).post(url(world.s1, "orgs:tally_review"),
                                              {"action": "approve"})
    street.refresh_from_db()
    assert street.state == TallyState.APPROVED


@pytest.mark.django_db
def test_return_with_reason_then_resubmit_shows_what_changed(world, login):
    chair = login(world.users["community_chair"])
    submit_c1(chair, world, lectures="3")
    street = login(world.users["street_chair"])
    street.post(url(world.c1, "orgs:tally_review"), {"action": "return", "reason": ""})
    assert Tally.objects.get(org=world.c1).state == TallyState.SUBMITTED  # a reason is required
    street.post(url(world.c1, "orgs:tally_review"),
                {"action": "return", "reason": "宣讲场次与活动台账不符"})
    tally = Tally.objects.get(org=world.c1)
    assert tally.state == TallyState.RETURNED and tally.return_reason == "宣讲场次与活动台账不符"
    page = login(world.users["community_chair"]).get(url(world.c1)).content.decode()
    assert "宣讲场次与活动台账不符" in page

    chair.post(url(world.c1), {**form_data(tally.version, lectures="5", disputes_mediated="0"),
                               "submit": "1"})
    tally.refresh_from_db()
    assert tally.state == TallyState.RESUBMITTED
    rows = {r.indicator.code: r for r in street.get(url(world.c1)).context["sheet"].rows}
    assert rows["lectures"].before_return == "3" and rows["lectures"].value == 5
    assert rows["disputes_mediated"].before_return is None  # unchanged
    assert TallyEvent.objects.filter(tally=tally, kind="returned").count() == 1


@pytest.mark.django_db
def test_approved_tally_is_locked_until_a_district_admin_unlocks_it(world, login):
    chair = login(world.users["community_chair"])
    submit_c1(chair, world, lectures="3")
    login(world.users["street_chair"]).post(url(world.c1, "orgs:tally_review"),
                                            {"action": "approve"})
    tally = Tally.objects.get(org=world.c1)
    response = chair.post(url(world.c1), form_data(tally.version, lectures="9"))
    assert response.status_code == 403
    assert chair.get(url(world.c1)).context["form"] is None
    assert tally.values.get(indicator__code="lectures").value == 3
    # Staff cannot unlock; the district admin can, with a kept reason.
    assert login(world.users["district_staff"]).post(
        url(world.c1, "orgs:tally_unlock"), {"reason": "x"}).status_code == 403
    admin = login(world.users["district_admin"])
    admin.post(url(world.c1, "orgs:tally_unlock"), {"reason": ""})
    assert Tally.objects.get(org=world.c1).state == TallyState.APPROVED
    admin.post(url(world.c1, "orgs:tally_unlock"), {"reason": "区里核对发现录入错误"})
    tally.refresh_from_db()
    assert tally.state == TallyState.DRAFT
    assert tally.events.get(kind="unlocked").reason == "区里核对发现录入错误"
    chair = login(world.users["community_chair"])
    chair.post(url(world.c1), form_data(tally.version, lectures="4", disputes_mediated="0"))
    assert tally.values.get(indicator__code="lectures").value == 4


@pytest.mark.django_db
def test_every_value_change_is_recorded(world, login):
    chair = login(world.users["community_chair"])
    chair.post(url(world.c1), form_data(0, lectures="2", cervical_screening="10"))
    chair.post(url(world.c1), form_data(1, lectures="3", cervical_screening=""))
    changes = {(c.indicator.code, c.old_value, c.new_value)
               for c in TallyValueChange.objects.select_related("indicator")}
    assert changes == {("lectures", None, 2), ("cervical_screening", None, 10),
                       ("lectures", 2, 3), ("cervical_screening", 10, None)}
    assert all(c.changed_by == world.users["community_chair"]
               for c in TallyValueChange.objects.all())
    history = chair.get(url(world.c1, "orgs:tally_history"))
    assert history.context["page"].paginator.count == 4


@pytest.mark.django_db
def test_form_prefills_from_activity_log_and_shows_last_year(world, login):
    ActivityFactory(org=world.c1, starts_on=datetime.date(2025, 3, 3), participants=40)
    ActivityFactory(org=world.c1, starts_on=datetime.date(2025, 3, 20), participants=25)
    ActivityFactory(org=world.c1, starts_on=datetime.date(2025, 4, 1), participants=99)
    ActivityFactory(org=world.c2, starts_on=datetime.date(2025, 3, 5), participants=99)
    put(TallyFactory(org=world.c1, month=datetime.date(2024, 3, 1)), lectures=1)
    response = login(world.users["community_chair"]).get(url(world.c1))
    rows = {r.indicator.code: r for r in response.context["sheet"].rows}
    assert rows["lectures"].value == 2 and rows["lectures"].prefilled
    assert rows["lecture_attendance"].value == 65
    assert rows["lectures"].last_year == 1
    assert rows["cervical_screening"].value is None and rows["cervical_screening"].last_year is None
    assert response.context["form"][f"v{ind('lectures').pk}"].value() == "2"


@pytest.mark.django_db
def test_street_sees_the_sum_of_its_communities_beside_its_own_entry(world, login):
    put(TallyFactory(org=world.c1, state=TallyState.SUBMITTED,
                     first_submitted_at=datetime.datetime(2025, 4, 2, tzinfo=datetime.UTC)),
        lectures=2, cervical_screening=5)
    put(TallyFactory(org=world.c2, state=TallyState.APPROVED,
                     first_submitted_at=datetime.datetime(2025, 4, 2, tzinfo=datetime.UTC)),
        lectures=3)
    put(TallyFactory(org=world.c3, state=TallyState.APPROVED), lectures=100)  # other street
    for month in (datetime.date(2025, 1, 1), datetime.date(2025, 2, 1)):  # other months
        TallyFactory(org=world.c1, month=month, state=TallyState.APPROVED,
                     first_submitted_at=datetime.datetime(2025, 3, 2, tzinfo=datetime.UTC))
    put(TallyFactory(org=world.s1), lectures=1)
    response = login(world.users["street_chair"]).get(url(world.s1))
    rows = {r.indicator.code: r for r in response.context["sheet"].rows}
    assert rows["lectures"].children_sum == 5 and rows["lectures"].value == 1
    assert rows["cervical_screening"].children_sum == 5
    assert rows["disputes_mediated"].children_sum is None  # nobody reported: not 0
    sheet = response.context["sheet"]
    assert (sheet.children_reported, sheet.children_expected) == (2, 2)


@pytest.mark.django_db
def test_tally_form_query_count_does_not_grow(world, login, get_page):
    client = login(world.users["street_chair"])
    for n in range(3):
        ActivityFactory(org=world.s1, starts_on=datetime.date(2025, 3, n + 1))
    put(TallyFactory(org=world.c1, state=TallyState.SUBMITTED), lectures=2)
    # 13: one of them asks the registries (women's assistance) what they answer.
    small = get_page(client, url(world.s1), queries=13, at_most=True).queries
    for n in range(20):
        ActivityFactory(org=world.s1, starts_on=datetime.date(2025, 3, n + 1))
    put(TallyFactory(org=world.c2, state=TallyState.SUBMITTED), lectures=2, trainees=4,
        funds_raised=Decimal("12.5"))
    put(TallyFactory(org=world.s1, month=datetime.date(2024, 3, 1)), lectures=2, trainees=4)
    get_page(client, url(world.s1), queries=small)


@pytest.mark.django_db
def test_future_months_and_other_kinds_are_not_found(world, login):
    client = login(world.users["district_staff"])
    assert client.get(reverse("orgs:tally", args=[world.c1.pk, 2999, 1])).status_code == 404
    assert client.get(reverse("orgs:tally", args=[world.c1.pk, 2025, 13])).status_code == 404
    assert client.get(reverse("orgs:tally", args=[world.h1.pk, 2025, 3])).status_code == 404
