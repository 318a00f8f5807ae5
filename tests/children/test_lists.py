"""List filters (domain, status, organization subtree, year, text) and pagination."""

import datetime

from django.urls import reverse
from django.utils import timezone

from children.models import ProjectDomain
from tests.children.factories import ChildFactory, ProjectFactory


def ids(response) -> set[int]:
    return {p.pk for p in response.context["page"]}


def test_project_filters(world, login):
    park = ProjectFactory(org=world.c1, name="桃源儿童公园", status="building",
                          starts_on=datetime.date(2023, 3, 1))
    school = ProjectFactory(org=world.c3, name="青云通学路",
                            domain=ProjectDomain.objects.get(code="school_route"),
                            status="completed", starts_on=datetime.date(2022, 1, 1),
                            completed_on=datetime.date(2022, 12, 1), lead_unit="区教育局")
    client = login(world.users["district_staff"])
    url = reverse("children:projects")
    assert ids(client.get(url)) == {park.pk, school.pk}
    assert ids(client.get(url, {"domain": school.domain_id})) == {school.pk}
    assert ids(client.get(url, {"status": "building"})) == {park.pk}
    assert ids(client.get(url, {"org": world.s1.pk})) == {park.pk}
    assert ids(client.get(url, {"q": "教育局"})) == {school.pk}
    this_year = timezone.localdate().year
    assert ids(client.get(url, {"year": this_year})) == {park.pk}  # the road was finished
    assert ids(client.get(url, {"year": 2022})) == {school.pk}


def test_a_chair_cannot_filter_by_an_organization_outside_her_scope(world, login):
    ProjectFactory(org=world.c3)
    client = login(world.users["street_chair"])
    response = client.get(reverse("children:projects"), {"org": world.s2.pk})
    assert response.status_code == 400 and "page" not in response.context
    choices = set(client.get(reverse("children:projects")).context["filter"].form
                  .fields["org"].queryset)
    assert choices == {world.s1, world.c1, world.c2}


def test_lists_are_paginated(world, login):
    for _ in range(35):
        ProjectFactory(org=world.c1)
    for _ in range(31):
        ChildFactory(org=world.c1)
    client = login(world.users["district_staff"])
    page = client.get(reverse("children:projects"), {"page": 2}).context["page"]
    assert page.number == 2 and len(page.object_list) == 5
    page = client.get(reverse("children:children"), {"page": 2}).context["page"]
    assert len(page.object_list) == 1
