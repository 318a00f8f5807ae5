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


def test_search_query_count_is_flat(world, login, get_page):
    for i in range(3):
        PositionFactory(org=world.c1, person__name=f"李{i}", post="member")
    client = login(world.users["district_staff"])
    # Two queries per section, whatever the hits.
    few = get_page(client, reverse("search"), params={"q": "李"}, queries=14, at_most=True)
    assert len(titles(few)) == 3
    for i in range(3, 30):
        PositionFactory(org=world.c1, person__name=f"李{i}", post="member")
    response = get_page(client, reverse("search"), params={"q": "李"}, queries=few.queries)
    assert len(titles(response)) == 20  # capped per section


def test_households_honours_projects_and_numbered_records_stay_in_scope(world, login):
    from tests.children.factories import ChildFactory, ProjectFactory
    from tests.families.factories import HonourFactory, HouseholdFactory
    from tests.rights.factories import CaseFactory

    HouseholdFactory(org=world.c1, head_name="周美华")
    HouseholdFactory(org=world.c3, head_name="周美玲")
    HonourFactory(org=world.c1, recipient__name="周家")
    ProjectFactory(org=world.c1, name="周边儿童公园")
    case = CaseFactory(org=world.c3, registered_by=world.users["district_staff"])
    child = ChildFactory(org=world.c3, name="周小明")
    street = login(world.users["street_chair"])
    assert titles(street.get(reverse("search"), {"q": "周"})) == {"周美华", "周家", "周边儿童公园"}
    assert titles(street.get(reverse("search"), {"q": case.number})) == set()
    assert titles(street.get(reverse("search"), {"q": child.record_no})) == set()
    staff = login(world.users["district_staff"])  # registered the case; sees children
    assert titles(staff.get(reverse("search"), {"q": case.number})) == {case.number}
    assert titles(staff.get(reverse("search"), {"q": child.record_no})) == {child.record_no}
    assert titles(staff.get(reverse("search"), {"q": "周小"})) == set()  # never by a child's name
    leader = login(world.users["leader"])
    assert titles(leader.get(reverse("search"), {"q": case.number})) == set()
