"""Every page renders for district staff with some data (a crash net under the feature tests)."""

from django.urls import reverse

from tests.children.factories import (
    AssessmentFactory,
    ChildFactory,
    GrantFactory,
    MilestoneFactory,
    PairingFactory,
    ProjectFactory,
    RoomFactory,
    VisitFactory,
)


def test_every_page_renders(world, login):
    project = ProjectFactory(org=world.c1)
    MilestoneFactory(project=project)
    room = RoomFactory(org=world.c1)
    AssessmentFactory(room=room)
    child = ChildFactory(org=world.c1)
    PairingFactory(child=child, manager=world.users["district_staff"])
    VisitFactory(child=child)
    GrantFactory(child=child)
    client = login(world.users["district_staff"])
    for name, kwargs in [
        ("children:overview", {}), ("children:projects", {}), ("children:project_export", {}),
        ("children:project_create", {}), ("children:project", {"pk": project.pk}),
        ("children:project_edit", {"pk": project.pk}),
        ("children:milestone_create", {"project_pk": project.pk}),
        ("children:rooms", {}), ("children:room_export", {}), ("children:rooms_due", {}),
        ("children:rooms_due_export", {}), ("children:room_create", {}),
        ("children:room", {"pk": room.pk}), ("children:assessment_create", {"room_pk": room.pk}),
        ("children:experts", {}), ("children:expert_export", {}), ("children:expert_create", {}),
        ("children:children", {}), ("children:child_export", {}), ("children:child_create", {}),
        ("children:child", {"pk": child.pk}), ("children:child_edit", {"pk": child.pk}),
        ("children:pairing_create", {"child_pk": child.pk}),
        ("children:visit_create", {"child_pk": child.pk}),
        ("children:grant_create", {"child_pk": child.pk}),
        ("children:grants", {}), ("children:grant_export", {}), ("home", {}),
    ]:
        response = client.get(reverse(name, kwargs=kwargs))
        assert response.status_code == 200, name
