"""The narrative's rules, pinned: zeros and missing figures left out, money in 万元 from
10,000 元, units written once, a comparison only with a year that has data, "一是…二是…", one
figure for one thing, any period; and every figure the narrative states equals the
workbook's."""

from __future__ import annotations

import datetime
import io
import re
from decimal import Decimal

import pytest
from docx import Document
from openpyxl import load_workbook

from federation.kernel import numbers
from federation.kernel.hooks import Figure, SummaryItem
from federation.kernel.periods import Period
from federation.portal.summary import register


def item(phrase, *figures, **kwargs):
    return SummaryItem("ideology", phrase, list(figures), **kwargs)


def test_money_is_written_in_wan_from_ten_thousand_and_counts_with_their_unit_once():
    assert numbers.money(3462700) == "346.27万元"
    assert numbers.money(Decimal("10000")) == "1.00万元"
    assert numbers.money(8500) == "8500元"
    assert numbers.count(398, "场次") == "398场次"
    assert numbers.count(1100, "场次", rounded=True) == "1100余场次"
    assert numbers.percent(58.33) == "58.3%" and numbers.percent(95) == "95%"
    lectures = item("开展宣讲{value}，覆盖{people}", Figure("value", "宣讲场次", 398, "场次"),
                    Figure("people", "宣讲人次", 12000, "人次"))
    assert register.sentence(lectures) == "开展宣讲398场次，覆盖12000人次"
    funds = item("募集善款{value}", Figure("value", "募集善款", 3462700, "元", money=True))
    assert register.sentence(funds) == "募集善款346.27万元"


def test_a_zero_or_missing_figure_is_left_out_and_so_is_an_item_without_its_main_figure():
    lectures = item("开展宣讲{value}，覆盖{people}", Figure("value", "宣讲场次", 398, "场次"),
                    Figure("people", "宣讲人次", 0, "人次"))
    assert register.sentence(lectures) == "开展宣讲398场次"
    screenings = item("开展“两癌”免费筛查，其中宫颈癌筛查{value}、乳腺癌筛查{breast}",
                      Figure("value", "宫颈癌", 300, "人"), Figure("breast", "乳腺癌", None, "人"))
    assert register.sentence(screenings) == "开展“两癌”免费筛查，其中宫颈癌筛查300人"
    elections = item("完成{value}妇联组织换届", Figure("value", "换届", 0, "个"))
    assert register.sentence(elections) == ""
    assert register.paragraph("开头。", [elections]) == ""  # a line with nothing to say


def test_comparison_only_with_a_last_year_that_has_data_and_progress_against_the_target():
    def lectures(last, target=None):
        return item("开展宣讲{value}", Figure("value", "宣讲场次", 120, "场次", last=last,
                                          target=target))

    assert register.sentence(lectures(None)) == "开展宣讲120场次"  # no data last year
    assert register.sentence(lectures(4)) == "开展宣讲120场次"  # too small a base
    assert register.sentence(lectures(100)) == "开展宣讲120场次，同比增长20%"
    assert register.sentence(lectures(150)) == "开展宣讲120场次，同比下降20%"
    assert register.sentence(lectures(120)) == "开展宣讲120场次"  # nothing about a zero
    assert register.sentence(lectures(None, target=200)) == "开展宣讲120场次，完成年度任务的60%"
    assert "同比增长0.0%" not in register.sentence(lectures(120))


def test_items_are_enumerated_the_reports_way():
    one = item("开展宣讲{value}", Figure("value", "宣讲", 3, "场次"), order=1)
    two = item("", highlight="在桃源社区成立了全市首个小区婚调室。", order=2)
    assert register.paragraph("坚持思想引领。", [two, one]) == (
        "坚持思想引领。一是开展宣讲3场次。二是在桃源社区成立了全市首个小区婚调室。")
    assert register.paragraph("", [one]) == "开展宣讲3场次。"
    assert register.chinese_ordinal(11) == "十一" and register.chinese_ordinal(20) == "二十"


def test_periods():
    h1 = Period.parse(2026, "h1")
    assert (h1.start, h1.end, h1.share_of_year) == (datetime.date(2026, 1, 1),
                                                    datetime.date(2026, 6, 30), 0.5)
    q3 = Period.parse(2026, "Q3")
    assert q3.year_to_end().start == datetime.date(2026, 1, 1) and q3.end.month == 9
    assert Period.parse(2026, "YTD", today=datetime.date(2026, 8, 15)).end == \
        datetime.date(2026, 8, 31)
    with pytest.raises(ValueError):
        Period.parse(2026, "H3")


@pytest.fixture
def built(world, tmp_path):
    """The district's H1 2025 summary from tallies, a campaign, a highlight and a case."""
    from django.core.management import call_command

    from federation.kernel.models import LineOfWork
    from orgs.activities.models import ActivityCategory, Campaign
    from orgs.tallies.models import AnnualTarget, Indicator, TallyState
    from tests.orgs.factories import ActivityFactory, TallyFactory, put

    for month, lectures in ((datetime.date(2025, 3, 1), 40), (datetime.date(2025, 4, 1), 60)):
        put(TallyFactory(org=world.c1, month=month, state=TallyState.APPROVED),
            lectures=lectures, disputes_mediated=9, funds_raised=Decimal("3462700"))
    put(TallyFactory(org=world.c1, month=datetime.date(2024, 3, 1), state=TallyState.APPROVED),
        lectures=80)
    AnnualTarget.objects.create(org=world.district, year=2025, target=250,
                                indicator=Indicator.objects.get(code="lectures"))
    family = LineOfWork.objects.get(code="family")
    virtue = ActivityCategory.objects.get(code="family_virtue")
    campaign = Campaign.objects.create(name="百合之约", line=family, org=world.district,
                                       first_year=2024,
                                       phrase="开展“百合之约”婚恋交友活动{activities}，服务{people}")
    for day in (3, 4):
        ActivityFactory(org=world.c1, category=virtue, campaign=campaign, participants=50,
                        starts_on=datetime.date(2025, 5, day))
    ActivityFactory(org=world.c3, category=virtue, starts_on=datetime.date(2025, 5, 9),
                    participants=30, highlight="在桃源社区成立了全市首个小区婚调室")
    xlsx, docx = tmp_path / "s.xlsx", tmp_path / "s.docx"
    call_command("year_summary", "2025", "--period", "H1", "-o", str(xlsx), "--docx",
                 str(docx), stdout=io.StringIO())
    text = "\n".join(p.text for p in Document(docx).paragraphs)
    return text, load_workbook(xlsx)


def test_the_h1_narrative_reads_like_the_reports(built):
    text, _book = built
    assert "2025年上半年工作总结和下半年工作思路" in text
    assert "一、2025年上半年工作情况" in text and "二、下半年工作思路" in text
    assert "（一）抓思想引领，引领妇女更有力" in text
    # 100 lectures in H1 against 80 in H1 2024; the annual target 250 is 40% done.
    assert "开展巾帼宣讲100场次，同比增长25%，完成年度任务的40%" in text
    assert "募集善款692.54万元" in text  # two months of 3,462,700 元
    assert "开展“百合之约”婚恋交友活动2场，服务100人次" in text
    assert "在桃源社区成立了全市首个小区婚调室" in text
    assert not re.search(r"(?<![\d.])0(场次|人次|户|个|名|件|起|元|万元)", text)  # no zeros
    assert "0.0%" not in text


def test_one_figure_for_one_thing_and_the_narrative_equals_the_workbook(built):
    text, book = built
    # 调解婚姻家庭纠纷 is recorded by the case registry: the tallies' 18 is not stated, and
    # the reconciliation annex lists the street where the two disagree.
    assert "调解婚姻家庭纠纷18起" not in text
    annex = list(book["附表：数据核对"].iter_rows(values_only=True))
    assert any(r[0] == "东湖街道妇联" and r[2] == 18 and r[3] == 0 for r in annex if r[0])
    key = {r[0]: r[2] for r in book["关键指标"].iter_rows(values_only=True) if r[0]}
    assert key["宣讲场次"] == 100 and "开展巾帼宣讲100场次" in text
    assert key["募集善款金额"] == 692.54 and "募集善款692.54万元" in text
