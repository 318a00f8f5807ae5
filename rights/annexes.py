"""Rights work's annex of the work summary (federation.kernel.hooks): 维权服务, cases by
category, channel, month and street, the handling rates and mediation outcomes. Counts only,
never personal data; counts below 3 in sensitive categories show as "<3"."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from federation.kernel.periods import Period
from federation.kernel.report import Annex, Table
from rights import figures


def rights_work(org, period: Period) -> Annex:
    start, end = period.start, period.end
    last = period.last_year()
    totals = figures.case_totals(org, start, end, today=end)
    before = figures.case_totals(org, last.start, last.end, today=last.end)
    mediation = figures.mediation_counts(org, start, end)
    mediation_last = figures.mediation_counts(org, last.start, last.end)
    rows = [(_("Received"), "received"), (_("Handled"), "handled"),
            (pgettext("case", "Closed"), "closed"), (_("Resolved"), "resolved"),
            (_("Handling rate %"), "handling_rate"), (_("Closure rate %"), "closure_rate"),
            (_("Resolution rate %"), "resolution_rate"),
            (_("Satisfaction rate %"), "satisfaction_rate"),
            (_("Median days to close"), "median_days")]
    return Annex(_("Rights protection"), [
        Table(_("Cases received by category"), [_("Category"), _("Number of cases")],
              [[("　" if row["sub"] else "") + str(row["name"]), row["shown"]]
               for row in figures.by_category(org, start, end)], total=False),
        Table(_("Cases received by channel"), [_("Channel"), _("Number of cases")],
              [[str(row["name"]), row["count"]] for row in figures.by_channel(org, start, end)]),
        Table(_("Cases by month"), [_("Month"), _("Received"), pgettext("case", "Closed")],
              [[row["month"], row["count"], row["closed"]]
               for row in figures.by_month(org, start, end)]),
        Table(_("Cases by street/township"),
              [_("Street/township"), _("Received"), pgettext("case", "Closed")],
              [[row["name"], row["count"], row["closed"]]
               for row in figures.by_street(org, start, end)]),
        Table(_("Handling"), [_("Figure"), str(period.year), str(period.year - 1)],
              [[label, totals[key], before[key]] for label, key in rows]
              + [[_("Mediations"), mediation["mediations"], mediation_last["mediations"]],
                 [_("Agreements reached"), mediation["agreements"],
                  mediation_last["agreements"]]],
              total=False),
    ])


#: The annex sheets, in the workbook's order, with the progress bar's stage for each.
ANNEXES = [(rights_work, gettext_lazy("Summarising rights cases"))]
