"""Service sites (阵地): scoped list with totals by kind, its export, the form (refusing bad
input), the summary's sites per kind open at the period's end, the demo's sites."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from federation.kernel.periods import Period
from federation.portal.summary.register import sentence
from orgs import summary
from orgs.sites.models import Site, SiteKind
from tests.orgs.campaign_team_urls import SITE_URL_NAMES
from tests.urlwalk import walk


def site(org, kind="parent_schools", **extra):
    return Site.objects.create(kind=SiteKind.objects.get(code=kind), org=org,
                               name=extra.pop("name", f"{org.name}{kind}"), **extra)


@pytest.fixture
def sites(world):
    return {"c1": site(world.c1), "c2": site(world.c2), "c3": site(world.c3),
            "s1": site(world.s1, "mediation_rooms"),
            "gone": site(world.c1, "children_homes", name="已关闭的儿童之家",
                         opened_on=datetime.date(2020, 1, 1),
                         closed_on=datetime.date(2025, 6, 30))}


def listed(client, **params):
    response = client.get(reverse("orgs:sites"), params)
    assert response.status_code == 200
    return response


def test_the_kinds_are_seeded_with_their_units_and_lines(db):
    kinds = {k.code: k for k in SiteKind.objects.select_related("line")}
    assert len(kinds) == 10
    assert (kinds["parent_schools"].name_zh, kinds["parent_schools"].unit,
            kinds["parent_schools"].line.code) == ("家长学校", "所", "family")
    assert (kinds["mediation_rooms"].name_zh, kinds["mediation_rooms"].line.code) == (
        "婚调室", "rights")
    assert all("{value}" in k.phrase for k in kinds.values())


@pytest.mark.django_db
def test_each_role_sees_its_subtree_with_totals_by_kind(world, login, sites):
    staff = listed(login(world.users["district_staff"]))
    assert staff.context["page"].paginator.count == 4  # the closed site left out
    totals = {t["kind"].code: t["sites"] for t in staff.context["totals"]}
    assert totals == {"parent_schools": 3, "mediation_rooms": 1}
    chair = listed(login(world.users["street_chair"]))
    assert {s.name for s in chair.context["page"]} == {sites[k].name for k in ("c1", "c2",
                                                                                "s1")}
    other = listed(login(world.users["other_community_chair"]))
    assert [s.name for s in other.context["page"]] == [sites["c3"].name]
    with_gone = listed(login(world.users["community_chair"]), closed="on")
    assert with_gone.context["page"].paginator.count == 2
    by_kind = listed(login(world.users["district_staff"]),
                     kind=SiteKind.objects.get(code="mediation_rooms").pk)
    assert [s.name for s in by_kind.context["page"]] == [sites["s1"].name]
    by_org = listed(login(world.users["district_staff"]), org=world.s2.pk)
    assert [s.name for s in by_org.context["page"]] == [sites["c3"].name]


@pytest.mark.django_db
def test_list_query_count_does_not_grow(world, login, sites, django_assert_num_queries):
    client = login(world.users["district_staff"])
    listed(client)
    # session, user, her organization, kinds, totals, count, page, the filter's kinds and
    # organizations with their labels, two for the menu's permissions
    with django_assert_num_queries(12):
        assert client.get(reverse("orgs:sites")).status_code == 200
    for n in range(15):
        site(world.c3, "micro_homes", name=f"妇女微家{n}")
    with django_assert_num_queries(12):
        assert client.get(reverse("orgs:sites")).status_code == 200


@pytest.mark.django_db
def test_the_export_lists_the_filtered_sites(world, login, sites):
    client = login(world.users["street_chair"])
    response = client.get(reverse("orgs:site_export"),
                          {"kind": SiteKind.objects.get(code="parent_schools").pk})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="sites-')
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0][:3] == ("名称", "阵地类型", "组织")
    assert sorted(r[0] for r in rows[1:]) == sorted([sites["c1"].name, sites["c2"].name])
    assert all(r[1] == "家长学校" for r in rows[1:])


@pytest.mark.django_db
def test_chair_records_and_edits_a_site(world, login):
    client = login(world.users["community_chair"])
    data = {"kind": SiteKind.objects.get(code="parent_schools").pk, "org": world.c1.pk,
            "name": "桃源社区家长学校", "opened_on": "2025-03-01", "closed_on": "",
            "note": "依托社区党群服务中心"}
    response = client.post(reverse("orgs:site_create"), data)
    saved = Site.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("orgs:sites")
    assert (saved.org, saved.name, saved.opened_on) == (world.c1, "桃源社区家长学校",
                                                       datetime.date(2025, 3, 1))
    client.post(reverse("orgs:site_edit", args=[saved.pk]), {**data, "closed_on": "2026-01-31"})
    saved.refresh_from_db()
    assert saved.closed_on == datetime.date(2026, 1, 31)
    page = listed(client, closed="on").content.decode()
    assert "桃源社区家长学校" in page and "已关闭" in page


@pytest.mark.django_db
@pytest.mark.parametrize("field, value, message", [
    ("name", "", "必填"), ("kind", "", "必填"), ("opened_on", "2025-13-01", "日期"),
    ("closed_on", "2024-01-01", "关闭日期不能早于建成日期"),
    ("org", "S2", "选择"),
])
def test_bad_sites_are_refused_with_a_message(world, login, field, value, message):
    client = login(world.users["community_chair"])
    data = {"kind": SiteKind.objects.get(code="children_homes").pk, "org": world.c1.pk,
            "name": "儿童之家", "opened_on": "2025-03-01", "closed_on": "", "note": ""}
    data[field] = world.s2.pk if value == "S2" else value
    response = client.post(reverse("orgs:site_create"), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Site.objects.exists()


@pytest.mark.django_db
def test_out_of_scope_sites_are_not_found_and_leaders_only_read(world, login, sites):
    for role in ("street_chair", "community_chair"):
        assert walk(login(world.users[role]), {"orgs:site_edit": {"pk": sites["c3"].pk}}) == []
    assert walk(login(world.users["community_chair"]),
                {"orgs:site_edit": {"pk": sites["s1"].pk}}) == []
    for role in ("other_street_chair", "other_community_chair"):
        assert walk(login(world.users[role]), {"orgs:site_edit": {"pk": sites["c1"].pk}}) == []
        export = login(world.users[role]).get(reverse("orgs:site_export"))
        assert sites["c1"].name.encode() not in export.content
    leader = login(world.users["leader"])
    assert leader.get(reverse("orgs:sites")).status_code == 200
    assert leader.post(reverse("orgs:site_edit", args=[sites["c1"].pk]),
                       {"name": "x"}).status_code == 403
    assert leader.get(reverse("orgs:site_create")).status_code == 403
    assert Site.objects.get(pk=sites["c1"].pk).name == sites["c1"].name


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(world, client, sites):
    for name in SITE_URL_NAMES:
        kwargs = {"pk": sites["c1"].pk} if name == "orgs:site_edit" else None
        response = client.get(reverse(name, kwargs=kwargs))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_the_menu_and_the_teams_page_lead_to_the_sites(world, login):
    client = login(world.users["community_chair"])
    page = client.get(reverse("orgs:teams")).content.decode()
    assert page.count(f'href="{reverse("orgs:sites")}"') >= 2  # the menu and the button


@pytest.mark.django_db
def test_summary_counts_the_sites_open_per_kind_as_raw_counts(world, sites):
    site(world.c3, "parent_schools", opened_on=datetime.date(2026, 2, 1))  # later
    period = Period.parse(2025)
    items = {i.key: i for i in summary.items(world.district, period)}
    schools = items["sites:parent_schools"]
    assert schools.line == "family"
    assert sentence(schools).startswith("建成家长学校3所")
    raw = Site.objects.filter(kind__code="parent_schools").open_on(period.end).count()
    assert schools.figure("value").value == raw == 3
    # The closed home was open a year before, not at the period's end: stated as none.
    assert "sites:children_homes" not in items
    street = {i.key: i for i in summary.items(world.s2, period)}
    assert street["sites:parent_schools"].figure("value").value == 1
    assert "sites:mediation_rooms" not in street
    assert "sites:micro_homes" not in items  # no site of the kind: left out
    site(world.c2, "children_homes", opened_on=datetime.date(2025, 9, 1))
    homes = {i.key: i for i in summary.items(world.district, period)}["sites:children_homes"]
    assert (homes.figure("value").value, homes.figure("value").last) == (1, 1)
    assert ("sites:parent_schools", "服务阵地：家长学校") in summary.measures()


def test_the_demo_has_sites_in_its_summary(demo):
    from orgs.models import Organization, OrgKind

    district = Organization.objects.get(kind=OrgKind.DISTRICT)
    period = Period.parse(timezone.localdate().year)
    items = {i.key: i for i in summary.items(district, period)}
    for code in ("parent_schools", "mediation_rooms", "children_homes"):
        raw = Site.objects.filter(kind__code=code).open_on(period.end).count()
        assert raw > 0 and items[f"sites:{code}"].figure("value").value == raw
    communities = Organization.objects.filter(kind=OrgKind.COMMUNITY).count()
    schools = Site.objects.filter(kind__code="parent_schools", org__kind=OrgKind.COMMUNITY)
    assert schools.count() > communities / 2  # a 家长学校 in most communities
