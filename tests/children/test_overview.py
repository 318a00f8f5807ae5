"""The overview's figures: per domain and status, area rebuilt, rooms built, grants paid."""

import datetime
import json
import re
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from children import figures
from children.models import Grant, GrantProgramme
from tests.children.factories import ChildFactory, GrantFactory, ProjectFactory, RoomFactory


def test_figures(world):
    year = timezone.localdate().year
    ProjectFactory(org=world.c1, status="completed", planned_area=Decimal("800"),
                   completed_area=Decimal("800"), completed_on=datetime.date(year, 3, 1))
    ProjectFactory(org=world.c3, status="accepted", planned_area=Decimal("200"),
                   completed_area=Decimal("200"), completed_on=datetime.date(year, 5, 1))
    ProjectFactory(org=world.c1, status="completed", planned_area=Decimal("999"),
                   completed_area=Decimal("999"), completed_on=datetime.date(year - 1, 5, 1))
    ProjectFactory(org=world.c1, status="building", planned_area=Decimal("50"),
                   completed_area=Decimal("10"))
    RoomFactory(org=world.c1, built_on=datetime.date(year, 2, 1))
    RoomFactory(org=world.c1, built_on=datetime.date(year - 1, 2, 1))
    RoomFactory(org=world.c1, status="planned", built_on=None)
    child = ChildFactory(org=world.c1)
    GrantFactory(child=child, amount=Decimal("600"), paid_on=datetime.date(year, 1, 5))
    GrantFactory(child=child, amount=Decimal("400"), paid_on=datetime.date(year - 1, 1, 5),
                 programme=GrantProgramme.objects.get(code="jinguo_study"))
    assert figures.area_rebuilt(world.district, year) == Decimal("1000")
    assert figures.area_rebuilt(world.c1, year) == Decimal("800")
    assert figures.rooms_built(world.district, year) == 1
    paid = figures.grants_paid(world.district, year)
    assert (paid["amount"], paid["count"], paid["children"]) == (Decimal("600"), 1, 1)
    by_code = {p["code"]: p["amount"] for p in paid["programmes"]}
    assert by_code["spring_bud"] == Decimal("600") and by_code["jinguo_study"] == 0
    table = {row["code"]: row for row in figures.projects_by_domain_status(world.district)}
    assert table["park"]["total"] == 4 and table["park"]["counts"] == [0, 0, 1, 2, 1]
    counts = figures.room_counts(world.district)
    assert (counts["built"], counts["planned"]) == (2, 1)
    summary = figures.year_summary(world.district, year)
    assert (summary["area_rebuilt"], summary["rooms_built"], summary["projects_completed"]) == (
        Decimal("1000"), 1, 2)
    assert summary["grants"]["amount"] == Decimal("600")


def test_small_child_counts_are_suppressed(world):
    ChildFactory(org=world.c1, category="difficulty")
    for _ in range(3):
        ChildFactory(org=world.c1, category="left_behind")
    shown = {row["code"]: row["shown"] for row in
             figures.children_by_category(world.district)}
    assert shown == {"difficulty": "<3", "left_behind": 3, "other": 0}


def test_the_summary_counts_children_aided_in_the_year_and_protects_small_cells(world):
    aided = [ChildFactory(org=world.c1, category="left_behind") for _ in range(4)]
    aided.append(ChildFactory(org=world.c1, category="difficulty"))
    for child in aided:  # two grants for one child count her once
        GrantFactory(child=child, paid_on=datetime.date(2025, 3, 1))
    GrantFactory(child=aided[0], paid_on=datetime.date(2025, 9, 1))
    GrantFactory(child=ChildFactory(org=world.c1, category="other"),
                 paid_on=datetime.date(2024, 3, 1))  # another year
    ChildFactory(org=world.c1, category="other")  # on the register, not aided
    rows = {row["code"]: row for row in figures.children_by_category(world.district, 2025)}
    assert {code: row["count"] for code, row in rows.items()} == {
        "difficulty": 1, "left_behind": 4, "other": 0}
    # 5 children aided is published: "<3" beside 4 and 0 would give the 1 away.
    assert {code: row["shown"] for code, row in rows.items()} == {
        "difficulty": "<3", "left_behind": 4, "other": "—"}


def test_a_new_grant_shows_in_the_yearly_totals(world, login):
    child = ChildFactory(org=world.c1)
    client = login(world.users["district_staff"])
    before = client.get(reverse("children:overview")).context["grants"]["amount"]
    response = client.post(reverse("children:grant_create", args=[child.pk]), {
        "programme": GrantProgramme.objects.get(code="spring_bud").pk, "amount": "800",
        "paid_on": timezone.localdate().isoformat(), "payer": "区妇联"})
    assert response.status_code == 302
    overview = client.get(reverse("children:overview"))
    assert overview.context["grants"]["amount"] == before + 800
    body = overview.content.decode()
    chart = json.loads(re.search(r'id="children-chart-data"[^>]*>(.*?)</script>', body).group(1))
    assert {"name": "春蕾计划", "value": 800.0} in chart["programmes"]
    assert 'src="/static/children/overview.js"' in body and "onclick" not in body


def test_bad_grant_amounts_are_refused(world, login):
    child = ChildFactory(org=world.c1)
    client = login(world.users["district_staff"])
    for amount in ("-5", "abc", "0"):
        response = client.post(reverse("children:grant_create", args=[child.pk]), {
            "programme": GrantProgramme.objects.get(code="spring_bud").pk, "amount": amount,
            "paid_on": "2025-01-01", "payer": "区妇联"})
        assert "amount" in response.context["form"].errors
    assert not Grant.objects.exists()


def test_leader_overview_counts_the_whole_district(world, login):
    year = timezone.localdate().year
    for org in (world.c1, world.c3):
        GrantFactory(child=ChildFactory(org=org), amount=Decimal("100"),
                     paid_on=datetime.date(year, 1, 1))
    leader = login(world.users["leader"]).get(reverse("children:overview"))
    assert leader.context["grants"]["amount"] == 200


def test_home_panel_agrees_with_the_figures(world, login):
    year = timezone.localdate().year
    ProjectFactory(org=world.c1, status="completed", planned_area=Decimal("300"),
                   completed_area=Decimal("300"), completed_on=datetime.date(year, 1, 2))
    RoomFactory(org=world.c1, built_on=datetime.date(year, 1, 3))
    GrantFactory(child=ChildFactory(org=world.c1), amount=Decimal("250"),
                 paid_on=datetime.date(year, 1, 4))
    home = login(world.users["leader"]).get(reverse("home"))
    panel = dict(home.context["panels"])["children/_home.html"]
    assert panel["projects"] == 1 and panel["area_rebuilt"] == Decimal("300")
    assert panel["rooms_built"] == 1 and panel["rooms_due"] == 1
    assert panel["grants"] == Decimal("250")
