"""Every orgs URL, walked as each role against objects outside that role's scope."""

import pytest
from django.urls import reverse

from orgs.models import Organization, Position
from tests.factories import PositionFactory
from tests.orgs.campaign_team_urls import CAMPAIGN_URL_NAMES, SITE_URL_NAMES, TEAM_URL_NAMES
from tests.orgs.duty_urls import DUTY_URL_NAMES
from tests.orgs.tally_urls import TALLY_URL_NAMES
from tests.urlwalk import assert_covered, walk


def org_cases(org: Organization, position: Position) -> dict:
    return {
        "orgs:list": None, "orgs:export": None, "orgs:committee_stats": None,
        "orgs:import": None, "orgs:import_template": None,
        "orgs:detail": {"pk": org.pk}, "orgs:edit": {"pk": org.pk},
        "orgs:create": {"parent_pk": org.pk}, "orgs:term_create": {"org_pk": org.pk},
        "orgs:position_create": {"org_pk": org.pk}, "orgs:position_end": {"pk": position.pk},
        "orgs:person": {"pk": position.person_id},
        "orgs:person_edit": {"pk": position.person_id},
    }


@pytest.mark.parametrize("role, target", [
    ("street_chair", "c3"), ("street_chair", "s2"), ("street_chair", "district"),
    ("community_chair", "c2"), ("community_chair", "s1"),
    ("other_community_chair", "c1"), ("other_street_chair", "h1"),
])
def test_out_of_scope_objects_are_not_found(world, login, role, target):
    org = getattr(world, target)
    cases = org_cases(org, PositionFactory(org=org))
    assert_covered("orgs", {**cases, **dict.fromkeys(TALLY_URL_NAMES),
                            **dict.fromkeys(DUTY_URL_NAMES),
                            **dict.fromkeys(CAMPAIGN_URL_NAMES + TEAM_URL_NAMES),
                            **dict.fromkeys(SITE_URL_NAMES)})
    assert walk(login(world.users[role]), cases) == []


def test_leader_reads_everything_but_writes_nothing(world, login):
    position = PositionFactory(org=world.c3)
    client = login(world.users["leader"])
    assert client.get(reverse("orgs:detail", args=[world.c3.pk])).status_code == 200
    assert client.get(reverse("orgs:person", args=[position.person_id])).status_code == 200
    for name, kwargs in org_cases(world.c3, position).items():
        if name in ("orgs:list", "orgs:export", "orgs:committee_stats", "orgs:detail",
                    "orgs:person"):
            continue
        assert client.post(reverse(name, kwargs=kwargs)).status_code == 403, name


def test_anonymous_is_sent_to_login(world, client):
    position = PositionFactory(org=world.c1)
    for name, kwargs in org_cases(world.c1, position).items():
        response = client.get(reverse(name, kwargs=kwargs))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name


def test_street_chair_sees_only_her_street(world, login):
    client = login(world.users["street_chair"])
    page = client.get(reverse("orgs:list")).content.decode()
    assert "东湖街道妇联" in page and "桃源社区妇联" in page and "柳岸村妇联" in page
    assert "西城街道妇联" not in page and "青云社区妇联" not in page and "示范区妇联" not in page
    found = client.get(reverse("orgs:list"), {"q": "青云"}).content.decode()
    assert "青云社区妇联" not in found
    assert client.get(reverse("orgs:list"), {"q": "C3"}).context["page"].paginator.count == 0
    home = client.get(reverse("home"))
    assert home.context["headline"]["streets"] == 1
    assert home.context["headline"]["communities"] == 2


def test_breadcrumbs_stop_at_the_users_scope(world, login):
    client = login(world.users["street_chair"])
    response = client.get(reverse("orgs:detail", args=[world.h1.pk]))
    assert [o.code for o in response.context["breadcrumbs"]] == ["S1", "C1"]


def test_district_staff_sees_the_whole_tree(world, login):
    client = login(world.users["district_staff"])
    assert client.get(reverse("orgs:list")).context["page"].paginator.count == 7
    assert client.get(reverse("orgs:detail", args=[world.c3.pk])).status_code == 200


def test_export_holds_only_the_scope(world, login):
    import io

    from openpyxl import load_workbook

    client = login(world.users["community_chair"])
    response = client.get(reverse("orgs:export"))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == ["C1", "H1"]


def test_org_pickers_offer_the_users_subtree_labelled_by_the_tree(world):
    from orgs.activities.forms import ActivityForm
    from orgs.users.forms import UserForm

    form = ActivityForm(user=world.users["street_chair"])
    field = form.fields["org"]
    assert list(field.queryset) == [world.s1, world.c1, world.c2]  # by the tree (path)
    labels = [label for _value, label in list(field.choices)[1:]]
    assert labels == ["东湖街道妇联", "东湖街道妇联 › 桃源社区妇联", "东湖街道妇联 › 柳岸村妇联"]
    assert field.widget.attrs["data-org-picker"] == "true"
    district = ActivityForm(user=world.users["district_staff"]).fields["org"]
    assert world.c3 in district.queryset and world.district in district.queryset
    users = UserForm(manager=world.users["street_chair"]).fields["org"].queryset
    assert world.c3 not in users and world.c1 in users


def test_the_saved_organization_is_checked_again_after_validation(world):
    from orgs.activities.forms import ActivityForm
    from orgs.activities.models import ActivityCategory

    data = {"org": world.c1.pk, "category": ActivityCategory.objects.first().pk,
            "title": "宣讲", "starts_on": "2025-03-01"}
    form = ActivityForm(data, user=world.users["community_chair"])
    assert form.is_valid(), form.errors
    data["org"] = world.c3.pk
    form = ActivityForm(data, user=world.users["community_chair"])
    form.fields["org"].queryset = type(world.c1).objects.all()  # a form that widened it
    assert not form.is_valid() and "org" in form.errors
