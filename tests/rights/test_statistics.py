"""Statistics: counts by category, channel, month, street, risk; the four rates; median;
small sensitive counts hidden; the xlsx export."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from federation.kernel.privacy import small_count
from rights import figures
from rights.models import Case, Category, Channel, Outcome, Status
from tests.rights.factories import CaseFactory, make_rights_staff

TODAY = timezone.localdate()
START, END = TODAY.replace(month=1, day=1), TODAY.replace(month=12, day=31)


@pytest.fixture
def staff(world):
    return make_rights_staff(world.users["district_staff"])


@pytest.fixture
def cases(world, staff):
    dv = Category.objects.get(code="domestic_violence")
    labour = Category.objects.get(code="labour")
    visit = Channel.objects.get(code="visit")
    resolved = Outcome.objects.get(code="mediated")
    withdrawn = Outcome.objects.get(code="withdrawn")
    made = []
    for i, (org, category, status, outcome, days) in enumerate([
        (world.c1, dv, Status.CLOSED, resolved, 10),
        (world.c1, dv, Status.CLOSED, withdrawn, 20),
        (world.c2, labour, Status.CLOSED, resolved, 40),
        (world.c3, labour, Status.IN_PROGRESS, None, None),
        (world.c3, labour, Status.NEW, None, None),
    ]):
        received = START + datetime.timedelta(days=i)
        made.append(CaseFactory(
            org=org, category=category, registered_by=staff, status=status, outcome=outcome,
            received_on=received, days_to_close=days, channel=visit if i == 0 else None
            or Channel.objects.get(code="phone"),
            accepted_on=received if status != Status.NEW else None,
            closed_on=received + datetime.timedelta(days=days) if days else None,
            satisfaction="satisfied" if i == 0 else ("unsatisfied" if i == 2 else "")))
    made[3].actions.create(type_id=1, by=staff)
    return made


def test_totals_and_rates(world, cases):
    totals = figures.case_totals(world.district, START, END, today=START)
    assert totals["received"] == 5 and totals["closed"] == 3 and totals["resolved"] == 2
    assert totals["handled"] == 4  # three closed and one accepted with an action
    assert totals["handling_rate"] == 80.0 and totals["closure_rate"] == 60.0
    assert totals["resolution_rate"] == 66.7 and totals["satisfaction_rate"] == 50.0
    assert totals["median_days"] == 20


def test_breakdowns(world, cases):
    qs = world.district
    categories = {r["code"]: r["shown"] for r in figures.by_category(qs, START, END)}
    # Domestic violence is the family category's only sub-category, so the family total
    # would give it away: it is withheld, and with it the other top-level count (the total
    # of cases received is published).
    assert categories == {"marriage_family": "—", "domestic_violence": "<3",
                          "labour_social": "—", "labour": 3}
    channels = {r["code"]: r["count"] for r in figures.by_channel(qs, START, END)}
    assert channels["visit"] == 1 and channels["phone"] == 4 and channels["online"] == 0
    streets = {r["name"]: r["count"] for r in figures.by_street(qs, START, END)}
    assert streets == {world.s1.name: 3, world.s2.name: 2}
    assert sum(r["count"] for r in figures.by_month(qs, START, END)) == 5
    assert {r["risk"]: r["count"] for r in figures.by_risk(qs, START, END)}[3] == 5


def test_a_hidden_count_cannot_be_worked_out_from_its_neighbours():
    def row(code, count, hidden=False, parent=None, pk=None):
        return {"code": code, "pk": pk, "parent": parent, "sub": parent is not None,
                "count": count, "shown": small_count(count, hidden)}

    # The parent's 29 minus its shown sub-categories (28) would give the hidden 1 away.
    rows = [row("family", 29, pk=1), row("custody", 1, True, parent=1),
            row("divorce", 20, parent=1), row("property", 8, parent=1),
            row("labour", 12, pk=2), row("other", 40, pk=3)]
    figures._protect(rows)
    shown = {r["code"]: r["shown"] for r in rows}
    assert shown == {"family": 29, "custody": "<3", "divorce": 20, "property": "—",
                     "labour": 12, "other": 40}
    # Two hidden counts in one group protect each other: nothing more is withheld.
    rows = [row("family", 3, pk=1), row("dv", 1, True, parent=1), row("child", 2, True, parent=1),
            row("labour", 5, pk=2)]
    figures._protect(rows)
    assert [r["shown"] for r in rows] == [3, "<3", "<3", 5]


def test_scope_of_counts(world, cases):
    chair = world.users["street_chair"]
    totals = figures.case_totals(chair.org, START, END)
    assert totals["received"] == 3 == Case.objects.within(chair.org).filter(
        received_on__range=(START, END)).count()


def test_page_and_export_hide_small_sensitive_counts(world, login, cases):
    client = login(world.users["leader"])
    page = client.get(reverse("rights:stats"), {"year": TODAY.year}).content.decode()
    assert "&lt;3" in page
    response = client.get(reverse("rights:stats_export"), {"year": TODAY.year})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    values = {label.strip(): value for label, value in rows[1:]}
    assert any(v == "<3" for v in values.values())
    assert 5 in values.values()
    text = " ".join(str(c) for row in rows for c in row)
    assert "李秀" not in text and "139" not in text


def test_bad_year_is_refused_with_a_message(world, login):
    client = login(world.users["leader"])
    response = client.get(reverse("rights:stats"), {"year": "abc"})
    assert response.status_code == 400 and "年度" in response.content.decode()
    assert client.get(reverse("rights:stats")).context["year"] == TODAY.year


def test_figures_count_an_organizations_subtree(world, cases):
    street = world.users["street_chair"].org
    assert figures.case_totals(street, START, END)["received"] == 3
    assert figures.case_totals(world.district, START, END)["received"] == Case.objects.filter(
        received_on__range=(START, END)).count()
    assert figures.mediation_counts(world.district, START, END)["mediations"] == 0
    assert figures.register_counts(world.district) == []
