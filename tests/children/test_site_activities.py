"""An activity at a child-friendly site is entered once: it is an entry of the activity log
(儿童友好), so the monthly tally's pre-fill and the year-end summary count it."""

from django.urls import reverse
from django.utils import timezone

from children.models import SiteEvent
from orgs.activities.models import Activity
from orgs.tallies.models import Indicator
from orgs.tallies.services import activity_answers
from tests.children.factories import ProjectFactory


def post_activity(client, project, **changes):
    data = {"starts_on": timezone.localdate().isoformat(), "kind": "council",
            "title": "儿童议事会：公园怎么改", "children": "24", "participants": "30"}
    return client.post(reverse("children:event_create", args=[project.pk]), data | changes)


def test_a_chair_records_a_council_at_the_site_and_it_joins_the_activity_log(world, login):
    project = ProjectFactory(org=world.c1, name="桃源儿童友好公园")
    client = login(world.users["community_chair"])
    response = post_activity(client, project)
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()

    event = SiteEvent.objects.select_related("activity__category").get()
    activity = event.activity
    assert (event.project, event.kind) == (project, "council")
    assert (activity.org, activity.category.code) == (world.c1, "child_friendly")
    assert (activity.children, activity.participants) == (24, 30)
    assert activity.place == "桃源儿童友好公园"
    assert activity.created_by == world.users["community_chair"]

    page = client.get(project.get_absolute_url()).content.decode()
    assert f'href="{activity.get_absolute_url()}"' in page and "儿童议事会：公园怎么改" in page
    log = client.get(reverse("orgs:activities"))
    assert activity in log.context["page"].object_list
    assert client.get(activity.get_absolute_url()).status_code == 200

    # The month's tally is pre-filled from it: one child-friendly activity, 24 children.
    answers = activity_answers(world.c1.pk, activity.starts_on.replace(day=1))
    counted = {code: answers.get((category, prefill)) for code, category, prefill in
               Indicator.objects.filter(code__in=["child_activities", "child_attendance"])
               .values_list("code", "category_id", "prefill")}
    assert counted == {"child_activities": 1, "child_attendance": 24}


def test_deleting_the_log_entry_removes_the_site_record(world, login):
    project = ProjectFactory(org=world.c1)
    post_activity(login(world.users["community_chair"]), project)
    Activity.objects.get().delete()
    assert not SiteEvent.objects.exists()


def test_bad_input_changes_nothing(world, login):
    project = ProjectFactory(org=world.c1)
    client = login(world.users["community_chair"])
    response = post_activity(client, project, children="40", participants="30")
    assert response.status_code == 200
    assert "参与总人数不能少于参与妇女和儿童人数之和" in response.content.decode()
    response = post_activity(client, project, children="很多")
    assert response.status_code == 200 and response.context["form"].errors["children"]
    assert not Activity.objects.exists() and not SiteEvent.objects.exists()


def test_out_of_scope_and_read_only_users_record_nothing(world, login):
    project = ProjectFactory(org=world.c1)
    assert post_activity(login(world.users["other_community_chair"]), project).status_code == 404
    assert post_activity(login(world.users["leader"]), project).status_code == 403
    assert not Activity.objects.exists() and not SiteEvent.objects.exists()
