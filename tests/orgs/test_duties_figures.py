"""The committee's figures (orgs.duties.figures) against raw counts, the yearly review, the
members with nothing recorded, the summary's sentence, and the pages' query counts."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from orgs.duties import figures
from orgs.duties.models import Duty, DutyKind, RequestStatus, ReviewWeights, VoiceRequest
from orgs.models import Post
from tests.factories import PersonFactory, PositionFactory
from tests.orgs.factories import DutyFactory, voice_request

YEAR = timezone.localdate().year
START, END = datetime.date(YEAR, 1, 1), datetime.date(YEAR, 12, 31)


def on(month, day=10):
    return datetime.date(YEAR, month, day)


@pytest.fixture
def committee(world):
    """C1: three members (one idle), one delegate; C2: one member; C3: two members."""
    people = {}
    for key, org, post in [("a", world.c1, Post.MEMBER), ("b", world.c1, Post.CHAIR),
                           ("idle", world.c1, Post.MEMBER), ("delegate", world.c1, Post.DELEGATE),
                           ("c2", world.c2, Post.MEMBER), ("c3", world.c3, Post.MEMBER),
                           ("c3b", world.c3, Post.STANDING)]:
        person = PersonFactory(org=org, name=f"执委{key}")
        PositionFactory(org=org, person=person, post=post)
        people[key] = person
    kinds = {k.code: k for k in DutyKind.objects.all()}
    DutyFactory(person=people["a"], kind=kinds["contact"], done_on=on(2), women_reached=5)
    DutyFactory(person=people["a"], kind=kinds["meeting"], done_on=on(3), women_reached=0)
    answered = voice_request(DutyFactory(person=people["a"], done_on=on(4), women_reached=2))
    answered.status = RequestStatus.ANSWERED
    answered.save()
    DutyFactory(person=people["b"], kind=kinds["lecture"], done_on=on(5), women_reached=40)
    voice_request(DutyFactory(person=people["c2"], done_on=on(6), women_reached=1))
    case = voice_request(DutyFactory(person=people["c3"], done_on=on(7), women_reached=3))
    case.status = RequestStatus.CASE
    case.save()
    DutyFactory(person=people["c3"], kind=kinds["contact"], done_on=on(8), women_reached=7)
    # Last year and the delegate's do not count this year / as a member's.
    DutyFactory(person=people["c3b"], kind=kinds["contact"],
                done_on=datetime.date(YEAR - 1, 6, 1), women_reached=99)
    return people


def raw(world, org):
    """The same figures from plain loops over the rows, for comparison."""
    duties = [d for d in Duty.objects.select_related("org", "kind")
              if d.org.path.startswith(org.path) and START <= d.done_on <= END]
    requests = [r for r in VoiceRequest.objects.select_related("org", "duty")
                if r.org.path.startswith(org.path) and START <= r.duty.done_on <= END]
    return {"duties": len(duties), "women_reached": sum(d.women_reached for d in duties),
            "meetings": sum(d.kind.code == "meeting" for d in duties),
            "active": len({d.person_id for d in duties}),
            "requests": len(requests),
            "answered": sum(r.status in ("answered", "case") for r in requests)}


def test_committee_figures_match_raw_counts(world, committee, django_assert_num_queries):
    with django_assert_num_queries(4):
        district = figures.committee_figures(world.district, START, END)
    expected = raw(world, world.district)
    assert {k: district[k] for k in expected} == expected
    assert district["members"] == 6  # the delegate is not an executive member
    assert district["active"] == 4 and district["active_share"] == 67
    assert district["by_kind"]["voice"] == 3 and district["by_kind"]["contact"] == 2
    assert district["requests"] == 3 and district["answered"] == 2
    assert district["answer_rate"] == 67
    c1 = figures.committee_figures(world.c1, START, END)
    assert {k: c1[k] for k in expected} == raw(world, world.c1)
    assert c1["members"] == 3 and c1["active"] == 2


def test_by_street_matches_the_subtrees(world, committee, django_assert_num_queries):
    with django_assert_num_queries(4):
        rows = figures.by_street(world.district, START, END)
    assert [row["org"] for row in rows] == [world.s1, world.s2]
    for row in rows:
        direct = figures.committee_figures(row["org"], START, END)
        for key in ("members", "active", "duties", "women_reached", "requests", "answered",
                    "answer_rate", "active_share"):
            assert row[key] == direct[key], (row["org"], key)


def test_summary_figures_state_the_sentence(world, committee):
    result = figures.summary_figures(world.district, START, END)
    assert result["text"] == ("全区6名执委中4名全年履职7次，联系服务妇女58人次，"
                              "反映社情民意3条，办结率67%")
    assert result["streets"][0]["org"] == world.s1
    assert figures.about(12345) == "1.2万余" and figures.about(20000) == "2万"
    assert figures.about(3446) == "3446"


def test_summary_leaves_a_zero_out(world):
    person = PersonFactory(org=world.c1)
    PositionFactory(org=world.c1, person=person)
    DutyFactory(person=person, done_on=on(2), women_reached=0)
    text = figures.summary_figures(world.district, START, END)["text"]
    assert text == "全区1名执委全年履职1次"
    assert figures.summary_figures(world.s2, START, END)["text"] == ""


def test_review_rows_match_raw_counts(world, committee, django_assert_num_queries):
    weights = ReviewWeights.current()
    weights.per_woman, weights.per_request, weights.per_answer = (
        Decimal("0.5"), Decimal("2"), Decimal("1"))
    weights.save()
    with django_assert_num_queries(2):  # the kinds, the rows
        rows = {p.name: p for p in figures.review(
            figures.people_in(world.district, START, END), START, END, weights)}
    a = rows["执委a"]
    assert (a.duties_n, a.women, a.requests, a.answered, a.n_meeting) == (3, 7, 1, 1, 1)
    points = sum(d.kind.weight for d in Duty.objects.filter(person=committee["a"]))
    assert a.points == points
    assert a.score == points + Decimal("0.5") * 7 + 2 + 1
    assert rows["执委idle"].duties_n == 0 and rows["执委idle"].score == 0
    assert "执委delegate" not in rows
    assert rows["执委c3b"].duties_n == 0  # last year's duty does not count


def test_idle_members_per_street(world, committee):
    assert set(figures.idle(world.district, START, END).values_list("name", flat=True)) == {
        "执委idle", "执委c3b"}
    rows = {row["org"].code: row for row in figures.idle_by_street(world.district, START, END)}
    assert rows["S1"]["idle"] == 1 and rows["S1"]["members"] == 4
    assert rows["S2"]["idle"] == 1


def test_review_page_figures_and_query_count(world, committee, login, django_assert_num_queries):
    client = login(world.users["district_admin"])
    client.get(reverse("orgs:duty_review"))  # warm the session and the site's caches
    with django_assert_num_queries(13):
        response = client.get(reverse("orgs:duty_review"), {"year": YEAR})
    assert response.status_code == 200
    text = response.content.decode()
    assert "执委a" in text and "执委delegate" not in text
    assert text.index("执委b") < text.index("执委idle")  # best score first


def test_review_query_count_does_not_grow_with_members(world, committee, login,
                                                       django_assert_num_queries):
    for i in range(15):
        person = PersonFactory(org=world.c2, name=f"新执委{i}")
        PositionFactory(org=world.c2, person=person)
        DutyFactory(person=person, done_on=on(2))
    client = login(world.users["district_admin"])
    client.get(reverse("orgs:duty_review"))
    with django_assert_num_queries(13):
        assert client.get(reverse("orgs:duty_review"), {"year": YEAR}).status_code == 200


def test_duty_list_query_count(world, committee, login, django_assert_num_queries):
    client = login(world.users["street_chair"])
    client.get(reverse("orgs:duties"))
    with django_assert_num_queries(6):
        response = client.get(reverse("orgs:duties"))
    assert response.status_code == 200
    assert response.content.decode().count('class="list-group-item list-group-item-action"') == 5


def test_member_list_query_count(world, member, login, django_assert_num_queries):
    for month in range(1, 6):
        DutyFactory(person=member.person, done_on=on(month))
    client = login(member)
    client.get(reverse("orgs:duties"))
    with django_assert_num_queries(5):
        response = client.get(reverse("orgs:duties"))
    assert response.status_code == 200 and "list-group-item-action" in response.content.decode()


def test_idle_page(world, committee, login):
    response = login(world.users["district_staff"]).get(reverse("orgs:duty_idle"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "执委idle" in text and "执委a" not in text
    assert "东湖街道妇联" in text


def test_bad_review_input_is_not_an_error(world, committee, login):
    client = login(world.users["district_staff"])
    assert client.get(reverse("orgs:duty_review"), {"year": "abc", "org": "x"}).status_code == 200


def test_summary_items_carry_the_same_figures(world, committee):
    from federation.kernel.periods import Period

    items = figures.summary_items(world.district, Period(YEAR))
    assert len(items) == 1
    values = {f.key: f.value for f in items[0].figures}
    direct = figures.committee_figures(world.district, START, END)
    assert values == {k: direct[k] for k in values}
    assert items[0].phrase.startswith("全区{members}执委全年履职{duties}")
    assert {f.key: f.last for f in items[0].figures}["duties"] == 1  # last year's one
    assert figures.summary_items(world.s2, Period(YEAR - 3)) == []


def test_year_and_last_agree_with_committee_figures(world, committee,
                                                    django_assert_num_queries):
    with django_assert_num_queries(2):
        this, last = figures.year_and_last(world.district, YEAR)
    for values, year in ((this, YEAR), (last, YEAR - 1)):
        direct = figures.committee_figures(world.district, datetime.date(year, 1, 1),
                                           datetime.date(year, 12, 31))
        assert values == {k: direct[k] for k in values}, year
    assert last["duties"] == 1 and last["active"] == 1


def test_request_list_query_count(world, member, login, django_assert_num_queries):
    for month in range(1, 5):
        voice_request(DutyFactory(person=member.person, done_on=on(month)))
    client = login(world.users["district_staff"])
    client.get(reverse("orgs:duty_requests"))
    with django_assert_num_queries(7):  # 5, and the menu's two permission queries for staff
        response = client.get(reverse("orgs:duty_requests"))
    assert response.status_code == 200
    assert response.content.decode().count("小区缺少托育点") == 4
