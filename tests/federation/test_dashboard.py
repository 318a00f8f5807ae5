"""The dashboard: tiles and charts for the user's scope and year, a table behind every chart,
and a query count that does not grow with the data."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from families.models import State
from tests.factories import OrganizationFactory, PositionFactory
from tests.families.factories import HonourFactory, HouseholdFactory, inspect

QUERIES_UNCACHED = 46  # the leader's home page with DASHBOARD_CACHE_SECONDS=0 (2: duties; 5: the
# women-aided tile: this and last year's totals and the target; not yet reduced; 1: the rights
# panel's overdue count for readers, the same figure as the to-do list's; the menu asks the
# apps' rules, which no longer load a leader's permissions)


def add_data(world, n: int):
    for i in range(n):
        community = world.c1 if i % 2 else world.c3
        inspect(HouseholdFactory(org=community), 95 - i % 40, datetime.date(2025, 5, 1))
        HonourFactory(org=community, state=State.AWARDED, year=2025)
        PositionFactory(org=community, post="member")
        OrganizationFactory(parent=community, kind="womens_home")
        community.refresh_from_db()


def dashboard(client, year=2025):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("home"), {"year": year})
    assert response.status_code == 200
    return response, len(queries)


def test_query_count_does_not_grow_with_data(world, login, get_page):
    client = login(world.users["leader"])
    add_data(world, 2)
    # Five apps' tiles, charts, panels and the to-do list.
    small = get_page(client, reverse("home"), params={"year": 2025}, queries=60,
                     at_most=True).queries
    add_data(world, 12)
    response = get_page(client, reverse("home"), params={"year": 2025}, queries=small)
    tiles = {t.label: t.value for t in response.context["tiles"]}
    assert tiles["获得表彰的最美家庭和先进个人"] == 14


def test_tiles_follow_the_scope_and_the_year(world, login):
    add_data(world, 4)  # two in C1 (street S1), two in C3 (street S2)
    street = {t.label: t for t in dashboard(login(world.users["street_chair"]))[0].context["tiles"]}
    assert street["获得表彰的最美家庭和先进个人"].value == 2
    assert street["参与美丽庭院创建的家庭"].value == 2
    earlier = dashboard(login(world.users["leader"]), year=2024)[0].context["tiles"]
    assert {t.label: t.value for t in earlier}["获得表彰的最美家庭和先进个人"] == 0
    assert {t.label: t.last_year for t in dashboard(
        login(world.users["leader"]), year=2026)[0].context["tiles"]}[
        "获得表彰的最美家庭和先进个人"] == 4


def test_every_chart_has_its_data_and_a_table(world, login):
    add_data(world, 4)
    response, _count = dashboard(login(world.users["district_staff"]))
    page = response.content.decode()
    for chart in response.context["charts"]:
        assert f'id="{chart.dom_id}"' in page and f'data-source="{chart.dom_id}"' in page
        header, rows = chart.table()
        if chart.kind == "heatmap":  # organizations x months
            assert len(header) == len(chart.categories) + 1 and len(rows) == len(chart.rows)
        else:
            assert len(header) == len(chart.series) + 1 and len(rows) == len(chart.categories)
    assert "显示为表格" in page


def test_rights_tiles_count_the_subtree_without_showing_cases(world, login):
    from tests.rights.factories import CaseFactory

    for org in (world.c1, world.c3, world.c3):
        CaseFactory(org=org, received_on=datetime.date(2025, 6, 1),
                    registered_by=world.users["district_staff"])
    leader = {t.label: t.value for t in dashboard(login(world.users["leader"]))[0]
              .context["tiles"]}
    assert leader["受理维权案件"] == 3
    street = {t.label: t.value for t in dashboard(login(world.users["street_chair"]))[0]
              .context["tiles"]}
    assert street["受理维权案件"] == 1
    page = dashboard(login(world.users["leader"]))[0].content.decode()
    assert "李秀" not in page  # the complainants' names never reach the dashboard


def test_a_bad_year_falls_back_to_this_year(world, login):
    response = login(world.users["leader"]).get(reverse("home"), {"year": "1900x"})
    assert response.context["year"] == timezone.localdate().year


def test_tally_tiles_show_the_year_last_year_and_the_target(world, login):
    from decimal import Decimal

    from orgs.tallies.models import AnnualTarget, Indicator, TallyState
    from tests.orgs.factories import TallyFactory, put

    screening = Indicator.objects.get(code="cervical_screening")
    for year, value in ((2025, 30), (2024, 20)):
        put(TallyFactory(org=world.c1, month=datetime.date(year, 3, 1),
                         state=TallyState.APPROVED), cervical_screening=value)
    AnnualTarget.objects.create(org=world.district, indicator=screening, year=2025,
                                target=Decimal("60"))
    response, _count = dashboard(login(world.users["leader"]))
    tile = next(t for t in response.context["tiles"] if t.label == screening.name)
    assert (tile.value, tile.last_year, tile.target, tile.progress) == (30, 20, 60, 50.0)
    html = response.content.decode()  # a count is shown as one: 30 人, not 30.0 人
    assert f'30 <span class="small fw-normal">{screening.unit}' in html and "30.0" not in html
    keys = {chart.key for chart in response.context["charts"]}
    assert {"tally-trend", "street-comparison", "completeness"} <= keys


def test_figures_are_computed_once_per_scope_and_kept_for_a_while(world, login, settings):
    """Fifty district staff opening the home page cost one computation of the district's
    figures; a street sees its own; the page says when they were computed."""
    from django.core.cache import cache
    from django.utils import timezone, translation

    from federation.kernel.hooks import cache_key

    settings.DASHBOARD_CACHE_SECONDS = 300
    users = [world.users[r] for r in ("leader", "district_staff", "street_chair")]
    today = timezone.localdate()
    last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    with translation.override("zh-hans"):
        keys = [cache_key(u, "tiles-charts-2025") for u in users]
        panels = [cache_key(u, f"orgs-panel-{last_month}") for u in users]
    assert len(set(keys)) == 3  # scope and role apart
    cache.delete_many(keys + panels)
    try:
        add_data(world, 2)
        response, first = dashboard(login(world.users["leader"]))
        assert "统计截至" in response.content.decode()
        add_data(world, 2)
        response, again = dashboard(login(world.users["leader"]))
        assert again < first - 20, (first, again)  # the figures came from the cache
        tiles = {t.label: t.value for t in response.context["tiles"]}
        assert tiles["获得表彰的最美家庭和先进个人"] == 2  # as computed, until it expires
        street = dashboard(login(world.users["street_chair"]))[0].context["tiles"]
        assert {t.label: t.value for t in street}["获得表彰的最美家庭和先进个人"] == 2
        cache.delete(keys[0])
        tiles = dashboard(login(world.users["leader"]))[0].context["tiles"]
        assert {t.label: t.value for t in tiles}["获得表彰的最美家庭和先进个人"] == 4
        assert cache.get(panels[0])["targets"] == []  # the tallies panel's scope figures too
    finally:
        cache.delete_many(keys + panels)


def test_uncached_dashboard_makes_a_pinned_number_of_queries(world, login, settings,
                                                             django_assert_num_queries):
    """Each figure family is one aggregate query (this year and last in one, tiles, charts
    and home panels sharing what they both need), so the count is fixed: a new query on the
    home page must be a decision, not an accident."""
    settings.DASHBOARD_CACHE_SECONDS = 0
    add_data(world, 3)
    client = login(world.users["leader"])
    client.get(reverse("home"))  # the session and the user's first-request lookups
    with django_assert_num_queries(QUERIES_UNCACHED):
        response = client.get(reverse("home"), {"year": 2025})
    assert response.status_code == 200
    tiles = {t.label: t for t in response.context["tiles"]}
    assert tiles["获得表彰的最美家庭和先进个人"].value == 3
    assert tiles["参与美丽庭院创建的家庭"].value == 3


def test_figures_of_two_years_in_one_query_equal_each_year_alone(world):
    """The dashboard's combined queries state what the one-period functions (the pages') do."""
    from children import figures as children_figures
    from families import figures as family_figures
    from orgs import figures as org_figures
    from orgs.tallies import figures as tally_figures
    from orgs.tallies.models import TallyState
    from rights import figures as rights_figures
    from tests.orgs.factories import TallyFactory, put
    from tests.rights.factories import CaseFactory

    add_data(world, 4)
    for month, lectures in ((datetime.date(2024, 3, 1), 2), (datetime.date(2025, 3, 1), 5),
                            (datetime.date(2025, 7, 1), 1)):
        put(TallyFactory(org=world.c1, month=month, state=TallyState.APPROVED),
            lectures=lectures)
    for day in (datetime.date(2024, 6, 1), datetime.date(2025, 6, 1)):
        CaseFactory(org=world.c1, received_on=day, registered_by=world.users["district_staff"])
    org, years = world.district, [2025, 2024]
    days = [datetime.date(2025, 12, 31), datetime.date(2024, 12, 31)]
    assert org_figures.scope_headlines(org, days) == [
        org_figures.scope_headline(org, day) for day in days]
    by_year_month = tally_figures.tally_by_year_month(org, 2024, 2025)
    for year in years:
        assert tally_figures.year_totals(by_year_month, year) == tally_figures.tally_totals(
            org, datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    assert {m: v for (i, y, m), v in by_year_month.items() if y == 2025} == {
        m: v for (i, m), v in tally_figures.tally_by_month(org, 2025).items()}
    periods = [(datetime.date(y, 1, 1), datetime.date(y, 12, 31)) for y in years]
    assert rights_figures.headlines(org, periods) == [
        rights_figures.headline(org, *p) for p in periods]
    assert [h["received"] for h in rights_figures.headlines(org, periods)] == [1, 1]
    assert family_figures.awarded_by_year(org, years) == {
        y: sum(family_figures.awarded_by_type_and_level(org, y).values()) for y in years}
    assert children_figures.completed_by_year(org, years) == {
        y: {"projects": children_figures.projects_completed(org, y),
            "rooms": children_figures.rooms_built(org, y)} for y in years}


def test_a_change_is_shown_only_against_a_meaningful_base():
    from federation.kernel.hooks import MIN_CHANGE_BASE, Tile

    assert Tile("x", 14, 1).change is None  # not "+1300%"
    assert Tile("x", 14, 0).change is None
    assert Tile("x", 14, None).change is None
    assert Tile("x", 15, MIN_CHANGE_BASE).change == 50.0
    assert Tile("x", 9, 12).change == -25.0


def test_the_heat_map_has_a_colour_key_not_counts_in_its_title(world, login):
    import datetime as dt

    from orgs.tallies.models import TallyState
    from tests.orgs.factories import TallyFactory

    year = timezone.localdate().year
    TallyFactory(org=world.c1, month=dt.date(year, 1, 1), state=TallyState.APPROVED)
    response, _count = dashboard(login(world.users["district_staff"]), year=year)
    chart = next(c for c in response.context["charts"] if c.key == "completeness")
    assert "2" not in chart.title and "0" not in chart.title
    assert [item["label"] for item in chart.legend] == ["按时", "迟报", "未报"]
    html = response.content.decode()
    assert 'class="chart-legend' in html and "未报" in html
    header, rows = chart.table()
    assert all(cell in ("按时", "迟报", "未报", None) for row in rows for cell in row[1:])


def test_one_overdue_count_in_the_rights_panel_and_the_to_do_list(world, login):
    from rights.models import Risk
    from tests.rights.factories import CaseFactory

    chair = world.users["street_chair"]
    staff = world.users["district_staff"]
    today = timezone.localdate()
    CaseFactory(org=world.c1, handler=chair, registered_by=staff, risk=Risk.URGENT,
                received_on=today - datetime.timedelta(days=400))  # overdue, came last year
    CaseFactory(org=world.c1, handler=chair, registered_by=staff,
                received_on=today - datetime.timedelta(days=70))
    client = login(chair)
    todo = {i.label: i.count for i in client.get(reverse("todo")).context["items"]}
    panel = dict(client.get(reverse("home")).context["panels"])["rights/_home.html"]
    assert todo["超期案件"] == panel["overdue"] == 2
    html = client.get(reverse("home")).content.decode()
    year_sentence = html.split("本年受理")[1].split("。")[0]
    assert "超期" not in year_sentence  # this year's figures say nothing of overdue cases
