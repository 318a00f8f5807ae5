"""The plan part of the summary (工作思路 / 下半年工作思路), drafted by line of work:

- after a year: next year's plan items and next year's annual targets on the line's
  indicators ("全年目标：宣讲场次400场次、…");
- after part of a year: this year's plan items with their progress so far, where an
  indicator measures them ("截至6月底已完成236场次，完成年度任务的59%").
"""

from __future__ import annotations

from decimal import Decimal

from federation.kernel import numbers
from federation.kernel.periods import Period
from federation.portal.models import PlanItem
from federation.portal.summary import register
from federation.portal.summary.items import lines
from orgs.tallies import figures as tally_figures
from orgs.tallies.models import AnnualTarget


def _figure(value: Decimal, unit: str) -> str:
    return numbers.figure(value, unit, is_money=unit == "元")


def item_sentence(item: PlanItem, done: dict[int, Decimal] | None, period: Period) -> str:
    text = item.task.rstrip("。；;，,")
    if item.target:
        text += f"，目标{_figure(item.target, item.unit)}"
    if item.lead_id:
        text += f"，由{item.lead.name}牵头"
    if item.due_month and (period.is_year or item.due_month > period.months[1]):
        text += f"，{item.due_month}月底前完成"
    if done is not None and item.indicator_id and done.get(item.indicator_id):
        reached = done[item.indicator_id]
        text += f"，截至{period.months[1]}月底已完成{_figure(reached, item.unit)}"
        if item.target:
            text += f"，完成年度任务的{numbers.percent(100 * reached / item.target)}"
    return text


def plan_sections(org, period: Period) -> list[tuple[str, str]]:
    year = period.year + 1 if period.is_year else period.year
    items = list(PlanItem.objects.filter(org=org, year=year).select_related("lead", "line"))
    done = None
    if not period.is_year:
        done = tally_figures.tally_totals(org, period.year_to_end().start, period.end)
    targets = []
    if period.is_year:
        targets = list(AnnualTarget.objects.filter(org=org, year=year,
                                                   indicator__line__isnull=False)
                       .select_related("indicator").order_by("indicator__order"))
    sections = []
    for line in lines():
        sentences = [item_sentence(i, done, period) for i in items if i.line_id == line.pk]
        planned = {i.indicator_id for i in items if i.line_id == line.pk}
        goals = [f"{t.indicator.name}{_figure(t.target, t.indicator.unit)}" for t in targets
                 if t.indicator.line_id == line.pk and t.indicator_id not in planned]
        if goals:
            sentences.append("全年目标：" + "、".join(goals))
        if sentences:
            sections.append((line.name, register.enumerate_items(sentences)))
    return [(register.numbered_heading(n, name), text)
            for n, (name, text) in enumerate(sections, start=1)]
