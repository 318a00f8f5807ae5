"""Every activity and tally URL, walked as each role against objects outside its scope."""

import datetime

import pytest
from django.urls import reverse

from orgs.activities.models import Activity, ActivityAttachment
from orgs.models import Organization
from orgs.tallies.models import Tally
from tests.factories import PositionFactory
from tests.orgs.campaign_team_urls import CAMPAIGN_URL_NAMES, SITE_URL_NAMES, TEAM_URL_NAMES
from tests.orgs.duty_urls import DUTY_URL_NAMES
from tests.orgs.factories import ActivityFactory, TallyFactory, put
from tests.orgs.tally_urls import TALLY_URL_NAMES
from tests.orgs.test_scoping import org_cases
from tests.urlwalk import assert_covered, walk


def cases(org: Organization, activity: Activity, attachment: ActivityAttachment,
          tally: Tally) -> dict:
    month = {"org_pk": org.pk, "year": tally.month.year, "month": tally.month.month}
    return {
        "orgs:activities": None, "orgs:activity_export": None, "orgs:activity_create": None,
        "orgs:activity": {"pk": activity.pk}, "orgs:activity_edit": {"pk": activity.pk},
        "orgs:attachment": {"pk": attachment.pk},
        "orgs:attachment_delete": {"pk": attachment.pk},
        "orgs:tallies": None, "orgs:tally": month, "orgs:tally_review": month,
        "orgs:tally_unlock": month, "orgs:tally_history": month,
        "orgs:tally_download": None, "orgs:tally_upload": None, "orgs:completeness": None,
        "orgs:completeness_grid": None, "orgs:rollup": None, "orgs:rollup_export": None,
        "orgs:targets": None, "orgs:indicators": None,
    }


#: Not object-specific (the walk skips them) but they need arguments to be reversed.
FIXED_KWARGS = {"orgs:tally_download": {"year": 2025, "month": 3}}


def url(name, kwargs):
    return reverse(name, kwargs=kwargs or FIXED_KWARGS.get(name))


def objects(org, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    activity = ActivityFactory(org=org)
    attachment = ActivityAttachment.objects.create(
        activity=activity, file="activities/x.png", original_name="x.png",
        content_type="image/png", size=1)
    (tmp_path / "activities").mkdir(exist_ok=True)
    (tmp_path / "activities" / "x.png").write_bytes(b"x")
    tally = put(TallyFactory(org=org, state="submitted"), lectures=2)
    return activity, attachment, tally


@pytest.mark.parametrize("role, target", [
    ("street_chair", "c3"), ("street_chair", "s2"),
    ("community_chair", "c2"), ("community_chair", "s1"),
    ("other_community_chair", "c1"), ("other_street_chair", "c1"), ("other_street_chair", "s1"),
])
def test_out_of_scope_objects_are_not_found(world, login, role, target, tmp_path, settings):
    org = getattr(world, target)
    walk_cases = cases(org, *objects(org, tmp_path, settings))
    assert set(walk_cases) == set(TALLY_URL_NAMES)
    assert_covered("orgs", {**walk_cases, **org_cases(org, PositionFactory(org=org)),
                            **dict.fromkeys(DUTY_URL_NAMES),
                            **dict.fromkeys(CAMPAIGN_URL_NAMES),
                            **dict.fromkeys(TEAM_URL_NAMES),
                            **dict.fromkeys(SITE_URL_NAMES)})
    assert walk(login(world.users[role]), walk_cases) == []


def test_leader_reads_but_writes_nothing(world, login, tmp_path, settings):
    activity, attachment, tally = objects(world.c3, tmp_path, settings)
    client = login(world.users["leader"])
    read = ["orgs:activities", "orgs:activity_export", "orgs:activity", "orgs:attachment",
            "orgs:tallies", "orgs:tally", "orgs:tally_history", "orgs:completeness",
            "orgs:completeness_grid", "orgs:rollup", "orgs:rollup_export", "orgs:targets",
            "orgs:indicators"]
    for name, kwargs in cases(world.c3, activity, attachment, tally).items():
        if name in read:
            assert client.get(url(name, kwargs)).status_code == 200, name
        else:
            assert client.post(url(name, kwargs)).status_code in (403, 405), name
    assert Tally.objects.get().state == "submitted" and ActivityAttachment.objects.exists()


def test_anonymous_is_sent_to_login(world, client, tmp_path, settings):
    for name, kwargs in cases(world.c1, *objects(world.c1, tmp_path, settings)).items():
        response = client.get(url(name, kwargs))
        if name in ("orgs:attachment_delete", "orgs:tally_review"):  # POST only
            assert response.status_code == 405
            continue
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name


def test_each_role_sees_only_its_subtree_in_lists(world, login):
    for org in (world.c1, world.c2, world.c3):
        ActivityFactory(org=org, title=f"活动{org.code}")
        TallyFactory(org=org, month=datetime.date(2025, 3, 1), state="submitted")
    expected = {"district_staff": 3, "leader": 3, "street_chair": 2, "community_chair": 1,
                "other_street_chair": 1, "other_community_chair": 1}
    for role, count in expected.items():
        client = login(world.users[role])
        assert client.get(reverse("orgs:activities")).context["page"].paginator.count == count
        awaiting = client.get(reverse("orgs:tallies")).context["awaiting"]
        assert len(awaiting) == {"street_chair": 2, "other_street_chair": 1}.get(role, 0), role
