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
from rights.models import AssistanceTarget

CARE_LINE = "care"


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
        items.append(SummaryItem(CARE_LINE, kind.phrase, [
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


def items(org, period: Period) -> list[SummaryItem]:
    return summary_items(org, period)
