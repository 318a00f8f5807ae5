"""Every children URL, walked as each role against objects outside that role's scope."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from children.models import ProjectFile
from tests.children.factories import (
    AssessmentFactory,
    ChildFactory,
    ExpertFactory,
    GrantFactory,
    MilestoneFactory,
    PairingFactory,
    ProjectFactory,
    RoomFactory,
)
from tests.urlwalk import assert_covered, walk

LISTS = ["children:overview", "children:projects", "children:project_export",
         "children:project_create", "children:rooms", "children:room_export",
         "children:rooms_due", "children:rooms_due_export", "children:room_create",
         "children:experts", "children:expert_export", "children:expert_create",
         "children:children", "children:child_export", "children:child_create",
         "children:grants", "children:grant_export"]


def build(org, manager):
    project = ProjectFactory(org=org)
    milestone = MilestoneFactory(project=project)
    upload = ProjectFile(project=project, kind="photo", title="照片", size=4)
    upload.file.save("a.png", ContentFile(b"\x89PNG\r\n\x1a\n"), save=True)
    room = RoomFactory(org=org)
    AssessmentFactory(room=room)
    expert = ExpertFactory(org=org)
    child = ChildFactory(org=org)
    pairing = PairingFactory(child=child, manager=manager)
    GrantFactory(child=child)
    return project, milestone, upload, room, expert, child, pairing


def cases(project, milestone, upload, room, expert, child, pairing) -> dict:
    result = dict.fromkeys(LISTS)
    result.update({
        "children:project": {"pk": project.pk}, "children:project_edit": {"pk": project.pk},
        "children:milestone_create": {"project_pk": project.pk},
        "children:milestone_edit": {"pk": milestone.pk},
        "children:milestone_delete": {"pk": milestone.pk},
        "children:file_delete": {"pk": upload.pk},
        "children:file_upload": {"project_pk": project.pk}, "children:file": {"pk": upload.pk},
        "children:event_create": {"project_pk": project.pk},
        "children:room": {"pk": room.pk}, "children:room_edit": {"pk": room.pk},
        "children:assessment_create": {"room_pk": room.pk},
        "children:expert_edit": {"pk": expert.pk},
        "children:child": {"pk": child.pk}, "children:child_edit": {"pk": child.pk},
        "children:pairing_create": {"child_pk": child.pk},
        "children:pairing_edit": {"pk": pairing.pk},
        "children:visit_create": {"child_pk": child.pk},
        "children:grant_create": {"child_pk": child.pk},
    })
    return result


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize("role, target", [
    ("street_chair", "c3"), ("street_chair", "s2"), ("street_chair", "district"),
    ("community_chair", "c2"), ("community_chair", "s1"),
    ("other_community_chair", "c1"), ("other_street_chair", "h1"),
])
def test_out_of_scope_objects_are_not_found(world, login, role, target):
    objects = build(getattr(world, target), world.users["district_staff"])
    walk_cases = cases(*objects)
    assert_covered("children", walk_cases)
    assert walk(login(world.users[role]), walk_cases) == []


def test_leader_reads_projects_and_rooms_but_writes_nothing_and_sees_no_child(world, login):
    objects = build(world.c3, world.users["district_staff"])
    client = login(world.users["leader"])
    readable = {"children:overview", "children:projects", "children:project_export",
                "children:rooms", "children:room_export", "children:rooms_due",
                "children:rooms_due_export", "children:experts", "children:expert_export",
                "children:project", "children:room", "children:file"}
    for name, kwargs in cases(*objects).items():
        url = reverse(name, kwargs=kwargs or {})
        expected = 200 if name in readable else 405 if name.endswith("_delete") else 403
        assert client.get(url).status_code == expected, name
        if name not in readable:
            assert client.post(url).status_code == 403, name


def test_in_scope_objects_open_for_the_chair(world, login):
    objects = build(world.c1, world.users["district_staff"])
    client = login(world.users["street_chair"])
    for name, kwargs in cases(*objects).items():
        if name.endswith(("export", "_delete")) or name == "children:file":
            continue
        assert client.get(reverse(name, kwargs=kwargs or {})).status_code == 200, name


def test_lists_hold_only_the_scope(world, login):
    build(world.c1, world.users["district_staff"])
    build(world.c3, world.users["district_staff"])
    client = login(world.users["community_chair"])
    for name in ("children:projects", "children:rooms", "children:children",
                 "children:grants"):
        assert client.get(reverse(name)).context["page"].paginator.count == 1, name
    experts = client.get(reverse("children:experts")).context["page"]
    assert {e.org_id for e in experts} == {world.c1.pk}
    staff = login(world.users["district_staff"])
    assert staff.get(reverse("children:projects")).context["page"].paginator.count == 2
    filtered = staff.get(reverse("children:projects"), {"org": world.s2.pk})
    assert filtered.context["page"].paginator.count == 1


def test_anonymous_is_sent_to_login(world, client):
    for name, kwargs in cases(*build(world.c1, world.users["district_staff"])).items():
        method = client.post if name.endswith("_delete") else client.get
        response = method(reverse(name, kwargs=kwargs or {}))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name


def test_chairs_pick_district_experts_but_edit_only_their_own(world, login):
    district_expert = ExpertFactory(org=world.district, name="区级专家")
    own = ExpertFactory(org=world.c1)
    other = ExpertFactory(org=world.c3)
    client = login(world.users["community_chair"])
    page = client.get(reverse("children:experts"))
    assert {e.pk for e in page.context["page"]} == {district_expert.pk, own.pk}
    html = page.content.decode()  # only her own expert is a link to the edit page
    assert reverse("children:expert_edit", args=[own.pk]) in html
    assert reverse("children:expert_edit", args=[district_expert.pk]) not in html
    room = RoomFactory(org=world.c1)
    form = client.get(reverse("children:assessment_create", args=[room.pk])).context["form"]
    assert set(form.fields["expert"].queryset) == {district_expert, own}
    assert client.get(reverse("children:expert_edit", args=[district_expert.pk])).status_code == 404
    assert client.get(reverse("children:expert_edit", args=[own.pk])).status_code == 200
    assert client.get(reverse("children:expert_edit", args=[other.pk])).status_code == 404
