"""The year-end summary: runs, de-duplication, scoped downloads, figures equal to the pages'."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from federation import celery_app
from federation.portal.models import ReportRun
from federation.portal.summary.service import request_run
from federation.portal.summary.tasks import build_summary
from tests.factories import PositionFactory


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Tests run inside a transaction: `with committed():` runs the after-commit callbacks
    (where the task is queued) when the block ends, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def reset_broker_connections():
    """Celery caches its broker connections: drop them so a changed broker_url takes effect."""
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def line_rows(content: bytes) -> list[tuple]:
    """Every figure on the sheets of the lines of work: (label, unit, this period, last
    year, source)."""
    book = load_workbook(io.BytesIO(content))
    rows = []
    for name in book.sheetnames[1:]:
        if name.startswith("附表") or "、" not in name[:3]:
            continue
        for r in list(book[name].iter_rows(values_only=True))[4:]:
            if r[1]:
                rows.append((r[1], r[2], r[3], r[4], r[8] or ""))
    return rows


def stated(content: bytes) -> dict:
    """label -> this period's figure, as first stated on the lines' sheets."""
    figures = {}
    for label, _unit, value, _last, _source in line_rows(content):
        figures.setdefault(label, value)
    return figures


def sheet_rows(content: bytes, title: str) -> list[tuple]:
    return list(load_workbook(io.BytesIO(content))[title].iter_rows(values_only=True))


def generate(client, year, org, committed):
    """Ask for a run as the browser does; return the run page once the task has run."""
    with committed():
        response = client.post(reverse("summary:home"), {"year": year, "org": org.pk})
    if response.status_code != 302:
        return response
    return client.get(response["Location"])


def test_leader_generates_and_downloads_both_files(world, login, media, committed):
    client = login(world.users["leader"])
    response = generate(client, 2025, world.district, committed)
    run = response.context["run"]
    assert run.status == ReportRun.Status.DONE and run.attempts == 1 and run.progress == 100
    xlsx = client.get(reverse("summary:download", args=[run.pk, "xlsx"]))
    titles = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).sheetnames
    assert titles[0] == "关键指标" and "附表：组织机构" in titles
    docx = client.get(reverse("summary:download", args=[run.pk, "docx"]))
    assert b"".join(docx.streaming_content)[:2] == b"PK"
    assert not list(media.glob("reports/.tmp-*"))  # nothing half-written left behind


def test_workbook_figures_equal_the_pages(world, login, media, committed):
    for org, post in ((world.c1, "chair"), (world.c2, "vice_part"), (world.c3, "member"),
                      (world.s1, "chair"), (world.h1, "chair")):
        PositionFactory(org=org, post=post)
    client = login(world.users["district_staff"])
    run = generate(client, 2026, world.district, committed).context["run"]
    content = b"".join(client.get(reverse("summary:download",
                                          args=[run.pk, "xlsx"])).streaming_content)
    page = client.get(reverse("orgs:committee_stats")).context
    rows = sheet_rows(content, "附表：组织机构")
    header = next(i for i, r in enumerate(rows) if r[0] == "层级")
    workbook_table = [list(r[1:9]) for r in rows[header + 1: header + 5]]
    page_table = [counts + [total] for _label, counts, total in page["table"]]
    assert workbook_table == page_table
    overview = stated(content)
    assert overview["执委人数"] == page["headline"]["committee_members"]
    assert overview["社区（村）妇联"] == page["headline"]["communities"]


def test_street_chair_builds_only_her_street_and_downloads_only_runs_she_covers(
        world, login, media, committed):
    street = login(world.users["street_chair"])
    assert generate(street, 2025, world.district, committed).context["form"].errors  # not a choice
    own = generate(street, 2025, world.s1, committed).context["run"]
    with committed():
        district_run, _ = request_run(world.users["leader"], 2025, world.district)
        other_run, _ = request_run(world.users["other_street_chair"], 2025, world.s2)
    for run in (district_run, other_run):
        for name, args in (("summary:run", [run.pk]), ("summary:download", [run.pk, "xlsx"]),
                           ("summary:download", [run.pk, "docx"])):
            assert street.get(reverse(name, args=args)).status_code == 404
    assert street.get(reverse("summary:download", args=[own.pk, "xlsx"])).status_code == 200
    leader = login(world.users["leader"])
    assert leader.get(reverse("summary:download", args=[other_run.pk, "xlsx"])).status_code == 200
    assert login(world.users["community_chair"]).get(reverse("summary:home")).status_code == 403


def test_asking_again_while_building_joins_the_build(world, media, settings, committed):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # nothing runs: the first run stays queued
    celery_app.conf.task_always_eager = False
    sent = []
    original = build_summary.apply_async
    build_summary.apply_async = lambda *a, **k: sent.append(a)
    try:
        with committed():
            first, created = request_run(world.users["leader"], 2025, world.district)
        with committed():
            again, created_again = request_run(world.users["district_staff"], 2025,
                                               world.district)
    finally:
        build_summary.apply_async = original
        celery_app.conf.task_always_eager = True
    assert created and not created_again and again.pk == first.pk
    assert ReportRun.objects.count() == 1 and len(sent) == 1


def test_a_run_gives_up_after_three_attempts(world, media):
    run = ReportRun.objects.create(year=2025, org=world.district, attempts=3)
    assert build_summary.apply(args=(run.pk,)).get() == "gave up"
    run.refresh_from_db()
    assert run.status == ReportRun.Status.FAILED and "3" in run.error and not run.workbook


def test_a_redelivered_task_for_a_finished_run_does_nothing(world, media, committed):
    with committed():
        run, _ = request_run(world.users["leader"], 2025, world.district)
    run.refresh_from_db()
    assert run.status == ReportRun.Status.DONE
    assert build_summary.apply(args=(run.pk,)).get() == "not building"
    run.refresh_from_db()
    assert run.attempts == 1


def test_queue_unavailable_is_said_at_once(world, login, media, settings, committed):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    celery_app.conf.task_always_eager = False
    broker = celery_app.conf.broker_url
    celery_app.conf.broker_url = "redis://127.0.0.1:9/0"  # nothing listens there
    reset_broker_connections()
    try:
        client = login(world.users["leader"])
        response = generate(client, 2025, world.district, committed)
    finally:
        celery_app.conf.broker_url = broker
        celery_app.conf.task_always_eager = True
        reset_broker_connections()
    run = response.context["run"]
    assert run.status == ReportRun.Status.FAILED
    assert "任务队列暂不可用" in response.content.decode()


def test_command_line_builds_the_same_workbook(world, tmp_path):
    PositionFactory(org=world.c1, post="chair")
    xlsx, docx = tmp_path / "s.xlsx", tmp_path / "s.docx"
    call_command("year_summary", "2025", "--org", "S1", "-o", str(xlsx), "--docx", str(docx),
                 stdout=io.StringIO())
    rows = sheet_rows(xlsx.read_bytes(), "附表：组织机构")
    assert rows[1][0].startswith("范围：东湖街道妇联")
    assert docx.stat().st_size > 0


def test_family_sheet_equals_the_coverage_page_and_honour_counts(world, login, media,
                                                                committed):
    import datetime

    from families.models import State
    from tests.families.factories import HonourFactory, HouseholdFactory, inspect

    world.c1.households, world.c3.households = 400, 300
    world.c1.save()
    world.c3.save()
    for org, score in ((world.c1, 95), (world.c1, 85), (world.c1, 40), (world.c3, 65)):
        inspect(HouseholdFactory(org=org), score, datetime.date(2025, 5, 1))
    HonourFactory(org=world.c1, state=State.AWARDED, year=2025)
    HonourFactory(org=world.c3, state=State.AWARDED, year=2025)
    HonourFactory(org=world.c3, state=State.NOMINATED, year=2025)
    client = login(world.users["district_staff"])
    run = generate(client, 2025, world.district, committed).context["run"]
    content = b"".join(client.get(reverse("summary:download",
                                          args=[run.pk, "xlsx"])).streaming_content)
    rows = sheet_rows(content, "附表：家庭文明")
    page = client.get(reverse("families:coverage")).context
    start = next(i for i, r in enumerate(rows) if r[0] == "街道（乡镇）") + 1
    for row, street in zip(rows[start:start + 2], page["streets"], strict=True):
        assert row[0] == street.org.name
        assert row[2] == street.in_campaign
        assert list(row[3:3 + len(street.by_tier)]) == list(street.by_tier.values())
    from django.utils import translation

    from federation.portal.summary.leader_workbook import source_label

    with translation.override("zh-hans"):
        honours_source = source_label("honours:any")
    honours = [r for r in line_rows(content) if r[4] == honours_source and "（" not in r[0]]
    assert sum(r[2] for r in honours) == 2
    assert stated(content)["参与美丽庭院创建户数"] == sum(s.in_campaign for s in page["streets"])


def test_children_sheet_equals_the_overview_page_without_names(world, login, media,
                                                              committed):
    import datetime
    from decimal import Decimal

    from tests.children.factories import ChildFactory, GrantFactory, RoomFactory

    RoomFactory(org=world.c1, built_on=datetime.date(2025, 3, 1))
    RoomFactory(org=world.c3, built_on=datetime.date(2025, 6, 1))
    RoomFactory(org=world.c3, built_on=datetime.date(2024, 6, 1))
    child = ChildFactory(org=world.c1, name="张小花")
    GrantFactory(child=child, amount=Decimal("600"), paid_on=datetime.date(2025, 9, 1))
    GrantFactory(child=ChildFactory(org=world.c3), amount=Decimal("400"),
                 paid_on=datetime.date(2025, 9, 1))
    client = login(world.users["leader"])
    run = generate(client, 2025, world.district, committed).context["run"]
    content = b"".join(client.get(reverse("summary:download",
                                          args=[run.pk, "xlsx"])).streaming_content)
    overview = {r[0]: (r[2], r[3]) for r in line_rows(content)}
    page = client.get(reverse("children:overview"), {"year": 2025}).context
    assert overview["建成母婴室"] == (page["rooms_built"], 1)
    # Two children aided: the published summary withholds the count and the money beside it.
    assert float(page["grants"]["amount"]) == 1000 and "资助金额" not in overview
    rows = sheet_rows(content, "附表：儿童工作")
    assert not any("张小花" in str(cell) for row in rows for cell in row)
    categories = rows[next(i for i, r in enumerate(rows) if r[0] == "类别") + 1:]
    shown = {r[0]: r[1] for r in categories if r[0]}
    # The two children aided are a tiny cell; the narrative publishes their total (2), so a
    # zero beside it is withheld too, or "<3" would give the 2 away.
    assert shown["留守儿童"] == "<3" and shown["困境儿童"] == "—"


def test_rights_sheet_holds_counts_only_and_equals_the_statistics_page(world, login, media,
                                                                      committed):
    import datetime

    from rights.models import Category
    from tests.rights.factories import CaseFactory, ComplainantFactory, MediationFactory

    on = datetime.date(2025, 4, 1)
    violence = Category.objects.get(code="domestic_violence")
    staff = world.users["district_staff"]
    CaseFactory(org=world.c1, received_on=on, category=violence, registered_by=staff,
                complainant=ComplainantFactory(org=world.c1, name="赵春燕"))
    for org in (world.c1, world.c3, world.c3):
        case = CaseFactory(org=org, received_on=on, registered_by=staff)
        MediationFactory(case=case, started_on=on, agreement_reached=True, registered_by=staff)
    client = login(world.users["district_staff"])
    run = generate(client, 2025, world.district, committed).context["run"]
    content = b"".join(client.get(reverse("summary:download",
                                          args=[run.pk, "xlsx"])).streaming_content)
    assert "赵春燕".encode() not in content and "王建国".encode() not in content
    rows = sheet_rows(content, "附表：维权服务")
    categories = {r[0].strip("\u3000"): r[1] for r in rows if r[0] and r[1] is not None}
    assert categories["家庭暴力"] == "<3"
    page = client.get(reverse("rights:stats"), {"year": 2025}).context
    overview = stated(content)
    assert overview["受理维权案件"] == page["totals"]["received"] == 4
    assert overview["调解婚姻家庭纠纷"] == page["mediation"]["mediations"] == 3


def test_tally_sheets_equal_the_totals_and_reporting_pages(world, login, media, committed):
    import datetime

    from orgs.tallies.models import Indicator, TallyState
    from tests.orgs.factories import TallyFactory, put

    def submitted(org, month, on, **values):
        at = timezone.make_aware(datetime.datetime.combine(on, datetime.time(10)))
        put(TallyFactory(org=org, month=month, state=TallyState.SUBMITTED,
                         first_submitted_at=at, submitted_at=at), **values)

    march, april = datetime.date(2025, 3, 1), datetime.date(2025, 4, 1)
    submitted(world.c1, march, datetime.date(2025, 4, 2), lectures=2, cervical_screening=30)
    submitted(world.c3, march, datetime.date(2025, 4, 20), lectures=5)
    submitted(world.c1, april, datetime.date(2025, 5, 3), lectures=1)
    client = login(world.users["district_staff"])
    run = generate(client, 2025, world.district, committed).context["run"]
    content = b"".join(client.get(reverse("summary:download",
                                          args=[run.pk, "xlsx"])).streaming_content)
    page = client.get(reverse("orgs:rollup"), {"start": "2025-01", "end": "2025-12"})
    totals = {i.name: total for i, total in page.context["rows"]}
    rows = sheet_rows(content, "附表：月报汇总")
    header = next(i for i, r in enumerate(rows) if r[0] == "指标")
    sheet = {r[0]: r for r in rows[header + 1:header + 1 + Indicator.objects.count()]}
    lectures = Indicator.objects.get(code="lectures").name
    assert sheet[lectures][4] == 7 and sheet[lectures][5] == 1  # March, April
    assert sheet[lectures][14] == float(totals[lectures]) == 8
    screening = Indicator.objects.get(code="breast_screening").name
    assert sheet[screening][14] == "—" and totals[screening] is None  # empty is not 0
    completeness = sheet_rows(content, "附表：月报填报情况")
    start = next(i for i, r in enumerate(completeness) if r[0] == "月份") + 1
    march_row = completeness[start + 2]
    assert march_row[1:4] == (5, 2, 1)  # S1, S2, C1, C2, C3 expected; C1 on time, C3 late



def test_query_count_is_the_same_at_one_and_three_times_the_organizations(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from federation.kernel.periods import Period
    from federation.portal.summary.annexes import annexes
    from federation.portal.summary.build import collect
    from tests.factories import OrganizationFactory

    def grow(times: int):
        for _ in range(times):
            street = OrganizationFactory(parent=world.district, kind="street")
            for _ in range(3):
                community = OrganizationFactory(parent=street, kind="community")
                PositionFactory(org=community, post="chair")
            world.district.refresh_from_db()

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            collect(world.district, Period(2025))
            annexes(world.district, Period(2025))
        return len(captured)

    grow(2)
    once = queries()
    grow(4)
    thrice = queries()
    assert once == thrice <= 130, (once, thrice)


def test_rates_count_only_months_whose_deadline_has_passed(world):
    """A summary drafted in December must not count November (due 5 December) or December as
    missing: their rates stay empty and the year's rate is over the months already due."""
    import time_machine

    from federation.kernel.periods import Period
    from orgs.annexes import completeness
    from orgs.tallies.models import TallyState
    from tests.orgs.factories import TallyFactory

    november = datetime.date(2025, 11, 1)
    at = timezone.make_aware(datetime.datetime(2025, 12, 2, 10))
    TallyFactory(org=world.c1, month=november, state=TallyState.SUBMITTED,
                 first_submitted_at=at, submitted_at=at)
    for moment, due_months in (("2025-12-03T10:00+08:00", 10), ("2025-12-10T10:00+08:00", 11)):
        with time_machine.travel(moment, tick=False):
            annex = completeness(world.district, Period(2025))
        months = annex.tables[0].rows
        assert [row[4] is not None for row in months] == [m < due_months for m in range(12)]
        assert months[10][1:3] == [5, 1]  # November: five expected, one in so far
        assert months[9][1:3] == [5, 0]  # October: due, none in
