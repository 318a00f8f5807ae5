"""The cross-app layer's demo data, seeded after every app's (seed_demo): the district's work
plan items (工作要点) for next year, so the demo summary drafts its plan part, and this
year's, each measured by a figure of the summary (a tally indicator, an honour, a registry),
so that the year's figures carry their targets and a half-year summary reports progress."""

from __future__ import annotations

from decimal import Decimal

from federation.kernel.models import LineOfWork
from federation.portal.models import PlanItem

#: (line, task, target, unit, measure (a summary item's key), due month)
NEXT_YEAR = [
    ("ideology", "深化“巾帼心向党”主题宣讲，组建巾帼宣讲队伍进社区、进企业", "400", "场次",
     "tally:lectures", 11),
    ("family", "深入推进“家家幸福安康工程”，评选表彰区级以上“最美家庭”", "5", "户",
     "honours:most-beautiful-family", 5),
    ("family", "持续开展美丽庭院创建，新增星级庭院", "800", "户", None,
     10),
    ("rights", "推进“妇女维权与信息服务站”街道全覆盖，加强婚姻家庭纠纷排查化解", None, "",
     None, 12),
    ("care", "为适龄妇女免费开展“两癌”筛查", "33000", "人", "tally:cervical_screening",
     11),
    ("children", "制定新一轮儿童友好型城区建设行动计划，新建公共场所母婴室", "12", "间",
     "children:rooms", 9),
    ("merit", "实施“春风送岗位”行动，帮助妇女实现就业", "6000", "人", "tally:new_jobs", 12),
    ("volunteer", "壮大巾帼志愿者队伍，开展巾帼志愿服务", "300", "次",
     "tally:volunteer_services", 12),
    ("organization", "深化妇联组织建设改革“破难行动”，实施基层妇联领头雁培训计划", None, "",
     None, 10),
]


def seed(ctx) -> None:
    lines = {line.code: line for line in LineOfWork.objects.all()}
    items = []
    for year in (ctx.today.year, ctx.today.year + 1):
        for order, (line, task, target, unit, measure, due) in enumerate(NEXT_YEAR):
            items.append(PlanItem(
                org=ctx.district, year=year, line=lines[line], task=task, unit=unit,
                target=Decimal(target) if target else None, measure=measure or "",
                lead=ctx.district if order % 3 else None, due_month=due, order=order))
    PlanItem.objects.bulk_create(items)
