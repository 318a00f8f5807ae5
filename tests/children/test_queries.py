"""Query counts of every list, detail page and export do not grow with the data."""

import pytest
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

PAGES = ["children:overview", "children:projects", "children:project_export",
         "children:rooms", "children:room_export", "children:rooms_due",
         "children:rooms_due_export", "children:experts", "children:expert_export",
         "children:children", "children:child_export", "children:grants",
         "children:grant_export"]  # the home page is pinned by tests/federation/test_dashboard.py


def add_data(world, n: int):
    for i in range(n):
        org = world.c1 if i % 2 else world.c3
        project = ProjectFactory(org=org)
        MilestoneFactory(project=project)
        MilestoneFactory(project=project, done_on="2025-01-01")
        room = RoomFactory(org=org)
        AssessmentFactory(room=room)
        child = ChildFactory(org=org)
        PairingFactory(child=child, manager=world.users["district_staff"])
        VisitFactory(child=child)
        GrantFactory(child=child)
    return project, room, child


@pytest.mark.parametrize("name", PAGES)
def test_list_pages_do_not_grow_with_data(world, login, name, get_page):
    client = login(world.users["district_staff"])
    add_data(world, 2)
    few = get_page(client, reverse(name), queries=20, at_most=True).queries
    add_data(world, 8)
    get_page(client, reverse(name), queries=few)


def test_detail_pages_do_not_grow_with_data(world, login, get_page):
    client = login(world.users["district_staff"])
    project, room, child = add_data(world, 1)
    urls = [reverse("children:project", args=[project.pk]),
            reverse("children:room", args=[room.pk]),
            reverse("children:child", args=[child.pk])]
    before = [get_page(client, url, queries=None).queries for url in urls]
    for _ in range(6):
        MilestoneFactory(project=project)
        AssessmentFactory(room=room)
        VisitFactory(child=child)
        GrantFactory(child=child)
        PairingFactory(child=child, manager=world.users["street_chair"])
    for url, count in zip(urls, before, strict=True):
        get_page(client, url, queries=count)
