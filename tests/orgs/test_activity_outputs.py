"""Activity outputs (households reached, materials, donations in cash and in kind): recorded on
the activity's form, pre-filling the tally indicators they answer, and stated once in the work
summary with the activity log's sums."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from federation.kernel.periods import Period
from federation.portal.summary.register import sentence
from orgs import summary
from orgs.activities.models import Activity, ActivityCategory, Donation
from orgs.tallies.services import activity_answers
from tests.orgs.factories import ActivityFactory, TallyFactory, ind, put

MARCH = datetime.date(2025, 3, 1)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def donations(*rows, initial=0):
    data = {"donations-TOTAL_FORMS": str(len(rows)), "donations-INITIAL_FORMS": str(initial),
            "donations-MIN_NUM_FORMS": "0", "donations-MAX_NUM_FORMS": "30"}
    for n, row in enumerate(rows):
        data.update({f"donations-{n}-{key}": value for key, value in row.items()})
    return data


def activity_data(world, **extra):
    return {"org": world.c1.pk, "category": ActivityCategory.objects.get(code="care").pk,
            "title": "困难家庭慰问", "starts_on": "2025-03-08", "participants": "30",
            "households": "12", "materials": "200", "cash_donations": "5000", **extra}


RICE = {"description": "米面油", "quantity": "40", "value": "6000", "donor_kind": "enterprise"}
BAGS = {"description": "书包文具", "quantity": "25", "value": "2500.50",
        "donor_kind": "social_org"}


@pytest.mark.django_db
def test_chair_records_outputs_and_donations_in_kind(world, login):
    client = login(world.users["community_chair"])
    response = client.post(reverse("orgs:activity_create"),
                           {**activity_data(world), **donations(RICE, BAGS)})
    activity = Activity.objects.get()
    assert response.status_code == 302
    assert (activity.households, activity.materials, activity.cash_donations) == (
        12, 200, Decimal("5000"))
    assert sorted(d.description for d in activity.donations.all()) == ["书包文具", "米面油"]
    page = client.get(activity.get_absolute_url()).content.decode()
    assert "米面油" in page and "爱心企业" in page and "入户走访户数 12" in page
    # Edit: one donation removed, the other changed; the empty extra row is ignored.
    rice = activity.donations.get(description="米面油")
    bags = activity.donations.get(description="书包文具")
    edit = {**activity_data(world), **donations(
        {**RICE, "id": rice.pk, "value": "7000"}, {**BAGS, "id": bags.pk, "DELETE": "on"},
        {"description": "", "quantity": "", "value": "", "donor_kind": ""}, initial=2)}
    assert client.post(reverse("orgs:activity_edit", args=[activity.pk]), edit).status_code == 302
    assert [(d.description, d.value) for d in Donation.objects.all()] == [
        ("米面油", Decimal("7000.00"))]


@pytest.mark.django_db
@pytest.mark.parametrize("extra, rows", [
    ({"cash_donations": "-5"}, (RICE,)),
    ({"materials": "-1"}, ()),
    ({}, ({**RICE, "value": ""},)),
    ({}, ({**RICE, "quantity": "0"},)),
    ({}, ({**RICE, "donor_kind": "somebody"},)),
])
def test_bad_outputs_are_refused_and_nothing_saved(world, login, extra, rows):
    client = login(world.users["community_chair"])
    response = client.post(reverse("orgs:activity_create"),
                           {**activity_data(world, **extra), **donations(*rows)})
    assert response.status_code == 200
    assert not Activity.objects.exists() and not Donation.objects.exists()
    body = response.content.decode()
    assert "is-invalid" in body


@pytest.mark.django_db
def test_a_form_posted_without_the_donation_rows_keeps_them(world, login):
    activity = ActivityFactory(org=world.c1)
    Donation.objects.create(activity=activity, description="米", quantity=1, value=100,
                            donor_kind="individual")
    client = login(world.users["community_chair"])
    data = {**activity_data(world), "title": "改名"}
    assert client.post(reverse("orgs:activity_edit", args=[activity.pk]),
                       data).status_code == 302
    assert Donation.objects.count() == 1


def outputs(org, day, households=None, materials=None, cash=None, goods=(), **extra):
    activity = ActivityFactory(org=org, starts_on=day, households=households,
                               materials=materials, cash_donations=cash, **extra)
    for value in goods:
        Donation.objects.create(activity=activity, description="物资", quantity=2,
                                value=value, donor_kind="enterprise")
    return activity


@pytest.mark.django_db
def test_tally_prefills_from_the_outputs(world, login):
    care = ActivityCategory.objects.get(code="care")
    outputs(world.c1, datetime.date(2025, 3, 3), households=10, materials=100, cash=1000,
            goods=(500, 250))
    outputs(world.c1, datetime.date(2025, 3, 20), households=5, goods=(300,), category=care)
    outputs(world.c1, datetime.date(2025, 3, 21), materials=50)  # no donation: not counted
    outputs(world.c1, datetime.date(2025, 4, 1), materials=999, cash=999)  # another month
    outputs(world.c2, datetime.date(2025, 3, 5), materials=999, cash=999)  # another org
    answers = activity_answers(world.c1.pk, MARCH)
    assert answers[(None, "materials")] == 150 and answers[(None, "households")] == 15
    assert answers[(None, "donations")] == Decimal("2050")  # each donation counted once
    assert answers[(care.pk, "donations")] == Decimal("300")
    response = login(world.users["community_chair"]).get(
        reverse("orgs:tally", args=[world.c1.pk, 2025, 3]))
    rows = {r.indicator.code: r for r in response.context["sheet"].rows}
    assert rows["materials_distributed"].value == 150 and rows["materials_distributed"].prefilled
    assert rows["households_visited"].value == 15
    assert rows["donations_value"].value == Decimal("2050")


@pytest.mark.django_db
def test_the_tally_page_query_count_does_not_grow_with_donations(world, login,
                                                                 django_assert_num_queries):
    client = login(world.users["community_chair"])
    url = reverse("orgs:tally", args=[world.c1.pk, 2025, 3])
    outputs(world.c1, datetime.date(2025, 3, 3), cash=10, goods=(1,))
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        assert client.get(url).status_code == 200
    for _ in range(5):
        outputs(world.c1, datetime.date(2025, 3, 9), cash=10, goods=(1, 2, 3))
    with django_assert_num_queries(len(first)):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_summary_states_the_outputs_once_with_their_sums(world):
    outputs(world.c1, datetime.date(2025, 3, 3), households=10, materials=1200, cash=40000,
            goods=(35000, 6500))
    outputs(world.c3, datetime.date(2025, 6, 3), households=8, materials=300, cash=20000)
    outputs(world.c1, datetime.date(2024, 6, 3), materials=100)  # last year
    outputs(world.s1, datetime.date(2025, 7, 1), materials=5)
    # The tallies report other numbers: the summary states the activity log's.
    put(TallyFactory(org=world.c1, month=MARCH, state="approved"), materials_distributed=7)
    items = {i.key: i for i in summary.items(world.district, Period.parse(2025))}
    assert "tally:materials_distributed" not in items
    materials = items["activities:materials"]
    assert materials.line == "ideology" and materials.figure("value").value == 1505
    assert materials.figure("value").last == 100
    assert sentence(materials).startswith("发放宣传资料1505份")
    donations_item = items["activities:donations"]
    assert donations_item.figure("value").value == 101500 and donations_item.line == "care"
    assert sentence(donations_item) == "捐款捐物10.15万元"
    assert sentence(items["activities:households"]) == "入户走访18户"
    street = {i.key: i for i in summary.items(world.s1, Period.parse(2025))}
    assert street["activities:materials"].figure("value").value == 1205
    by_street = summary.registry_by_street(world.district, Period.parse(2025))
    assert by_street["activities:materials"] == {world.s1.path: 1205.0, world.s2.path: 300.0}
    assert ind("materials_distributed").registry == "activities:materials"


def test_the_demo_records_outputs_that_its_tallies_and_summary_agree_with(demo):
    from django.db.models import Sum

    from orgs.models import Organization, OrgKind
    from orgs.tallies.models import TallyValue

    district = Organization.objects.get(kind=OrgKind.DISTRICT)
    # Last year: the demo's activities run from its 1 January (this year may have just begun).
    from django.utils import timezone

    items = {i.key: i for i in summary.items(district, Period(timezone.localdate().year - 1))}
    for key in ("activities:materials", "activities:households", "activities:donations"):
        assert items[key].figure("value").value > 0, key
    assert Donation.objects.exists()
    # Where a demo tally states the materials, it is the organization's month of activities.
    value = TallyValue.objects.filter(indicator__code="materials_distributed",
                                      value__gt=0).select_related("tally").first()
    month = value.tally.month
    made = Activity.objects.filter(org=value.tally.org, starts_on__year=month.year,
                                   starts_on__month=month.month).aggregate(n=Sum("materials"))
    assert value.value == made["n"]


@pytest.mark.django_db
def test_the_export_carries_the_outputs(world, login):
    import io

    from openpyxl import load_workbook

    outputs(world.c1, datetime.date(2025, 3, 3), households=7, materials=80, cash=1500)
    response = login(world.users["street_chair"]).get(reverse("orgs:activity_export"))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    header = list(rows[0])
    row = dict(zip(header, rows[1], strict=True))
    assert (row["入户走访户数"], row["发放宣传资料（份）"], row["捐款（元）"]) == (7, 80, 1500)
