from django.urls import reverse

from tests.factories import PositionFactory


def titles(response):
    return {hit.label for section in response.context["sections"] for hit in section.hits}


def test_search_stays_inside_the_scope(world, login):
    PositionFactory(org=world.c1, person__name="王秀英", post="chair")
    PositionFactory(org=world.c3, person__name="王秀兰", post="chair")
    street = login(world.users["street_chair"])
    assert titles(street.get(reverse("search"), {"q": "王秀"})) == {"王秀英"}
    assert titles(street.get(reverse("search"), {"q": "社区"})) == {"桃源社区妇联"}
    assert titles(street.get(reverse("search"), {"q": "C3"})) == set()
    district = login(world.users["district_staff"])
    assert titles(district.get(reverse("search"), {"q": "王秀"})) == {"王秀英", "王秀兰"}
    assert titles(district.get(reverse("search"), {"q": "c3"})) == {"青云社区妇联"}


def test_search_query_count_is_flat(world, login, django_assert_max_num_queries):
    for i in range(30):
        PositionFactory(org=world.c1, person__name=f"李{i}", post="member")
    client = login(world.users["district_staff"])
    with django_assert_max_num_queries(8):
        response = client.get(reverse("search"), {"q": "李"})
    assert len(titles(response)) == 20  # capped per section
