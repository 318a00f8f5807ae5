"""The leader's workbook: the key figures by line of work (this period, last year "—" when
there is no data, change, target, completion), one sheet per line, annexes last, charts of one
unit each, every text a text cell, printed on A4 with titles and page numbers."""

from __future__ import annotations

import datetime
import zipfile
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from federation.kernel.hooks import Figure, SummaryItem
from federation.kernel.periods import Period
from federation.kernel.report import Annex, Table
from federation.portal.summary.leader_workbook import write_leader_workbook


@dataclass
class Line:
    code: str
    name: str


LINES = [Line("ideology", "思想引领"), Line("family", "家庭文明建设"),
         Line("rights", "维权服务"), Line("care", "关爱帮扶")]

ITEMS = [
    SummaryItem("ideology", "开展宣讲{value}场次，覆盖{people}人次", [
        Figure("value", "宣讲场次", 398, "场次", last=350, target=600, source="tally:lectures"),
        Figure("people", "宣讲覆盖人次", 23600, "人次", last=None, source="tally:attendance"),
    ], key="tally:lectures", order=1),
    SummaryItem("ideology", "=HYPERLINK(\"http://x\")开展{value}场", [
        Figure("value", "=1+1 恶意名称", 5, "场", source="activity:1")], key="campaign:1",
        order=2, highlight="全市首个小区婚调室"),
    SummaryItem("family", "评选最美家庭{value}户", [
        Figure("value", "最美家庭", 120, "户", last=0, target=100, source="registry:honours")],
        key="honours:family", order=1),
    SummaryItem("care", "募集善款{value}", [
        Figure("value", "募集善款金额", 3462700, money=True, last=2100000, target=5000000,
               source="tally:funds_raised")], key="tally:funds", order=1),
    SummaryItem("care", "走访困难妇女{value}人次", [
        Figure("value", "走访困难妇女", 812, "人次", last=None, source="tally:visits")],
        key="tally:visits", order=2),
    SummaryItem("rights", "调解婚姻家庭纠纷{value}起", [
        Figure("value", "调解纠纷", None, "起", source="registry:mediations")],
        key="registry:mediations", order=1),
]

ANNEXES = [
    Annex("各街道月报合计", [Table("各街道月报合计", ["街道", "宣讲场次", "募集善款金额"],
                                 [["东街道", 200, 1000.5], ["-西街道", 198, 2000]])]),
    Annex("填报完整性", [Table("各组织逐月", ["组织", "1月", "2月"],
                               [["东街道", "按时", "迟报"]], total=False)]),
]


def sentence(item: SummaryItem) -> str:
    main = item.figure("value")
    if main.value is None:
        return ""
    return item.phrase.replace("{value}", str(main.value)).replace("{people}", "")


def build(path, items=ITEMS, period=None, annexes=ANNEXES):
    period = period or Period(2026, "H1")
    with translation.override("zh-hans"):
        write_leader_workbook(path, items=items, lines=LINES, period=period,
                              org_name="示范区妇联",
                              generated=datetime.datetime(2026, 7, 3, 9, 30),
                              sentence=sentence, annexes=annexes)
    return load_workbook(path)


@pytest.fixture
def book(tmp_path):
    return build(tmp_path / "summary.xlsx")


def key_rows(wb) -> dict[str, tuple]:
    """Figure label -> (unit, this period, last year, change, target, completion)."""
    ws = wb["关键指标"]
    rows = list(ws.iter_rows(min_row=5, values_only=True))
    return {r[0]: r[1:7] for r in rows if r[1] is not None}


def test_sheets_key_figures_first_lines_in_order_annexes_last_chart_data_hidden(book):
    # a line with nothing to say (its only figure is empty) has no sheet and no number
    assert book.sheetnames == ["关键指标", "一、思想引领", "二、家庭文明建设", "三、关爱帮扶",
                               "附表：各街道月报合计", "附表：填报完整性", "图表数据"]
    assert book["图表数据"].sheet_state == "hidden"
    assert all(book[name].sheet_state == "visible" for name in book.sheetnames[:-1])


def test_key_figures_equal_the_items(book):
    rows = key_rows(book)
    assert rows["宣讲场次"] == ("场次", 398, 350, pytest.approx(48 / 350), 600,
                                pytest.approx(398 / 600))
    # money of 10,000 元 or more in 万元 with two decimals, the whole row in one unit
    assert rows["募集善款金额"] == ("万元", 346.27, 210, pytest.approx(136.27 / 210), 500,
                                    pytest.approx(346.27 / 500))
    # the lines' headings in their order, each before its figures
    column = [c.value for c in book["关键指标"]["A"]]
    assert column.index("一、思想引领") < column.index("宣讲场次") < column.index(
        "二、家庭文明建设") < column.index("最美家庭") < column.index("三、关爱帮扶")
    assert not any("维权服务" in str(value) for value in column)


def test_absent_last_year_is_a_dash_never_zero_and_change_needs_a_base(book):
    rows = key_rows(book)
    assert rows["走访困难妇女"] == ("人次", 812, "—", "—", "—", "—")
    # last year 0: no change is stated against it (it is not a meaningful base)
    assert rows["最美家庭"][1:4] == (120, 0, "—")
    assert rows["最美家庭"][5] == pytest.approx(1.2)


def test_each_line_sheet_holds_its_items_figures_and_sentences(book):
    ws = book["一、思想引领"]
    rows = [r for r in ws.iter_rows(min_row=5, values_only=True) if any(r)]
    assert rows[0][:5] == ("开展宣讲398场次，覆盖人次", "宣讲场次", "场次", 398, 350)
    assert rows[1][:5] == (None, "宣讲覆盖人次", "人次", 23600, "—")
    assert rows[1][8] == "月报"
    assert any("全市首个小区婚调室" in str(r[0]) for r in rows)
    figures = {r[1]: r[3] for r in rows if r[1]}
    assert figures == {"宣讲场次": 398, "宣讲覆盖人次": 23600, "=1+1 恶意名称": 5}


def test_no_cell_is_a_formula_and_text_that_looks_like_one_stays_text(book):
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", (ws.title, c.coordinate, c.value)
    ws = book["一、思想引领"]
    texts = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str)
             and c.value.startswith("=")]
    assert {c.value for c in texts} == {"=HYPERLINK(\"http://x\")开展5场", "=1+1 恶意名称"}
    assert all(c.quotePrefix for c in texts)


def test_printed_on_a4_fitted_to_width_with_titles_and_page_numbers(book):
    for ws in book.worksheets[:-1]:
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.print_title_rows.startswith("$1:$")
        assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
    assert book["关键指标"].print_title_rows == "$1:$4"
    assert book["关键指标"].page_setup.orientation == "portrait"


def chart_series(path):
    """[(chart title, [(series name ref, values ref)])] read from the saved file's XML."""
    import re

    charts = []
    with zipfile.ZipFile(path) as archive:
        for name in sorted(n for n in archive.namelist() if n.startswith("xl/charts/chart")):
            xml = archive.read(name).decode()
            title = "".join(re.findall(r"<a:t>([^<]*)</a:t>", xml.split("<plotArea>")[0]))
            values = re.findall(r"<val><numRef><f>([^<]+)</f>", xml)
            charts.append((title, values))
    return charts


def rows_of(book, reference: str) -> list[int]:
    match = reference.replace("$", "").split("!")[1]
    first, _sep, last = match.partition(":")
    return list(range(int("".join(filter(str.isdigit, first))),
                      int("".join(filter(str.isdigit, last or first))) + 1))


def test_charts_never_mix_units_and_money_is_alone(tmp_path):
    path = tmp_path / "summary.xlsx"
    book = build(path)
    data = book["图表数据"]
    charts = chart_series(path)
    # completion (%); this period against last year in 场次, in 户 (last year 0 is data), in 万元
    assert len(charts) == 4
    titles = [title for title, _values in charts]
    assert titles[0] == "年度目标完成率（%）"
    for title, values in charts:
        units = {data.cell(row=r, column=2).value for ref in values for r in rows_of(book, ref)}
        assert len(units) == 1, (title, units)
        assert next(iter(units)) in title
    # the completion chart: each figure's completion beside the share of the year elapsed
    completion = [data.cell(row=r, column=3).value for r in rows_of(book, charts[0][1][0])]
    assert completion == [pytest.approx(398 / 600, abs=1e-4), pytest.approx(1.2),
                          pytest.approx(346.27 / 500, abs=1e-4)]
    share = {data.cell(row=r, column=4).value for r in rows_of(book, charts[0][1][1])}
    assert share == {0.5}


def test_a_period_without_any_figure_writes_a_workbook_without_charts(tmp_path):
    empty = [SummaryItem("rights", "调解纠纷{value}起", [Figure("value", "调解纠纷", None, "起")])]
    book = build(tmp_path / "empty.xlsx", items=empty, annexes=[])
    assert book.sheetnames == ["关键指标"]
    assert chart_series(tmp_path / "empty.xlsx") == []


def test_the_title_names_the_period(tmp_path):
    book = build(tmp_path / "y.xlsx", period=Period(2025))
    assert "2025年工作总结" in book["关键指标"]["A1"].value
    book = build(tmp_path / "h1.xlsx", period=Period(2026, "H1"))
    assert "2026年上半年工作总结" in book["关键指标"]["A1"].value
    assert "时间进度 50%" in book["关键指标"]["A2"].value


def test_annexes_equal_the_tally_pages(world, login, tmp_path):
    from orgs import annexes as org_annexes
    from orgs.tallies.models import Indicator, TallyState
    from tests.orgs.factories import TallyFactory, put

    def submitted(org, month, on, **values):
        at = timezone.make_aware(datetime.datetime.combine(on, datetime.time(10)))
        put(TallyFactory(org=org, month=month, state=TallyState.SUBMITTED,
                         first_submitted_at=at, submitted_at=at), **values)

    march, april = datetime.date(2025, 3, 1), datetime.date(2025, 4, 1)
    submitted(world.c1, march, datetime.date(2025, 4, 2), lectures=2)
    submitted(world.c3, march, datetime.date(2025, 4, 20), lectures=5)
    submitted(world.c1, april, datetime.date(2025, 5, 3), lectures=1)
    submitted(world.c1, datetime.date(2025, 8, 1), datetime.date(2025, 9, 3), lectures=9)
    period = Period(2025, "H1")
    with translation.override("zh-hans"):
        parts = [org_annexes.street_totals(world.district, period),
                 org_annexes.completeness(world.district, period,
                                      today=datetime.date(2025, 7, 20))]
    book = build(tmp_path / "annexes.xlsx", period=period, annexes=parts)
    assert book.sheetnames[-3:] == ["附表：各街道月报合计", "附表：月报填报情况", "图表数据"]
    rows = list(book["附表：各街道月报合计"].iter_rows(values_only=True))
    lectures = Indicator.objects.get(code="lectures")
    label = f"{lectures.name}（{lectures.unit}）"
    start = next(i for i, r in enumerate(rows) if r[0] == "街道" and label in r)
    column = rows[start].index(label)
    block = rows[start + 1:start + 1 + next(
        n for n, r in enumerate(rows[start + 1:]) if r[0] is None)]
    by_street = {r[0]: r[column] for r in block}
    assert list(by_street) == [world.s1.name, world.s2.name, "合计"]
    assert by_street.pop("合计") == 8
    assert by_street == {world.s1.name: 3, world.s2.name: 5}  # August is not in H1
    # the same figures as the roll-up page of each street
    client = login(world.users["district_staff"])
    for street, value in ((world.s1, 3), (world.s2, 5)):
        page = client.get(reverse("orgs:rollup"), {"start": "2025-01", "end": "2025-06",
                                                    "org": street.pk})
        assert page.status_code == 200
        assert {i.code: t for i, t in page.context["rows"]}["lectures"] == value
    grid = list(book["附表：月报填报情况"].iter_rows(values_only=True))
    start = next(i for i, r in enumerate(grid) if r[0] == "月份") + 1
    assert [r[0] for r in grid[start:start + 6]] == [f"{m}月" for m in range(1, 7)]
    assert grid[start + 2][1:4] == (5, 2, 1)  # S1, S2, C1, C2, C3 expected; C1 on time
    months = next(r for r in grid if r[0] == "组织")
    assert months[2:] == tuple(f"{m}月" for m in range(1, 7))


def test_completion_is_measured_on_the_year_to_date_where_given():
    from federation.portal.summary.leader_workbook import Row

    q3 = Row("宣讲场次", "场次", value=100, last=None, target=600, source="", to_date=450)
    assert q3.completion == pytest.approx(0.75)  # January to September, not the quarter alone
    assert Row("宣讲场次", "场次", 100, None, 600, "").completion == pytest.approx(1 / 6)
    assert Row("宣讲场次", "场次", 100, None, None, "").completion is None
