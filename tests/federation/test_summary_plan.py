"""Work plan items (工作要点) as targets on any figure of the summary: a plan item measured by a
figure (`PlanItem.measure`, a summary item's key) gives that figure its annual target, so the
narrative states its completion; after part of a year the plan part reports its progress.
And the plan pages: who may write, what the form offers, bad input refused."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from docx import Document

from families.models import HonourLevel, HonourType
from families.models.honours import State
from federation.kernel.models import LineOfWork
from federation.kernel.periods import Period
from federation.portal.models import PlanItem
from federation.portal.summary.items import collect, measure_choices
from tests.children.factories import RoomFactory
from tests.families.factories import HonourFactory

pytestmark = pytest.mark.django_db


def plan(world, year, measure, target, line="family", task="评选表彰区级“最美家庭”", unit="户"):
    return PlanItem.objects.create(org=world.district, year=year, task=task, unit=unit,
                                   line=LineOfWork.objects.get(code=line), measure=measure,
                                   target=Decimal(target) if target is not None else None)


def honours(world, n, year=2025):
    kind = HonourType.objects.get(code="most-beautiful-family")
    level = HonourLevel.objects.order_by("order").first()
    for _ in range(n):
        HonourFactory(org=world.c1, honour_type=kind, level=level, year=year,
                      state=State.AWARDED)


def narrative(tmp_path, *period) -> str:
    docx = tmp_path / "s.docx"
    call_command("year_summary", "2025", *period, "-o", str(tmp_path / "s.xlsx"), "--docx",
                 str(docx), stdout=io.StringIO())
    return "\n".join(p.text for p in Document(docx).paragraphs)


def test_a_plan_item_sets_the_target_of_an_honour_and_the_narrative_states_completion(
        world, tmp_path):
    honours(world, 6)
    plan(world, 2025, "honours:most-beautiful-family", 8)
    plan(world, 2025, "children:rooms", None, line="children", task="新建母婴室", unit="间")
    items = {i.key: i for i in collect(world.district, Period(2025))}
    honour = items["honours:most-beautiful-family"]
    assert honour.figures[0].value == 6 and honour.figures[0].target == 8
    assert honour.figures[0].progress == 75.0
    assert "评选表彰“最美家庭”6户，完成年度任务的75%" in narrative(tmp_path)
    # A street's summary has no plan of its own: no target.
    street = {i.key: i for i in collect(world.s1, Period(2025))}
    assert street["honours:most-beautiful-family"].figures[0].target is None


def test_an_indicators_own_target_is_kept_and_a_later_period_needs_the_year_to_date(world):
    from orgs.tallies.models import AnnualTarget, Indicator, TallyState
    from tests.orgs.factories import TallyFactory, put

    lectures = Indicator.objects.get(code="lectures")
    AnnualTarget.objects.create(org=world.district, year=2025, indicator=lectures, target=50)
    put(TallyFactory(org=world.c1, month=datetime.date(2025, 8, 1), state=TallyState.APPROVED),
        lectures=10)
    plan(world, 2025, "tally:lectures", 400, line="ideology", task="宣讲", unit="场次")
    RoomFactory(org=world.c1, built_on=datetime.date(2025, 8, 1))
    plan(world, 2025, "children:rooms", 4, line="children", task="新建母婴室", unit="间")
    year = {i.key: i for i in collect(world.district, Period(2025))}
    assert year["tally:lectures"].figures[0].target == 50  # the indicator's own
    assert year["children:rooms"].figures[0].target == 4
    # A second half-year's registry figure has no year-to-date value: no target stated.
    h2 = {i.key: i for i in collect(world.district, Period(2025, "H2"))}
    assert h2["children:rooms"].figures[0].target is None


def test_a_half_year_summary_reports_progress_of_a_plan_item_measured_by_a_registry(
        world, tmp_path):
    for day in (3, 20):
        RoomFactory(org=world.c1, built_on=datetime.date(2025, 4, day))
    RoomFactory(org=world.c2, built_on=datetime.date(2025, 9, 1))  # after June
    plan(world, 2025, "children:rooms", 8, line="children",
         task="新建公共场所母婴室", unit="间").__class__.objects.update(due_month=12)
    text = narrative(tmp_path, "--period", "H1")
    assert "新建公共场所母婴室，目标8间，12月底前完成，截至6月底已完成2间，完成年度任务的25%" in text
    assert "完成公共场所母婴室建设2间，完成年度任务的25%" in text


def test_the_form_offers_every_apps_measures_and_refuses_an_unknown_one(world, login):
    keys = dict(measure_choices())
    assert {"tally:lectures", "honours:most-beautiful-family", "families:courtyards",
            "rights:cases", "rights:risk", "children:rooms", "children:pairings",
            "orgs:elections"} <= set(keys)
    assert keys["honours:most-beautiful-family"] == "评选表彰：最美家庭"
    client = login(world.users["district_staff"])
    data = {"org": world.district.pk, "year": 2026, "line": LineOfWork.objects.get(
        code="children").pk, "task": "新建母婴室", "target": "12", "unit": "间",
        "measure": "children:rooms", "due_month": 9, "order": 0}
    response = client.post(reverse("summary:plan_new"), data)
    assert response.status_code == 302
    item = PlanItem.objects.get()
    assert (item.measure, item.target) == ("children:rooms", Decimal("12"))
    page = client.get(reverse("summary:plan"), {"year": 2026})
    assert page.status_code == 200 and "资助困难儿童" not in page.content.decode()
    assert "建成母婴室" in page.content.decode() or "母婴室" in page.content.decode()
    bad = client.post(reverse("summary:plan_new"), {**data, "measure": "children:nothing"})
    assert bad.status_code == 200 and PlanItem.objects.count() == 1
    assert "选择一个有效的选项" in bad.content.decode()


def test_who_may_write_plan_items(world, login):
    leader = login(world.users["leader"])
    assert leader.get(reverse("summary:plan")).status_code == 200
    assert leader.get(reverse("summary:plan_new")).status_code == 403
    chair = login(world.users["street_chair"])
    form = chair.get(reverse("summary:plan_new")).context["form"]
    assert set(form.fields["org"].queryset) == {world.s1}
