"""Campaign pages (品牌活动): who sees which campaigns, their totals for a year, the district's
form, the activity form's campaign choice, and the scoping walk of the new URLs."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from federation.kernel.models import LineOfWork
from orgs.activities.models import Activity, ActivityCategory, Campaign
from tests.orgs.campaign_team_urls import CAMPAIGN_URL_NAMES
from tests.orgs.factories import ActivityFactory
from tests.urlwalk import walk


def campaign(org, name="百合之约", **extra):
    return Campaign.objects.create(name=name, org=org, line=LineOfWork.objects.get(code="family"),
                                   **{"first_year": 2024, **extra})


@pytest.fixture
def campaigns(world):
    district = campaign(world.district, "巾帼心向党")
    s1 = campaign(world.s1, "东湖妇联妈妈")
    s2 = campaign(world.s2, "西城阳光筑梦")
    ended = campaign(world.district, "春风送岗位", last_year=2024)
    day = datetime.date(2025, 3, 10)
    for org, people in ((world.c1, 40), (world.c2, 25), (world.c3, 60), (world.district, 100)):
        ActivityFactory(org=org, campaign=district, participants=people, starts_on=day)
    ActivityFactory(org=world.c1, campaign=s1, participants=12, starts_on=day)
    ActivityFactory(org=world.c3, campaign=s2, participants=8, starts_on=day)
    ActivityFactory(org=world.c1, campaign=district, participants=500,
                    starts_on=datetime.date(2024, 6, 1))  # another year
    return {"district": district, "s1": s1, "s2": s2, "ended": ended}


def listed(client, year=2025):
    response = client.get(reverse("orgs:campaigns"), {"year": year})
    assert response.status_code == 200
    return {c.name: (c.n, c.people or 0) for c in response.context["campaigns"]}


@pytest.mark.django_db
def test_each_role_sees_the_campaigns_that_apply_with_its_own_totals(world, login, campaigns):
    assert listed(login(world.users["district_staff"])) == {
        "巾帼心向党": (4, 225), "东湖妇联妈妈": (1, 12), "西城阳光筑梦": (1, 8)}
    # A street: the district's campaign (above her) with her street's activities, her own.
    assert listed(login(world.users["street_chair"])) == {"巾帼心向党": (2, 65),
                                                          "东湖妇联妈妈": (1, 12)}
    assert listed(login(world.users["other_community_chair"])) == {"巾帼心向党": (1, 60),
                                                                   "西城阳光筑梦": (1, 8)}
    # A year picks the campaigns running then and their activities of that year.
    assert listed(login(world.users["district_staff"]), 2024) == {
        "巾帼心向党": (1, 500), "东湖妇联妈妈": (0, 0), "西城阳光筑梦": (0, 0),
        "春风送岗位": (0, 0)}


@pytest.mark.django_db
def test_a_bad_year_falls_back_to_this_year(world, login, campaigns):
    client = login(world.users["district_staff"])
    response = client.get(reverse("orgs:campaigns"), {"year": "abc"})
    assert response.status_code == 200 and response.context["year"] == timezone.localdate().year


@pytest.mark.django_db
def test_list_is_one_query_whatever_the_campaigns(world, login, campaigns,
                                                  django_assert_num_queries):
    client = login(world.users["district_staff"])
    client.get(reverse("orgs:campaigns"))  # warm the session
    # session, user, her organization, the campaigns with their totals, two for the menu's
    # permissions
    with django_assert_num_queries(6):
        assert client.get(reverse("orgs:campaigns"), {"year": 2025}).status_code == 200
    for n in range(10):
        ActivityFactory(org=world.c2, campaign=campaign(world.s1, f"系列{n}"),
                        starts_on=datetime.date(2025, 5, 1))
    with django_assert_num_queries(6):
        assert client.get(reverse("orgs:campaigns"), {"year": 2025}).status_code == 200


@pytest.mark.django_db
def test_detail_totals_by_street_in_scope(world, login, campaigns, django_assert_num_queries):
    client = login(world.users["district_staff"])
    url = reverse("orgs:campaign", args=[campaigns["district"].pk])
    client.get(url)
    # session, user, her organization, campaign, by street, street names, count, page of
    # activities, two for the menu's permissions
    with django_assert_num_queries(10):
        response = client.get(url, {"year": 2025})
    assert response.status_code == 200
    by_street = {s["name"]: (s["n"], s["people"]) for s in response.context["streets"]}
    assert by_street == {"示范区妇联": (1, 100), "东湖街道妇联": (2, 65),
                         "西城街道妇联": (1, 60)}
    assert response.context["page"].paginator.count == 4
    street = login(world.users["street_chair"]).get(url, {"year": 2025})
    assert [s["name"] for s in street.context["streets"]] == ["东湖街道妇联"]
    assert "编辑" not in street.content.decode()  # street chairs read the district's campaign


@pytest.mark.django_db
def test_out_of_scope_campaigns_are_not_found(world, login, campaigns):
    cases = {"orgs:campaign": {"pk": campaigns["s2"].pk},
             "orgs:campaign_edit": {"pk": campaigns["s2"].pk}}
    for role in ("street_chair", "community_chair"):
        assert walk(login(world.users[role]), cases) == [], role
    other = {"orgs:campaign": {"pk": campaigns["s1"].pk},
             "orgs:campaign_edit": {"pk": campaigns["s1"].pk}}
    for role in ("other_street_chair", "other_community_chair"):
        assert walk(login(world.users[role]), other) == [], role
    # Only district staff record campaigns, even of their own street.
    chair = login(world.users["street_chair"])
    assert chair.get(reverse("orgs:campaign_edit", args=[campaigns["s1"].pk])).status_code == 403
    assert chair.get(reverse("orgs:campaign_create")).status_code == 403
    leader = login(world.users["leader"])
    assert leader.post(reverse("orgs:campaign_create"), {"name": "x"}).status_code == 403
    assert leader.get(reverse("orgs:campaign", args=[campaigns["s1"].pk])).status_code == 200


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(world, client, campaigns):
    for name in CAMPAIGN_URL_NAMES:
        kwargs = {"pk": campaigns["s1"].pk} if name in ("orgs:campaign",
                                                        "orgs:campaign_edit") else None
        response = client.get(reverse(name, kwargs=kwargs))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def campaign_data(world, **extra):
    return {"name": "百合之约", "line": LineOfWork.objects.get(code="family").pk,
            "org": world.s1.pk, "first_year": "2025", "last_year": "",
            "phrase": "开展“百合之约”婚恋交友活动{activities}，服务{people}",
            "description": "", **extra}


@pytest.mark.django_db
def test_district_staff_records_and_edits_a_campaign(world, login):
    client = login(world.users["district_staff"])
    response = client.post(reverse("orgs:campaign_create"), campaign_data(world))
    saved = Campaign.objects.get()
    assert response.status_code == 302 and response["Location"] == saved.get_absolute_url()
    assert saved.org == world.s1 and saved.last_year is None
    client.post(reverse("orgs:campaign_edit", args=[saved.pk]),
                campaign_data(world, name="百合之约2.0", last_year="2026"))
    saved.refresh_from_db()
    assert saved.name == "百合之约2.0" and saved.last_year == 2026
    assert "百合之约2.0" in client.get(reverse("orgs:campaigns"), {"year": 2025}).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("field, value, message", [
    ("last_year", "2024", "不能早于起始年份"), ("first_year", "1800", "2000"),
    ("phrase", "开展{foo}", "{activities}"), ("name", "", "必填"),
])
def test_bad_campaigns_are_refused_with_a_message(world, login, field, value, message):
    client = login(world.users["district_staff"])
    response = client.post(reverse("orgs:campaign_create"), campaign_data(world, **{field: value}))
    assert response.status_code == 200 and message in response.content.decode()
    assert not Campaign.objects.exists()


@pytest.mark.django_db
def test_a_street_campaign_cannot_move_out_of_scope(world, login):
    """The organization picker offers the user's subtree only (a district user: everything);
    a forged organization outside it is refused."""
    staff = login(world.users["district_staff"])
    form = staff.get(reverse("orgs:campaign_create")).context["form"]
    assert set(form.fields["org"].queryset) >= {world.district, world.s1, world.c3}


def activity_data(world, campaign_pk, **extra):
    return {"org": world.c1.pk, "category": ActivityCategory.objects.get(code="ideology").pk,
            "campaign": campaign_pk, "title": "巾帼心向党宣讲", "starts_on": "2025-03-08",
            "participants": "50", **extra}


@pytest.mark.django_db
def test_activity_form_picks_a_campaign_that_applies(world, login, campaigns):
    client = login(world.users["community_chair"])
    offered = client.get(reverse("orgs:activity_create")).context["form"].fields["campaign"]
    names = {c.name for c in offered.queryset}
    assert {"巾帼心向党", "东湖妇联妈妈"} <= names and "西城阳光筑梦" not in names
    response = client.post(reverse("orgs:activity_create"),
                           activity_data(world, campaigns["district"].pk))
    activity = Activity.objects.get(title="巾帼心向党宣讲")
    assert response.status_code == 302 and activity.campaign == campaigns["district"]
    detail = client.get(activity.get_absolute_url()).content.decode()
    assert "巾帼心向党" in detail and reverse("orgs:campaign",
                                            args=[campaigns["district"].pk]) in detail


@pytest.mark.django_db
def test_activity_form_refuses_a_campaign_out_of_scope_or_years(world, login, campaigns):
    client = login(world.users["community_chair"])
    before = Activity.objects.count()
    other = client.post(reverse("orgs:activity_create"),
                        activity_data(world, campaigns["s2"].pk))
    assert other.status_code == 200 and other.context["form"].errors["campaign"]
    # A district staff member names a street's campaign for another street's community.
    staff = login(world.users["district_staff"])
    wrong = staff.post(reverse("orgs:activity_create"),
                       activity_data(world, campaigns["s1"].pk, org=world.c3.pk))
    assert "不适用" in wrong.content.decode()
    later = campaign(world.district, "新时代家庭观", first_year=2026)
    ended = staff.post(reverse("orgs:activity_create"), activity_data(world, later.pk))
    assert "2025" in str(ended.context["form"].errors["campaign"])
    assert Activity.objects.count() == before


@pytest.mark.django_db
def test_reachable_from_the_activity_log(world, login, campaigns):
    client = login(world.users["community_chair"])
    page = client.get(reverse("orgs:activities")).content.decode()
    assert reverse("orgs:campaigns") in page
