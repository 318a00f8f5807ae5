"""Tree queries are single SQL queries whose count does not grow with the tree."""

import datetime

from django.urls import reverse

from orgs import figures
from orgs.models import Organization, OrgKind, Position, Post
from tests.factories import OrganizationFactory, PositionFactory


def grow(world, streets: int, communities: int):
    for _ in range(streets):
        street = OrganizationFactory(parent=world.district, kind=OrgKind.STREET)
        for _ in range(communities):
            community = OrganizationFactory(parent=street, kind=OrgKind.COMMUNITY)
            PositionFactory(org=community, post=Post.CHAIR)
            PositionFactory(org=community, post=Post.MEMBER)
        world.district.refresh_from_db()


def test_subtree_and_ancestors_are_one_query_each(world, django_assert_num_queries):
    grow(world, 3, 3)
    with django_assert_num_queries(1):
        assert len(list(Organization.objects.within(world.s1))) == 4
    leaf = Organization.objects.get(code="H1")
    with django_assert_num_queries(1):
        assert [o.code for o in leaf.ancestors] == ["D", "S1", "C1"]


def test_committee_counts_are_one_query_whatever_the_size(world, django_assert_num_queries):
    grow(world, 2, 2)
    with django_assert_num_queries(1):
        small = figures.committee_counts(world.district)
    grow(world, 4, 5)
    with django_assert_num_queries(1):
        large = figures.committee_counts(world.district)
    assert small[("community", Post.CHAIR)] == 4
    assert large[("community", Post.CHAIR)] == 24
    assert large[("community", Post.MEMBER)] == 24


def test_ended_positions_are_history_not_counts(world):
    current = PositionFactory(org=world.c1, post=Post.CHAIR)
    PositionFactory(org=world.c1, post=Post.CHAIR, ended_on=datetime.date(2023, 1, 1))
    counts = figures.post_totals(world.district)
    assert counts[Post.CHAIR] == 1
    assert Position.objects.filter(org=world.c1).count() == 2
    assert current.is_current


def test_scope_headline(world):
    PositionFactory(org=world.c1, post=Post.CHAIR)
    PositionFactory(org=world.c2, post=Post.VICE_CHAIR_FULL)
    PositionFactory(org=world.c3, post=Post.VICE_CHAIR_PART)
    PositionFactory(org=world.c3, post=Post.DELEGATE)
    headline = figures.scope_headline(world.district)
    assert headline == {"streets": 2, "communities": 3, "other_orgs": 1, "chairs": 1,
                        "vice_chairs_full": 1, "vice_chairs_part": 1, "committee_members": 3}


def test_pages_do_not_grow_queries_with_the_tree(world, login, get_page):
    client = login(world.users["district_staff"])
    pages = [reverse("orgs:list"), reverse("orgs:detail", args=[world.district.pk]),
             reverse("orgs:committee_stats")]
    grow(world, 2, 3)
    small = [get_page(client, url, queries=12, at_most=True).queries for url in pages]
    grow(world, 5, 8)
    for url, count in zip(pages, small, strict=True):
        get_page(client, url, queries=count)
