"""Statistics page and export: counts only, small sensitive counts shown as "<3"."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from federation.kernel.filters import query_params, year_field
from federation.kernel.models import AccessLog, log_access
from federation.kernel.spreadsheets import xlsx_response
from orgs.scoping import scope_root
from rights import figures


class YearParam(forms.Form):
    year = year_field()


def _period(request) -> tuple[int, datetime.date, datetime.date]:
    today = timezone.localdate()
    year = query_params(request, YearParam)["year"] or today.year
    year = min(max(year, 2000), today.year)
    return year, datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def stats_context(user, start: datetime.date, end: datetime.date) -> dict:
    org = scope_root(user)
    return {
        "totals": figures.case_totals(org, start, end),
        "categories": figures.by_category(org, start, end),
        "channels": figures.by_channel(org, start, end),
        "months": figures.by_month(org, start, end),
        "streets": figures.by_street(org, start, end),
        "risks": figures.by_risk(org, start, end),
        "mediation": figures.mediation_counts(org, start, end),
        "register": figures.register_counts(org),
    }


@login_required
def stats(request):
    year, start, end = _period(request)
    context = stats_context(request.user, start, end)
    context.update(year=year, years=range(timezone.localdate().year, 2019, -1))
    return render(request, "rights/stats.html", context)


@login_required
def stats_export(request):
    year, start, end = _period(request)
    c = stats_context(request.user, start, end)
    t = c["totals"]
    rows = [[_("Cases received"), t["received"]], [_("Handled"), t["handled"]],
            [pgettext("case", "Closed"), t["closed"]], [_("Resolved"), t["resolved"]],
            [_("Overdue"), t["overdue"]], [_("Handling rate (%)"), t["handling_rate"]],
            [_("Closure rate (%)"), t["closure_rate"]],
            [_("Resolution rate (%)"), t["resolution_rate"]],
            [_("Satisfaction rate (%)"), t["satisfaction_rate"]],
            [_("Median days to close"), t["median_days"]],
            [_("Mediations"), c["mediation"]["mediations"]],
            [_("Agreements reached"), c["mediation"]["agreements"]]]
    rows += [[_("Category") + ": " + ("  " if r["sub"] else "") + r["name"], r["shown"]]
             for r in c["categories"]]
    rows += [[_("Channel") + ": " + r["name"], r["count"]] for r in c["channels"]]
    rows += [[_("Month") + ": " + r["month"], r["count"]] for r in c["months"]]
    rows += [[_("Street") + ": " + r["name"], r["count"]] for r in c["streets"]]
    rows += [[_("Risk level") + ": " + r["name"], r["count"]] for r in c["risks"]]
    log_access(request, "rights.statistics", AccessLog.Action.EXPORT, label=str(year),
               detail="counts only")
    return xlsx_response(f"rights-statistics-{year}", _("Rights statistics"),
                         [(_("Figure"), 40), (str(year), 12)], rows)
