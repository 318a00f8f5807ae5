"""Teams and rosters (队伍): scoped list with totals by kind, detail with the activities the
team ran, the form (leader's name only), an activity naming its team, and the summary's
teams and members per kind."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from federation.kernel.periods import Period
from federation.portal.summary.register import sentence
from orgs import summary
from orgs.activities.models import Activity, ActivityCategory
from orgs.teams.models import Team, TeamKind
from tests.orgs.campaign_team_urls import TEAM_URL_NAMES
from tests.urlwalk import walk


def team(org, kind="lecturers", members=10, **extra):
    return Team.objects.create(kind=TeamKind.objects.get(code=kind), org=org,
                               name=extra.pop("name", f"{org.name}{kind}"), members=members,
                               leader_name="王秀英", **extra)


@pytest.fixture
def teams(world):
    return {"c1": team(world.c1, members=12), "c2": team(world.c2, members=8),
            "c3": team(world.c3, members=20), "s1": team(world.s1, "volunteers", members=40),
            "gone": team(world.c1, "volunteers", members=30, name="已撤销的队",
                         formed_on=datetime.date(2020, 1, 1),
                         disbanded_on=datetime.date(2025, 6, 30))}


def listed(client, **params):
    response = client.get(reverse("orgs:teams"), params)
    assert response.status_code == 200
    return response


@pytest.mark.django_db
def test_each_role_sees_its_subtree_with_totals_by_kind(world, login, teams):
    staff = listed(login(world.users["district_staff"]))
    assert staff.context["page"].paginator.count == 4  # the disbanded team left out
    totals = {t["kind"].code: (t["teams"], t["members"]) for t in staff.context["totals"]}
    assert totals == {"lecturers": (3, 40), "volunteers": (1, 40)}
    chair = listed(login(world.users["street_chair"]))
    assert {t.name for t in chair.context["page"]} == {teams[k].name for k in ("c1", "c2",
                                                                                "s1")}
    other = listed(login(world.users["other_community_chair"]))
    assert [t.name for t in other.context["page"]] == [teams["c3"].name]
    with_gone = listed(login(world.users["community_chair"]), disbanded="on")
    assert with_gone.context["page"].paginator.count == 2
    by_kind = listed(login(world.users["district_staff"]),
                     kind=TeamKind.objects.get(code="volunteers").pk)
    assert [t.name for t in by_kind.context["page"]] == [teams["s1"].name]


@pytest.mark.django_db
def test_list_query_count_does_not_grow(world, login, teams, django_assert_num_queries):
    client = login(world.users["district_staff"])
    listed(client)
    # session, user, her organization, kinds, totals, count, page, the filter's kinds and
    # organizations with their labels, two for the menu's permissions
    with django_assert_num_queries(12):
        assert client.get(reverse("orgs:teams")).status_code == 200
    for n in range(15):
        team(world.c3, "mediators", name=f"调解队{n}")
    with django_assert_num_queries(12):
        assert client.get(reverse("orgs:teams")).status_code == 200


@pytest.mark.django_db
def test_chair_records_and_edits_a_team_with_the_leader_only(world, login):
    client = login(world.users["community_chair"])
    data = {"kind": TeamKind.objects.get(code="federation_mothers").pk, "org": world.c1.pk,
            "name": "桃源“妇联妈妈”队", "leader_name": "李桂兰", "members": "6",
            "formed_on": "2025-03-01", "disbanded_on": "", "description": ""}
    response = client.post(reverse("orgs:team_create"), data)
    saved = Team.objects.get()
    assert response.status_code == 302 and response["Location"] == saved.get_absolute_url()
    assert (saved.org, saved.members, saved.leader_name) == (world.c1, 6, "李桂兰")
    client.post(reverse("orgs:team_edit", args=[saved.pk]), {**data, "members": "9"})
    saved.refresh_from_db()
    assert saved.members == 9
    page = client.get(saved.get_absolute_url()).content.decode()
    assert "李桂兰" in page and "队员人数" in page
    assert "李桂兰" not in reverse("orgs:team", args=[saved.pk])


@pytest.mark.django_db
@pytest.mark.parametrize("field, value, message", [
    ("members", "0", "1"), ("members", "", "必填"),
    ("disbanded_on", "2024-01-01", "撤销日期不能早于组建日期"),
    ("org", "S2", "选择"),
])
def test_bad_teams_are_refused_with_a_message(world, login, field, value, message):
    client = login(world.users["community_chair"])
    data = {"kind": TeamKind.objects.get(code="lecturers").pk, "org": world.c1.pk,
            "name": "宣讲队", "leader_name": "", "members": "6", "formed_on": "2025-03-01",
            "disbanded_on": "", "description": ""}
    data[field] = world.s2.pk if value == "S2" else value
    response = client.post(reverse("orgs:team_create"), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Team.objects.exists()


@pytest.mark.django_db
def test_out_of_scope_teams_are_not_found_and_leaders_only_read(world, login, teams):
    cases = {"orgs:team": {"pk": teams["c3"].pk}, "orgs:team_edit": {"pk": teams["c3"].pk}}
    for role in ("street_chair", "community_chair"):
        assert walk(login(world.users[role]), cases) == [], role
    upper = {"orgs:team": {"pk": teams["s1"].pk}, "orgs:team_edit": {"pk": teams["s1"].pk}}
    assert walk(login(world.users["community_chair"]), upper) == []
    for role in ("other_street_chair", "other_community_chair"):
        assert walk(login(world.users[role]), {
            "orgs:team": {"pk": teams["c1"].pk}, "orgs:team_edit": {"pk": teams["c1"].pk}}) == []
    leader = login(world.users["leader"])
    assert leader.get(reverse("orgs:team", args=[teams["c1"].pk])).status_code == 200
    assert leader.post(reverse("orgs:team_edit", args=[teams["c1"].pk]),
                       {"members": "1"}).status_code == 403
    assert leader.get(reverse("orgs:team_create")).status_code == 403


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(world, client, teams):
    for name in TEAM_URL_NAMES:
        kwargs = {"pk": teams["c1"].pk} if name in ("orgs:team", "orgs:team_edit") else None
        response = client.get(reverse(name, kwargs=kwargs))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def activity_data(world, team_pk, **extra):
    return {"org": world.c1.pk, "category": ActivityCategory.objects.get(code="ideology").pk,
            "team": team_pk, "title": "巾帼宣讲进小区", "starts_on": "2025-03-08",
            "participants": "50", **extra}


@pytest.mark.django_db
def test_an_activity_names_the_team_that_ran_it(world, login, teams):
    client = login(world.users["street_chair"])
    offered = client.get(reverse("orgs:activity_create")).context["form"].fields["team"]
    assert set(offered.queryset) == {teams["c1"], teams["c2"], teams["s1"]}
    response = client.post(reverse("orgs:activity_create"),
                           activity_data(world, teams["s1"].pk))  # the street's team
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.team == teams["s1"]
    detail = client.get(teams["s1"].get_absolute_url())
    assert [a.title for a in detail.context["page"]] == ["巾帼宣讲进小区"]
    # C2's team cannot run C1's activity (neither above nor below it).
    wrong = client.post(reverse("orgs:activity_create"), activity_data(world, teams["c2"].pk))
    assert wrong.status_code == 200 and "不能承办" in wrong.content.decode()
    assert Activity.objects.count() == 1


@pytest.mark.django_db
def test_summary_counts_the_teams_standing_and_their_members_per_kind(world, teams):
    team(world.c3, "lecturers", members=5, formed_on=datetime.date(2026, 2, 1))  # later
    items = {i.key: i for i in summary.items(world.district, Period.parse(2025))}
    lecturers = items["teams:lecturers"]
    assert lecturers.line == "ideology"
    assert sentence(lecturers).startswith("组建巾帼宣讲队3支") and "队员40人" in sentence(
        lecturers)
    # The disbanded team stood a year before, not at the period's end.
    volunteers = items["teams:volunteers"]
    assert volunteers.figure("teams").value == 1 and volunteers.figure("teams").last == 2
    assert volunteers.figure("members").value == 40
    street = {i.key: i for i in summary.items(world.s2, Period.parse(2025))}
    assert street["teams:lecturers"].figure("teams").value == 1
    assert "teams:volunteers" not in street


def test_the_demo_has_teams_of_every_kind_in_its_summary(demo):
    from orgs.models import Organization, OrgKind

    district = Organization.objects.get(kind=OrgKind.DISTRICT)
    items = {i.key for i in summary.items(district, Period.parse(timezone.localdate().year))}
    assert {f"teams:{k.code}" for k in TeamKind.objects.all()} <= items
    assert Activity.objects.filter(team__isnull=False).exists()
