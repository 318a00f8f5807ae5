"""Nursing rooms: required area by place size, assessments and the re-assessment list."""

import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from children.models import Assessment, Facility, NursingRoom, RoomAreaRule
from tests.children.factories import AssessmentFactory, ExpertFactory, RoomFactory


def test_reference_lists_are_seeded(db):
    assert Facility.objects.filter(required=True).count() == 10
    assert set(Facility.objects.filter(required=False).values_list("code", flat=True)) == {
        "air_conditioning", "nappy_vending", "call_button"}
    assert RoomAreaRule.objects.get(code="large_place").min_room_area == 10


def test_required_area_depends_on_the_place(world):
    big_mall = RoomFactory(org=world.c1, place_area=20000, daily_visitors=3000, area=8)
    busy_station = RoomFactory(org=world.c1, place_area=2000, daily_visitors=15000, area=12)
    small_shop = RoomFactory(org=world.c1, place_area=3000, daily_visitors=500, area=5)
    ok_small = RoomFactory(org=world.c1, place_area=None, daily_visitors=None, area=6)
    rooms = {r.pk: r for r in NursingRoom.objects.with_requirement()}
    assert rooms[big_mall.pk].required_area == 10 and rooms[big_mall.pk].below_standard
    assert rooms[busy_station.pk].required_area == 10
    assert not rooms[busy_station.pk].below_standard
    assert rooms[small_shop.pk].required_area == 6 and rooms[small_shop.pk].below_standard
    assert rooms[ok_small.pk].required_area == 6 and not rooms[ok_small.pk].below_standard


def test_thresholds_are_configurable(world):
    room = RoomFactory(org=world.c1, place_area=6000, daily_visitors=100, area=8)
    assert not NursingRoom.objects.with_requirement().get(pk=room.pk).below_standard
    RoomAreaRule.objects.filter(code="large_place").update(min_place_area=5000)
    assert NursingRoom.objects.with_requirement().get(pk=room.pk).below_standard


def test_room_list_flags_and_filters_rooms_below_the_minimum(world, login):
    small = RoomFactory(org=world.c1, place_area=20000, area=Decimal("7.5"), name="偏小母婴室")
    RoomFactory(org=world.c1, place_area=20000, area=15, name="达标母婴室")
    client = login(world.users["district_staff"])
    page = client.get(reverse("children:rooms")).content.decode()
    assert "偏小母婴室" in page and "达标母婴室" in page
    assert page.count("badge text-bg-warning") == 1
    flagged = client.get(reverse("children:rooms"), {"below": "on"})
    assert [r.pk for r in flagged.context["page"]] == [small.pk]


def test_an_expert_assessment_shows_on_the_room_page(world, login):
    room = RoomFactory(org=world.c1)
    expert = ExpertFactory(org=world.district, name="陈静怡")
    client = login(world.users["district_staff"])
    data = {"expert": expert.pk, "assessed_on": "2025-03-02", "rating": 4,
            "recommendations": "建议增设呼叫设备"}
    data.update({f"score_{f.code}": 5 for f in Facility.objects.all()})
    data["score_call_button"] = 0
    response = client.post(reverse("children:assessment_create", args=[room.pk]), data)
    assert response.status_code == 302
    assessment = Assessment.objects.get(room=room)
    assert assessment.total_score == 60 and assessment.max_score == 65
    assert assessment.scores.get(facility__code="call_button").score == 0
    page = client.get(room.get_absolute_url()).content.decode()
    assert "2025-03-02" in page or "2025年3月2日" in page
    assert "陈静怡" in page and "建议增设呼叫设备" in page and "60/65" in page


def test_assessment_history_is_newest_first(world, login):
    room = RoomFactory(org=world.c1)
    AssessmentFactory(room=room, assessed_on=datetime.date(2023, 1, 1), recommendations="旧")
    AssessmentFactory(room=room, assessed_on=datetime.date(2025, 1, 1), recommendations="新")
    response = login(world.users["district_staff"]).get(room.get_absolute_url())
    assert [a.recommendations for a in response.context["assessments"]] == ["新", "旧"]


def test_bad_scores_are_refused(world, login):
    room = RoomFactory(org=world.c1)
    expert = ExpertFactory(org=world.district)
    data = {"expert": expert.pk, "assessed_on": "2025-03-02", "rating": 4}
    data.update({f"score_{f.code}": 9 for f in Facility.objects.all()})
    response = login(world.users["district_staff"]).post(
        reverse("children:assessment_create", args=[room.pk]), data)
    assert response.status_code == 200 and response.context["form"].errors
    assert not Assessment.objects.exists()


def test_rooms_due_for_reassessment(world, login, settings):
    today = timezone.localdate()
    never = RoomFactory(org=world.c1, name="从未评估")
    stale = RoomFactory(org=world.c1, name="评估过期")
    AssessmentFactory(room=stale, assessed_on=today - datetime.timedelta(days=800))
    fresh = RoomFactory(org=world.c1, name="近期评估")
    AssessmentFactory(room=fresh, assessed_on=today - datetime.timedelta(days=800))
    AssessmentFactory(room=fresh, assessed_on=today - datetime.timedelta(days=30))
    RoomFactory(org=world.c1, name="筹建中", status="planned", built_on=None)
    client = login(world.users["district_staff"])
    due = client.get(reverse("children:rooms_due")).context["page"]
    assert {r.pk for r in due} == {never.pk, stale.pk}
    settings.CHILDREN_REASSESS_DAYS = 900
    due = client.get(reverse("children:rooms_due")).context["page"]
    assert {r.pk for r in due} == {never.pk}
