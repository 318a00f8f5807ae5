"""Excel round trip of monthly tallies: a pre-filled workbook keyed by the codes and names
people see, and an upload validated as a whole (one message per bad cell, nothing saved
unless everything is valid)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from federation.kernel.db import analyze
from federation.kernel.permissions import write_required
from federation.kernel.spreadsheets import (
    CellError,
    Column,
    SheetSpec,
    UploadRejected,
    build_template,
    read_workbook,
    upload_bytes,
    workbook_response,
)
from federation.kernel.views import UploadRefused, upload_page
from orgs.models import Organization
from orgs.tallies import figures as tally_figures
from orgs.tallies import services as tallies
from orgs.tallies.forms import TallyUploadForm, parse_month
from orgs.tallies.models import (
    EDITABLE_STATES,
    TALLY_KINDS,
    Indicator,
    Tally,
    TallyValue,
    TallyValueChange,
    month_end,
    same_month_last_year,
)


def tally_sheet() -> SheetSpec:
    return SheetSpec(gettext_lazy("Monthly tally"), (
        Column("org", gettext_lazy("organization code"), required=True, width=14),
        Column("org_name", gettext_lazy("organization"), width=24),
        Column("month", gettext_lazy("month (YYYY-MM)"), required=True, width=12),
        Column("indicator", gettext_lazy("indicator code"), required=True, width=24),
        Column("indicator_name", gettext_lazy("indicator"), width=28),
        Column("unit", gettext_lazy("unit"), width=8),
        Column("last_year", gettext_lazy("same month last year"), kind="decimal", width=14),
        Column("value", gettext_lazy("value"), kind="decimal", width=12),
        Column("confirm", gettext_lazy("confirm unusual value"), kind="bool", width=12),
    ))


def number(value: Decimal | None) -> int | float | None:
    """A cell's number (a count stays whole): never text, so Excel can sum and compare it."""
    if value is None:
        return None
    return int(value) if value == value.to_integral() else float(value)


def editable_orgs(user) -> list[Organization]:
    """The organizations whose tallies this user fills: her own street or community."""
    if not (user.can_write and user.org_id and user.org.kind in TALLY_KINDS):
        return []
    return [user.org]


def template_bytes(user, month: datetime.date) -> bytes:
    rows = []
    for org in editable_orgs(user):
        tally = Tally.objects.filter(org=org, month=month).first() or Tally(org=org, month=month)
        tally.org = org
        for row in tallies.build_sheet(tally, with_children=False).rows:
            ind = row.indicator
            rows.append([org.code, org.name, f"{month:%Y-%m}", ind.code, ind.name, ind.unit_label,
                         number(row.last_year), number(row.value),
                         "是" if row.flagged else None])
    note = _("Fill in the “value” column only. Leave a cell empty when there is nothing to "
             "report; enter 0 for none. Tick “confirm unusual value” (是) for a value three "
             "times the same month last year or more.")
    return build_template([tally_sheet()], rows={str(tally_sheet().name): rows}, note=note)


@dataclass
class UploadResult:
    errors: list[CellError] = field(default_factory=list)
    tallies: int = 0


def _check_rows(rows, user) -> tuple[dict, list[CellError]]:
    """Validate every row against the database; (plan per tally, errors)."""
    sheet = str(tally_sheet().name)
    orgs = {o.code: o for o in editable_orgs(user)}
    indicators = {i.code: i for i in Indicator.objects.filter(is_active=True)}
    today = timezone.localdate()
    plan: dict[tuple[int, datetime.date], dict] = {}
    errors: list[CellError] = []
    for row in rows:
        line = row["_row"]
        org, month = orgs.get(row["org"] or ""), parse_month(row["month"] or "", None)
        ind = indicators.get(row["indicator"] or "")
        if org is None:
            errors.append(CellError(sheet, line, str(tally_sheet().columns[0].header),
                                    _("You cannot fill in the tally of “%(code)s”.") % {
                                        "code": row["org"]}))
        if month is None or month > today:
            errors.append(CellError(sheet, line, str(tally_sheet().columns[2].header),
                                    _("Enter a past or current month as YYYY-MM.")))
        if ind is None:
            errors.append(CellError(sheet, line, str(tally_sheet().columns[3].header),
                                    _("Unknown indicator code “%(code)s”.") % {
                                        "code": row["indicator"]}))
        if org is None or month is None or ind is None:
            continue
        entry = plan.setdefault((org.pk, month), {"org": org, "rows": []})
        entry["rows"].append((line, ind, row["value"], bool(row["confirm"])))
    return plan, errors


def import_tallies(upload, user, submit: bool) -> UploadResult:
    result = UploadResult()
    try:
        parsed, result.errors = read_workbook(upload_bytes(upload), [tally_sheet()])
    except UploadRejected as exc:
        result.errors = exc.errors
        return result
    sheet = str(tally_sheet().name)
    plan, errors = _check_rows(parsed[sheet].rows, user)
    result.errors += errors
    value_header = str(tally_sheet().columns[7].header)
    saves = []
    for (org_id, month), entry in plan.items():
        tally = Tally.objects.filter(org_id=org_id, month=month).first() or Tally(
            org=entry["org"], month=month)
        if tally.state not in EDITABLE_STATES:
            result.errors.append(CellError(sheet, entry["rows"][0][0], "", _(
                "The tally of %(org)s for %(month)s is submitted or approved and cannot be "
                "changed.") % {"org": entry["org"].name, "month": f"{month:%Y-%m}"}))
            continue
        last = tally_figures.org_month_values(org_id, same_month_last_year(month))
        values: dict[int, Decimal | None] = {}
        flags: dict[int, bool] = {}
        for line, ind, value, confirmed in entry["rows"]:
            if (ind.active_from and ind.active_from > month_end(month)) or (
                    ind.active_to and ind.active_to < month):
                result.errors.append(CellError(sheet, line, value_header, _(
                    "This indicator is not collected for that month.")))
                continue
            message, flagged = tallies.check_value(ind, value, last.get(ind.pk), confirmed,
                                                   submit)
            if message:
                result.errors.append(CellError(sheet, line, value_header, message))
            values[ind.pk], flags[ind.pk] = value, flagged
        saves.append((tally, values, flags))
    if result.errors:
        return result
    with transaction.atomic():
        for tally, values, flags in saves:
            tallies.save(tally, user, values, flags, tally.version, submit_after=submit)
        analyze(Tally, TallyValue, TallyValueChange)
    result.tallies = len(saves)
    return result


@write_required
def download(request, year: int, month: int):
    try:
        first = datetime.date(year, month, 1)
    except ValueError:
        raise Http404 from None
    if not editable_orgs(request.user) or first > timezone.localdate():
        raise Http404
    return workbook_response(template_bytes(request.user, first), f"tally-{first:%Y-%m}.xlsx")


@write_required
def upload(request):
    def run(form):
        try:
            return import_tallies(form.cleaned_data["file"], request.user,
                                  form.cleaned_data["submit"])
        except tallies.TallyStateError as exc:
            raise UploadRefused(str(exc)) from exc
        except tallies.TallyConflict as exc:
            raise UploadRefused(_("Someone saved one of these tallies while the file was "
                                  "being read. Nothing was saved: upload it again.")) from exc

    return upload_page(request, TallyUploadForm(request.POST or None, request.FILES or None),
                       run, template="orgs/tally_upload.html", success_url=reverse("orgs:tallies"),
                       done=lambda result: _("%(n)s tallies saved from the workbook.") % {
                           "n": result.tallies})
