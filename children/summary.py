"""Children's work's items of the work summary (federation.kernel.hooks), on 儿童工作:
child-friendly projects completed and their area, nursing rooms built, grants paid. The
number of children aided is personal data of vulnerable children in aggregate: below 3 it
is withheld (federation.kernel.privacy), and the grants' sum with it."""

from __future__ import annotations

from django.utils.translation import gettext as _

from children import figures
from federation.kernel import numbers
from federation.kernel.hooks import Figure, SummaryItem
from federation.kernel.periods import Period
from federation.kernel.privacy import SMALL_COUNT


def items(org, period: Period) -> list[SummaryItem]:
    this = figures.period_figures(org, period.start, period.end)
    last_period = period.last_year()
    last = figures.period_figures(org, last_period.start, last_period.end)
    aided = this["children_aided"] if this["children_aided"] >= SMALL_COUNT else None
    return [
        SummaryItem("children", "建成儿童友好项目{projects}，完成改造面积{area}", [
            Figure("projects", "完成儿童友好项目", this["projects_completed"], "个",
                   last=last["projects_completed"] or None,
                   source="registry:children.projects"),
            Figure("area", "改造面积", numbers.plain(this["area_rebuilt"]), "平方米",
                   source="registry:children.projects")], key="children:projects", order=20),
        SummaryItem("children", "完成公共场所母婴室建设{rooms}", [
            Figure("rooms", "建成母婴室", this["rooms_built"], "间",
                   last=last["rooms_built"] or None, source="registry:children.rooms")],
            key="children:rooms", order=30),
        SummaryItem("children", "资助困难儿童{children}，发放资助金{amount}", [
            Figure("children", "资助困难儿童", aided, "名",
                   source="registry:children.grants"),
            Figure("amount", "资助金额", numbers.plain(this["grant_amount"]) if aided else None,
                   "元", money=True, source="registry:children.grants")],
            key="children:grants", order=40),
    ] + pairing_items(org, period)


def pairing_items(org, period: Period) -> list[SummaryItem]:
    """妇联妈妈 pairings: the children paired in the period and the visits paid; fewer than 3
    children paired is withheld with its visits."""
    this = figures.pairing_figures(org, period.start, period.end)
    if this["children_paired"] < SMALL_COUNT:
        return []
    last = period.last_year()
    before = figures.pairing_figures(org, last.start, last.end)
    return [SummaryItem("children", "组织“妇联妈妈”结对关爱困难儿童{children}，上门探访{visits}", [
        Figure("children", "结对关爱困难儿童", this["children_paired"], "名",
               last=before["children_paired"] or None, source="registry:children.pairings"),
        Figure("visits", "上门探访", this["visits"], "次",
               source="registry:children.pairings")], key="children:pairings", order=50)]


def measures() -> list[tuple[str, str]]:
    """What a plan item can be measured by (federation.portal.summary.items): the keys of
    this module's items, labelled for the plan item form."""
    return [("children:projects", _("Child-friendly projects completed")),
            ("children:rooms", _("Nursing rooms built")),
            ("children:grants", _("Children aided with grants")),
            ("children:pairings", _("Children paired with a volunteer mother"))]
