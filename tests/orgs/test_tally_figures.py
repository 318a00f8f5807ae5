"""Roll-up, completeness and timeliness, the grid, and annual targets."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from orgs.models import Organization, OrgKind
from orgs.tallies import figures as tally_figures
from orgs.tallies.models import AnnualTarget, ReportingDeadline, TallyState
from tests.factories import OrganizationFactory
from tests.orgs.factories import TallyFactory, ind, put

MARCH = datetime.date(2025, 3, 1)


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def submitted(org, month=MARCH, on=datetime.date(2025, 4, 3), state=TallyState.SUBMITTED,
              **values):
    return put(TallyFactory(org=org, month=month, state=state, first_submitted_at=at(on),
                            submitted_at=at(on)), **values)


@pytest.mark.django_db
def test_rollup_sums_a_subtree_in_one_query(world, django_assert_num_queries):
    submitted(world.c1, lectures=2, funds_raised=Decimal("100.50"))
    submitted(world.c2, lectures=3, state=TallyState.APPROVED)
    submitted(world.s1, lectures=1)
    submitted(world.c3, lectures=10)
    submitted(world.c1, month=datetime.date(2025, 4, 1), lectures=7)
    put(TallyFactory(org=world.c2, month=datetime.date(2025, 4, 1)), lectures=50)  # draft
    TallyFactory(org=world.s2, month=MARCH, state=TallyState.RETURNED)
    with django_assert_num_queries(1):
        s1 = tally_figures.tally_totals(world.s1, MARCH, datetime.date(2025, 4, 30))
    assert s1[ind("lectures").pk] == 13  # drafts do not count
    assert s1[ind("funds_raised").pk] == Decimal("100.50")
    assert ind("cervical_screening").pk not in s1  # nobody reported: absent, not 0
    with django_assert_num_queries(1):
        district = tally_figures.tally_totals(world.district, MARCH, MARCH)
    assert district[ind("lectures").pk] == 16
    assert tally_figures.tally_totals(world.c1, MARCH, MARCH)[ind("lectures").pk] == 2


@pytest.mark.django_db
def test_rollup_page_and_export_show_the_same_numbers(world, login):
    submitted(world.c1, lectures=2)
    submitted(world.c3, lectures=10)
    client = login(world.users["street_chair"])
    page = client.get(reverse("orgs:rollup"), {"start": "2025-03", "end": "2025-03"})
    rows = {i.code: total for i, total in page.context["rows"]}
    assert rows["lectures"] == 2 and rows["cervical_screening"] is None  # scope: S1 only
    export = client.get(reverse("orgs:rollup_export"), {"start": "2025-03", "end": "2025-03"})
    import io

    from openpyxl import load_workbook
    sheet = load_workbook(io.BytesIO(export.content)).active
    values = {r[0]: r[3] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert values["lectures"] == 2 and values["cervical_screening"] is None
    assert client.get(reverse("orgs:rollup"), {"org": world.c3.pk}).status_code == 404


@pytest.mark.django_db
def test_completeness_uses_real_timestamps_and_only_active_orgs(world):
    ReportingDeadline.objects.create(month=MARCH, due_on=datetime.date(2025, 4, 8))
    new = OrganizationFactory(parent=world.s2, code="C9", kind=OrgKind.COMMUNITY,
                              founded_on=datetime.date(2025, 5, 1))
    gone = OrganizationFactory(parent=Organization.objects.get(pk=world.s2.pk), code="C8",
                               kind=OrgKind.COMMUNITY, dissolved_on=datetime.date(2025, 2, 1),
                               is_active=False)
    submitted(world.c1, on=datetime.date(2025, 4, 8))  # on the deadline day: on time
    submitted(world.c2, on=datetime.date(2025, 4, 9))  # late
    submitted(gone, on=datetime.date(2025, 4, 1))  # closed before March: not expected
    TallyFactory(org=world.c3, month=MARCH)  # a draft is not a submission
    c = tally_figures.completeness(world.district, MARCH, today=datetime.date(2025, 5, 1))
    assert c.due_on == datetime.date(2025, 4, 8)
    assert (c.expected, c.submitted, c.on_time) == (5, 2, 1)  # S1 S2 C1 C2 C3; not C8, C9
    assert {o.code for o in c.missing} == {"S1", "S2", "C3"}
    assert [o.code for o in c.late] == ["C2"]
    rates = {s.name: (s.expected, s.submitted, s.on_time, s.timeliness) for s in c.streets}
    assert rates == {"东湖街道妇联": (3, 2, 1, 33), "西城街道妇联": (2, 0, 0, 0)}
    assert c.completeness <= 100 and new.pk not in [o.pk for o in c.missing]


@pytest.mark.django_db
def test_default_deadline_is_the_fifth_of_next_month():
    assert tally_figures.deadlines([datetime.date(2025, 12, 1)]) == {
        datetime.date(2025, 12, 1): datetime.date(2026, 1, 5)}


@pytest.mark.django_db
def test_completeness_page_shows_who_is_late_for_district_staff(world, login):
    submitted(world.c1, on=datetime.date(2025, 4, 20))
    page = login(world.users["district_staff"]).get(reverse("orgs:completeness"),
                                                    {"month": "2025-03"})
    assert [o.code for o in page.context["c"].late] == ["C1"]
    assert "桃源社区妇联" in page.content.decode()
    street = login(world.users["street_chair"]).get(reverse("orgs:completeness"),
                                                    {"month": "2025-03"})
    assert street.context["c"].expected == 3  # her street and its two communities


@pytest.mark.django_db
def test_grid_colours_each_org_month(world, login):
    submitted(world.c1, on=datetime.date(2025, 4, 2))
    submitted(world.c1, month=datetime.date(2025, 4, 1), on=datetime.date(2025, 5, 20))
    grid = {o.code: cells for o, cells in tally_figures.completeness_grid(
        [Organization.objects.get(code="C1")], 2025, today=datetime.date(2025, 6, 3))}
    assert grid["C1"][:6] == ["missing", "missing", "on_time", "late", "pending", "pending"]
    assert grid["C1"][6:] == ["none"] * 6


@pytest.mark.django_db
def test_grid_query_count_does_not_grow(world, login, get_page):
    client = login(world.users["district_staff"])
    grid, month = reverse("orgs:completeness_grid"), reverse("orgs:completeness")
    small = get_page(client, grid, params={"year": 2025}, queries=9, at_most=True).queries
    small_month = get_page(client, month, params={"month": "2025-03"}, queries=9,
                           at_most=True).queries
    street = Organization.objects.get(pk=world.s1.pk)
    for n in range(15):
        org = OrganizationFactory(parent=street, code=f"CX{n}", kind=OrgKind.COMMUNITY)
        street.refresh_from_db()
        submitted(org, lectures=1)
    page = get_page(client, grid, params={"year": 2025}, queries=small)
    assert len(page.context["grid"]) == 20
    get_page(client, month, params={"month": "2025-03"}, queries=small_month)


@pytest.mark.django_db
def test_targets_show_progress_on_tally_and_home(world, login):
    AnnualTarget.objects.create(org=world.s1, indicator=ind("cervical_screening"), year=2025,
                                target=6050)
    submitted(world.c1, cervical_screening=3000)
    submitted(world.c2, month=datetime.date(2025, 5, 1), cervical_screening=509)
    progress = tally_figures.target_progress(world.s1, 2025)
    assert progress[ind("cervical_screening").pk] == (6050, 3509)
    client = login(world.users["street_chair"])
    page = client.get(reverse("orgs:tally", args=[world.s1.pk, 2025, 3]))
    row = next(r for r in page.context["sheet"].rows if r.indicator.code == "cervical_screening")
    assert row.progress == 58
    assert "3,509 / 6,050" in page.content.decode()
    targets = client.get(reverse("orgs:targets"), {"year": 2025}).content.decode()
    assert "3,509 / 6,050" in targets and "58%" in targets


@pytest.mark.django_db
def test_home_panel_shows_targets_due_tally_and_reviews(world, login):
    today = timezone.localdate()
    AnnualTarget.objects.create(org=world.s1, indicator=ind("cervical_screening"),
                                year=today.year, target=200)
    submitted(world.c1, month=today.replace(day=1), on=today, cervical_screening=50)
    page = login(world.users["street_chair"]).get(reverse("home"))
    panel = dict(page.context["panels"])["orgs/_home.html"]
    assert panel["awaiting"] == 1 and panel["targets"][0][1:] == (200, 50)
    assert "50 / 200" in page.content.decode() and "25%" in page.content.decode()
    chair = login(world.users["community_chair"]).get(reverse("home"))
    assert dict(chair.context["panels"])["orgs/_home.html"]["own_org"] == world.c1


@pytest.mark.django_db
def test_grid_page_colours_and_links_cells(world, login):
    submitted(world.c1, on=datetime.date(2025, 4, 2))
    page = login(world.users["street_chair"]).get(reverse("orgs:completeness_grid"),
                                                  {"year": 2025}).content.decode()
    assert 'class="c cell-on_time"' in page
    assert reverse("orgs:tally", args=[world.c1.pk, 2025, 3]) in page


@pytest.mark.django_db
def test_deadline_month_is_stored_as_its_first_day():
    deadline = ReportingDeadline.objects.create(month=datetime.date(2025, 3, 17),
                                                due_on=datetime.date(2025, 4, 10))
    assert deadline.month == MARCH
    assert tally_figures.deadlines([MARCH])[MARCH] == datetime.date(2025, 4, 10)
