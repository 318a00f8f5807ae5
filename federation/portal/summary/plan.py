"""The plan part of the summary (工作思路 / 下半年工作思路), drafted by line of work:

- after a year: next year's plan items and next year's annual targets on the line's
  indicators ("全年目标：宣讲场次400场次、…");
- after part of a year: this year's plan items with their progress so far, where a figure
  of the summary measures them (`PlanItem.measure`, a summary item's key: its main figure
  from 1 January): "截至6月底已完成236场次，完成年度任务的59%".
"""

from __future__ import annotations

from decimal import Decimal

from federation.kernel import numbers
from federation.kernel.hooks import SummaryItem
from federation.kernel.periods import Period
from federation.portal.models import PlanItem
from federation.portal.summary import register
from federation.portal.summary.items import lines, main_figure
from orgs.tallies.models import AnnualTarget


def _figure(value: Decimal, unit: str) -> str:
    return numbers.figure(value, unit, is_money=unit == "元")


def item_sentence(item: PlanItem, done: dict[str, Decimal] | None, period: Period) -> str:
    text = item.task.rstrip("。；;，,")
    if item.target:
        text += f"，目标{_figure(item.target, item.unit)}"
    if item.lead_id:
        text += f"，由{item.lead.name}牵头"
    if item.due_month and (period.is_year or item.due_month > period.months[1]):
        text += f"，{item.due_month}月底前完成"
    if done is not None and item.measure and done.get(item.measure):
        reached = done[item.measure]
        text += f"，截至{period.months[1]}月底已完成{_figure(reached, item.unit)}"
        if item.target:
            text += f"，完成年度任务的{numbers.percent(100 * reached / item.target)}"
    return text


def reached(summary_items: list[SummaryItem], period: Period) -> dict[str, Decimal]:
    """Each item's main figure from 1 January to the period's end, by the item's key: what a
    plan item measured by it has reached."""
    done = {}
    for item in summary_items:
        figure = main_figure(item)
        if figure is None:
            continue
        value = figure.to_date if figure.to_date is not None else (
            figure.value if period.start.month == 1 else None)
        if value:
            done[item.key] = Decimal(str(value))
    return done


def plan_sections(org, period: Period,
                  summary_items: list[SummaryItem] = ()) -> list[tuple[str, str]]:
    """The plan part by line of work; `summary_items`: the period's items (collect()), which
    measure this year's plan items after part of a year."""
    year = period.year + 1 if period.is_year else period.year
    items = list(PlanItem.objects.filter(org=org, year=year).select_related("lead", "line"))
    done = None if period.is_year else reached(list(summary_items), period)
    targets = []
    if period.is_year:
        targets = list(AnnualTarget.objects.filter(org=org, year=year,
                                                   indicator__line__isnull=False)
                       .select_related("indicator").order_by("indicator__order"))
    sections = []
    for line in lines():
        sentences = [item_sentence(i, done, period) for i in items if i.line_id == line.pk]
        planned = {i.measure for i in items if i.line_id == line.pk}
        goals = [f"{t.indicator.name}{_figure(t.target, t.indicator.unit)}" for t in targets
                 if t.indicator.line_id == line.pk
                 and f"tally:{t.indicator.code}" not in planned]
        if goals:
            sentences.append("全年目标：" + "、".join(goals))
        if sentences:
            sections.append((line.name, register.enumerate_items(sentences)))
    return [(register.numbered_heading(n, name), text)
            for n, (name, text) in enumerate(sections, start=1)]
