"""Project progress is derived (area done over planned, else milestones done), never typed."""

import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from children.models import Project
from tests.children.factories import MilestoneFactory, ProjectFactory


def test_progress_from_area(world):
    project = ProjectFactory(org=world.c1, planned_area=Decimal("2000"),
                             completed_area=Decimal("500"))
    MilestoneFactory(project=project, done_on=datetime.date(2025, 1, 1))
    assert project.progress == 25  # area wins over milestones when planned area is known
    project.completed_area = Decimal("2000")
    assert project.progress == 100


def test_progress_from_milestones_matches_the_annotated_list(world):
    project = ProjectFactory(org=world.c1)
    assert project.progress is None
    MilestoneFactory(project=project, done_on=datetime.date(2025, 1, 1))
    MilestoneFactory(project=project)
    MilestoneFactory(project=project)
    assert project.progress == 33
    annotated = Project.objects.with_progress().get(pk=project.pk)
    assert (annotated.milestones_total, annotated.milestones_done) == (3, 1)
    assert annotated.progress == 33


def test_progress_is_not_a_form_field(world, login):
    client = login(world.users["district_staff"])
    form = client.get(reverse("children:project_create")).context["form"]
    assert "progress" not in form.fields


def test_staff_creates_a_park_project_and_milestones_move_progress(world, login):
    client = login(world.users["district_staff"])
    response = client.post(reverse("children:project_create"), {
        "name": "滨江儿童公园改造", "domain": world_domain("park"), "org": world.s1.pk,
        "completed_area": "0", "spent": "0", "status": "building",
        "starts_on": "2025-03-01", "planned_end": "2025-12-31"})
    project = Project.objects.get(name="滨江儿童公园改造")
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    today = timezone.localdate().isoformat()
    for title in ("方案设计", "主体施工"):
        client.post(reverse("children:milestone_create", args=[project.pk]),
                    {"title": title, "due_on": "2025-06-01"})
    page = client.get(project.get_absolute_url())
    assert page.context["project"].progress == 0
    first = project.milestones.get(title="方案设计")
    client.post(reverse("children:milestone_edit", args=[first.pk]),
                {"title": first.title, "due_on": "2025-06-01", "done_on": today})
    page = client.get(project.get_absolute_url())
    assert page.context["project"].progress == 50
    assert 'style="width: 50%"' in page.content.decode()
    listing = client.get(reverse("children:projects"), {"q": "滨江"})
    assert [p.progress for p in listing.context["page"]] == [50]


def test_bad_input_is_refused_with_a_message(world, login):
    client = login(world.users["district_staff"])
    response = client.post(reverse("children:project_create"), {
        "name": "坏数据", "domain": world_domain("park"), "org": world.s1.pk,
        "planned_area": "100", "completed_area": "abc", "spent": "0", "status": "completed"})
    assert response.status_code == 200
    assert response.context["form"].errors
    response = client.post(reverse("children:project_create"), {
        "name": "坏数据", "domain": world_domain("park"), "org": world.s1.pk,
        "planned_area": "100", "completed_area": "300", "spent": "0", "status": "completed"})
    errors = response.context["form"].errors
    assert "completed_area" in errors and "completed_on" in errors
    assert not Project.objects.filter(name="坏数据").exists()


def test_a_chair_cannot_put_a_project_outside_her_subtree(world, login):
    client = login(world.users["community_chair"])
    response = client.post(reverse("children:project_create"), {
        "name": "越界项目", "domain": world_domain("park"), "org": world.c3.pk,
        "completed_area": "0", "spent": "0", "status": "planned"})
    assert "org" in response.context["form"].errors
    assert not Project.objects.filter(name="越界项目").exists()


def world_domain(code: str) -> int:
    from children.models import ProjectDomain

    return ProjectDomain.objects.get(code=code).pk
