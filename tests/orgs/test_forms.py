import datetime

from django.urls import reverse

from orgs.models import Organization, OrgKind, Position, Post, Term
from tests.factories import PositionFactory


def org_data(**overrides):
    data = {"code": "C9", "name": "新建社区妇联", "kind": OrgKind.COMMUNITY, "is_active": "on"}
    data.update(overrides)
    return data


def test_street_chair_creates_a_community_in_her_street(world, login):
    client = login(world.users["street_chair"])
    response = client.post(reverse("orgs:create", args=[world.s1.pk]),
                           org_data(parent=world.s1.pk))
    assert response.status_code == 302
    created = Organization.objects.get(code="C9")
    assert Organization.objects.get_parent(created).pk == world.s1.pk
    assert created.path.startswith(world.s1.path)


def test_parent_outside_scope_is_refused(world, login):
    client = login(world.users["street_chair"])
    response = client.post(reverse("orgs:create", args=[world.s1.pk]),
                           org_data(parent=world.s2.pk))
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors
    assert not Organization.objects.filter(code="C9").exists()


def test_a_community_must_hang_under_a_street(world, login):
    client = login(world.users["district_staff"])
    response = client.post(reverse("orgs:create", args=[world.district.pk]),
                           org_data(parent=world.district.pk))
    assert "parent" in response.context["form"].errors
    assert not Organization.objects.filter(code="C9").exists()


def test_duplicate_code_and_bad_numbers_are_refused(world, login):
    client = login(world.users["district_staff"])
    response = client.post(reverse("orgs:create", args=[world.s1.pk]), org_data(
        parent=world.s1.pk, code="C1", population="many", female_population="-3"))
    errors = response.context["form"].errors
    assert {"code", "population", "female_population"} <= set(errors)


def test_female_population_cannot_exceed_population(world, login):
    client = login(world.users["district_staff"])
    response = client.post(reverse("orgs:edit", args=[world.c1.pk]), org_data(
        code="C1", name="桃源社区妇联", population=100, female_population=120))
    assert "female_population" in response.context["form"].errors


def test_edit_keeps_the_tree_position(world, login):
    client = login(world.users["community_chair"])
    response = client.post(reverse("orgs:edit", args=[world.c1.pk]), org_data(
        code="C1", name="桃源社区妇女联合会", households=820, kind=OrgKind.STREET))
    assert response.status_code == 302
    world.c1.refresh_from_db()
    assert world.c1.name == "桃源社区妇女联合会" and world.c1.households == 820
    assert world.c1.kind == OrgKind.COMMUNITY  # the level kind cannot be edited away


def test_appoint_a_new_person_then_end_the_post(world, login):
    client = login(world.users["community_chair"])
    term = Term.objects.create(org=world.c1, number=2, election_date=datetime.date(2021, 6, 1),
                               starts_on=datetime.date(2021, 6, 1),
                               ends_on=datetime.date(2026, 6, 1), seats=15)
    response = client.post(reverse("orgs:position_create", args=[world.c1.pk]), {
        "new_name": "李红梅", "post": Post.VICE_CHAIR_PART, "term": term.pk,
        "joined": "added", "started_on": "2023-03-01"})
    assert response.status_code == 302
    position = Position.objects.get(person__name="李红梅")
    assert position.org == world.c1 and position.joined == "added"
    response = client.post(reverse("orgs:position_end", args=[position.pk]), {
        "ended_on": "2022-01-01", "end_reason": "工作调动"})
    assert "ended_on" in response.context["form"].errors
    client.post(reverse("orgs:position_end", args=[position.pk]), {
        "ended_on": "2024-09-30", "end_reason": "工作调动"})
    position.refresh_from_db()
    assert position.ended_on == datetime.date(2024, 9, 30) and not position.is_current
    detail = client.get(reverse("orgs:detail", args=[world.c1.pk])).content.decode()
    assert "工作调动" in detail  # history stays visible


def test_appointment_needs_a_person(world, login):
    client = login(world.users["community_chair"])
    response = client.post(reverse("orgs:position_create", args=[world.c1.pk]), {
        "post": Post.MEMBER, "joined": "elected", "started_on": "2023-03-01"})
    assert response.context["form"].non_field_errors()
    assert not Position.objects.exists()


def test_term_numbers_are_unique_per_org_and_end_after_start(world, login):
    client = login(world.users["community_chair"])
    url = reverse("orgs:term_create", args=[world.c1.pk])
    data = {"number": 3, "election_date": "2026-06-01", "starts_on": "2026-06-01",
            "ends_on": "2031-06-01", "seats": 17}
    assert client.post(url, data).status_code == 302
    again = client.post(url, data)
    assert "number" in again.context["form"].errors
    bad = client.post(url, {**data, "number": 4, "ends_on": "2020-01-01"})
    assert "ends_on" in bad.context["form"].errors
    assert Term.objects.filter(org=world.c1).count() == 1


def test_person_page_shows_post_history(world, login):
    position = PositionFactory(org=world.c1, post=Post.CHAIR)
    PositionFactory(org=world.c2, person=position.person, post=Post.MEMBER,
                    started_on=datetime.date(2016, 6, 1), ended_on=datetime.date(2021, 6, 1))
    client = login(world.users["street_chair"])
    page = client.get(reverse("orgs:person", args=[position.person_id])).content.decode()
    assert "桃源社区妇联" in page and "柳岸村妇联" in page
