"""Household pages: register, inspect through the form (with photos), see the tier change."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from families.models import CourtyardCategory, Household, Photo, ScoreSheet
from tests.factories import PersonFactory, PositionFactory
from tests.families.factories import HouseholdFactory, inspect

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def scores(total_each):
    return {f"item_{i.pk}": total_each for i in ScoreSheet.current().items.all()}


def test_community_chair_registers_and_inspects(world, login):
    client = login(world.users["community_chair"])
    category = CourtyardCategory.objects.get(code="reading")
    response = client.post(reverse("families:household_create"), {
        "org": world.c1.pk, "head_name": "赵丽华", "members": 3, "address": "桃源路8号",
        "phone": "13912345678", "in_campaign": "on", "joined_on": "2025-03-01",
        "categories": [category.pk]})
    household = Household.objects.get()
    assert response.status_code == 302 and list(household.categories.all()) == [category]
    member = PositionFactory(org=world.c1).person
    data = {"inspected_on": "2025-06-01", "inspectors": [member.pk], "remarks": "整洁",
            **scores(23), "photos": [SimpleUploadedFile("yard.png", PNG, "image/png")]}
    response = client.post(reverse("families:inspection_create", args=[household.pk]), data,
                           follow=True)
    household.refresh_from_db()
    assert household.tier.code == "demonstration" and household.latest_score == 92
    assert "示范户" in response.content.decode()
    inspection = household.inspections.get()
    assert list(inspection.inspectors.all()) == [member]
    photo = Photo.objects.get()
    assert "yard" not in photo.file.name  # stored under a random name
    assert client.get(reverse("families:photo", args=[photo.pk])).status_code == 200
    detail = client.get(reverse("families:household", args=[household.pk]))
    assert [(e.kind, e.tier.code) for e in detail.context["plaques"]] == [
        ("awarded", "demonstration")]
    assert "示范户" in detail.content.decode()


def test_inspection_form_refuses_bad_scores_and_photos(world, login):
    household = HouseholdFactory(org=world.c1)
    client = login(world.users["community_chair"])
    url = reverse("families:inspection_create", args=[household.pk])
    response = client.post(url, {"inspected_on": "2025-06-01", **scores(30)})
    assert response.status_code == 200 and response.context["form"].errors
    fake = SimpleUploadedFile("x.png", b"MZ not an image", "image/png")
    response = client.post(url, {"inspected_on": "2025-06-01", **scores(20), "photos": [fake]})
    assert "photos" in response.context["form"].errors
    response = client.post(url, {"inspected_on": "2999-01-01", **scores(20)})
    assert "inspected_on" in response.context["form"].errors
    assert not household.inspections.exists() and not Photo.objects.exists()


def test_inspectors_are_executive_members_up_the_chain(world, login):
    household = HouseholdFactory(org=world.c1)
    mine = PositionFactory(org=world.s1).person
    elsewhere = PositionFactory(org=world.c3).person
    PersonFactory(org=world.c1)  # no post: not an executive member
    client = login(world.users["community_chair"])
    form = client.get(reverse("families:inspection_create", args=[household.pk])).context["form"]
    assert list(form.fields["inspectors"].queryset) == [mine]
    assert elsewhere not in form.fields["inspectors"].queryset


def test_duplicate_household_is_refused(world, login):
    HouseholdFactory(org=world.c1, head_name="赵丽华", address="桃源路8号")
    client = login(world.users["community_chair"])
    response = client.post(reverse("families:household_create"), {
        "org": world.c1.pk, "head_name": "赵丽华", "members": 3, "address": "桃源路8号"})
    assert response.status_code == 200 and Household.objects.count() == 1


def test_phone_is_masked_in_list_and_export(world, login):
    HouseholdFactory(org=world.c1, phone="13812345678")
    client = login(world.users["district_staff"])
    page = client.get(reverse("families:households")).content.decode()
    assert "138****5678" in page and "13812345678" not in page
    response = client.get(reverse("families:household_export"))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1][5] == "138****5678"
    assert "13812345678" not in str(rows)


def test_leader_sees_masked_phone_on_the_page(world, login):
    household = HouseholdFactory(org=world.c1, phone="13812345678")
    page = login(world.users["leader"]).get(
        reverse("families:household", args=[household.pk])).content.decode()
    assert "138****5678" in page and "13812345678" not in page


def test_filters(world, login):
    reading = CourtyardCategory.objects.get(code="reading")
    a = HouseholdFactory(org=world.c1, head_name="甲", joined_on=datetime.date(2023, 1, 1))
    a.categories.add(reading)
    b = HouseholdFactory(org=world.c2, head_name="乙")
    c = HouseholdFactory(org=world.c3, head_name="丙", address="青云路1号")
    inspect(b, 85, datetime.date(2025, 1, 1))
    client = login(world.users["district_staff"])

    def names(**params):
        page = client.get(reverse("families:households"), params).context["page"]
        return sorted(h.head_name for h in page)

    assert names() == sorted(["甲", "乙", "丙"])
    assert names(org=world.s1.pk) == sorted(["甲", "乙"])
    assert names(category=reading.pk) == ["甲"]
    assert names(tier=b.tier_id) == ["乙"]
    assert names(year=2023) == ["甲"]
    assert names(q="青云") == ["丙"]
    assert c.pk  # present
    # a street chair's org filter offers only her subtree
    form = login(world.users["street_chair"]).get(reverse("families:households")).context[
        "filter"].form
    assert world.c3 not in form.fields["org"].queryset


def test_coverage_page_and_export(world, login):
    world.c1.households = 10
    world.c1.save()
    world.c2.households = 5
    world.c2.save()
    for score in (95, 85, 50):
        inspect(HouseholdFactory(org=world.c1), score, datetime.date(2025, 1, 1))
    HouseholdFactory(org=world.c2)
    HouseholdFactory(org=world.c2, in_campaign=False)
    client = login(world.users["street_chair"])
    response = client.get(reverse("families:coverage"))
    villages = {r.org.code: r for r in response.context["villages"]}
    assert villages["C1"].in_campaign == 3 and villages["C1"].campaign_share == 30.0
    assert villages["C1"].plaques == 2 and villages["C2"].in_campaign == 1
    street = response.context["streets"][0]
    assert street.org.code == "S1" and street.households == 15 and street.in_campaign == 4
    assert "C3" not in villages
    export = client.get(reverse("families:coverage_export"))
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[1][1] == "东湖街道妇联" and rows[1][3] == 4


def test_home_panel_counts_the_scope(world, login):
    inspect(HouseholdFactory(org=world.c1), 95, datetime.date(2025, 1, 1))
    HouseholdFactory(org=world.c1)
    HouseholdFactory(org=world.c3)
    response = login(world.users["community_chair"]).get(reverse("home"))
    panel = dict(response.context["panels"])["families/_home.html"]
    assert panel["courtyards"] == {"registered": 2, "campaign": 2, "plaques": 1}
    assert reverse("families:households") in response.content.decode()


def test_coverage_drills_down_from_streets_to_villages(world, login):
    HouseholdFactory(org=world.c1)
    HouseholdFactory(org=world.c3)
    client = login(world.users["district_staff"])
    response = client.get(reverse("families:coverage"))
    assert response.context["villages"] == []
    assert [r.in_campaign for r in response.context["streets"]] == [1, 1]
    response = client.get(reverse("families:coverage"), {"street": world.s2.pk})
    assert [r.org.code for r in response.context["villages"]] == ["C3"]
    client = login(world.users["street_chair"])
    assert client.get(reverse("families:coverage"), {"street": world.s2.pk}).status_code == 404


def test_leaving_the_campaign_takes_the_plaque_down(world, login):
    household = HouseholdFactory(org=world.c1)
    inspect(household, 92, datetime.date(2025, 1, 1))
    client = login(world.users["community_chair"])
    client.post(reverse("families:household_edit", args=[household.pk]), {
        "org": world.c1.pk, "head_name": household.head_name, "members": 4,
        "address": household.address})
    household.refresh_from_db()
    assert not household.in_campaign and household.tier is None
    kinds = list(household.plaque_events.order_by("pk").values_list("kind", flat=True))
    assert kinds == ["awarded", "delisted"]


def test_inspection_from_a_round_counts_for_the_round(world, login):
    from families.models import InspectionRound

    household = HouseholdFactory(org=world.c1)
    inspection_round = InspectionRound.objects.create(
        org=world.s1, kind="quarterly", period=datetime.date(2025, 4, 1), seed=1,
        created_by=world.users["street_chair"], sheet=ScoreSheet.current())
    inspection_round.fill()
    client = login(world.users["community_chair"])
    url = reverse("families:inspection_create", args=[household.pk]) + f"?round={inspection_round.pk}"
    client.post(url, {"inspected_on": "2025-05-01", **scores(20)})
    assert household.inspections.get().round == inspection_round
    page = client.get(reverse("families:round", args=[inspection_round.pk]))
    assert page.context["done"] == 1 and page.context["total"] == 1


def test_odd_filter_values_do_not_break_the_lists(world, login):
    HouseholdFactory(org=world.c1)
    client = login(world.users["district_staff"])
    for params in ({"year": "99999999999999"}, {"year": "2023.5"}, {"year": "abc"},
                   {"org": "999999"}, {"tier": "x"}, {"category": "-1"}, {"page": "-1"}):
        for name in ("families:households", "families:honours", "families:household_export",
                     "families:honour_export"):
            # A value the filters cannot read is a 400 that says which; others are ignored.
            response = client.get(reverse(name), params)
            assert response.status_code in (200, 400), (name, params)
            if response.status_code == 400:
                assert "无法识别" in response.content.decode(), (name, params)
