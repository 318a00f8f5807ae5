"""Rights protection's part of the work summary (see federation.kernel.hooks). This module
holds the women's assistance registry's items, on the 关爱帮扶 line of work ("care"): per kind
of help, "为14名'两癌'贫困妇女发放救助金14万元" (the kind's phrase, edited in the admin). Counts
only: a kind with fewer than 3 women aided is left out (small-count protection), and a zero
figure drops its clause."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from federation.kernel.hooks import Figure, SummaryItem
from federation.kernel.periods import Period
from federation.kernel.privacy import SMALL_COUNT
from rights import figures
from rights.models import AssistanceKind, AssistanceTarget

CARE_LINE = "care"
#: Help for women's enterprise is reported under 巾帼建功 (the reports' "创业就业").
LINE_OF_KIND = {"micro_loan": "merit", "entrepreneurship": "merit"}


def _money(value: Decimal | None) -> float | None:
    return float(value) if value else None


def summary_items(org, period: Period) -> list[SummaryItem]:
    """The 关爱帮扶 line's items for an organization's subtree in a period, one per kind of
    help that has a phrase and at least 3 women aided; the same period last year and the
    organization's annual targets beside them."""
    this = figures.assistance_by_kind(org, period.start, period.end)["rows"]
    last_period = period.last_year()
    last = {row["code"]: row for row in
            figures.assistance_by_kind(org, last_period.start, last_period.end)["rows"]}
    targets = {t.kind_id: t for t in AssistanceTarget.objects.filter(
        org=org, year=period.year, kind__isnull=False)}
    items = []
    for order, row in enumerate(this, start=50):
        kind = row["kind"]
        if not kind.phrase or row["women"] < SMALL_COUNT:
            continue
        before, target = last.get(kind.code), targets.get(kind.pk)
        source = f"registry:rights.assistance.{kind.code}"
        items.append(SummaryItem(LINE_OF_KIND.get(kind.code, CARE_LINE), kind.phrase, [
            Figure("women", _("Women aided: %(kind)s") % {"kind": kind.name}, row["women"], "名",
                   last=before["women"] if before else None,
                   target=target.women if target else None, source=source),
            Figure("amount", _("Money given: %(kind)s") % {"kind": kind.name},
                   _money(row["amount"]), "元", money=True,
                   last=_money(before["amount"]) if before else None,
                   target=_money(target.amount) if target else None, source=source),
            Figure("goods", _("Goods given (value): %(kind)s") % {"kind": kind.name},
                   _money(row["goods"]), "元", money=True, source=source)],
            key=f"assistance:{kind.code}", order=order))
    return items


def case_items(org, period: Period) -> list[SummaryItem]:
    """The case registry on 维权服务: cases received and closed, with the closure rate;
    mediations started and agreements reached (the registry's count is the summary's: the
    tally indicator 调解婚姻家庭纠纷起数 names this registry and is not stated again)."""
    cases = figures.case_totals(org, period.start, period.end)
    last_period = period.last_year()
    last = figures.case_totals(org, last_period.start, last_period.end)
    mediations = figures.mediation_counts(org, period.start, period.end)
    mediations_last = figures.mediation_counts(org, last_period.start, last_period.end)
    rate = cases["closure_rate"]
    return [
        SummaryItem("rights", "受理妇女儿童维权案件{received}，办结{closed}，结案率{rate}", [
            Figure("received", "受理维权案件", cases["received"], "件",
                   last=last["received"] or None, source="registry:rights:cases"),
            Figure("closed", "办结维权案件", cases["closed"], "件",
                   source="registry:rights:cases"),
            Figure("rate", "结案率", rate, "%",
                   source="registry:rights:cases")], key="rights:cases", order=20),
        SummaryItem("rights", "调解婚姻家庭纠纷{mediations}，达成调解协议{agreements}", [
            Figure("mediations", "调解婚姻家庭纠纷",
                   mediations["mediations"], "起", last=mediations_last["mediations"] or None,
                   source="registry:rights:mediations"),
            Figure("agreements", "达成调解协议", mediations["agreements"],
                   "起", source="registry:rights:mediations")],
            key="rights:mediations", order=30),
    ] + risk_items(org, period)


def risk_items(org, period: Period) -> list[SummaryItem]:
    """The risk register (婚姻家庭风险排查) on 维权服务: households screened and screenings; a
    count below 3 is left out (small-count protection: these are vulnerable families)."""
    counted = figures.screening_counts(org, period.start, period.end)
    if counted["households"] < SMALL_COUNT:
        return []
    last = period.last_year()
    before = figures.screening_counts(org, last.start, last.end)
    return [SummaryItem(
        "rights", "开展婚姻家庭矛盾风险排查，动态管理风险家庭{households}，排查{screenings}", [
            Figure("households", "排查风险家庭", counted["households"], "户",
                   last=before["households"] or None, source="registry:rights:risk"),
            Figure("screenings", "风险排查", counted["screenings"], "户次",
                   source="registry:rights:risk")], key="rights:risk", order=35)]


def items(org, period: Period) -> list[SummaryItem]:
    return case_items(org, period) + summary_items(org, period)


def registry_by_street(org, period: Period) -> dict[str, dict[str, int]]:
    """The registry's counts per street for the reconciliation annex: mediations started in
    the period (one query)."""
    return {"rights:mediations": figures.mediations_by_street(org, period.start, period.end)}


def measures() -> list[tuple[str, str]]:
    """What a plan item can be measured by (federation.portal.summary.items): the keys of
    this module's items, labelled for the plan item form."""
    return [("rights:cases", _("Rights cases received")),
            ("rights:mediations", _("Marriage and family disputes mediated")),
            ("rights:risk", _("Risk households screened"))] + [
        (f"assistance:{kind.code}", _("Women aided: %(kind)s") % {"kind": kind.name})
        for kind in AssistanceKind.objects.exclude(phrase="").order_by("order", "pk")]
