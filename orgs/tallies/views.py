"""Monthly tally pages: the form and its workflow, completeness, roll-up, catalogue."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from federation.kernel.filters import MonthField, query_params, record_field, year_field
from federation.kernel.pagination import paginate
from federation.kernel.permissions import write_required
from federation.kernel.spreadsheets import xlsx_response
from orgs.models import Organization
from orgs.scoping import get_visible_or_404, scope_root
from orgs.tallies import figures as tally_figures
from orgs.tallies import services as tallies
from orgs.tallies.forms import ReturnForm, TallyForm, UnlockForm
from orgs.tallies.models import (
    TALLY_KINDS,
    Indicator,
    Tally,
    month_end,
    next_month,
)


def get_tally(request, org_pk: int, year: int, month: int) -> Tally:
    """The tally of a visible street or community for a month up to now (unsaved if new)."""
    org = get_visible_or_404(Organization.objects, request.user, pk=org_pk,
                             kind__in=TALLY_KINDS)
    if not 1 <= month <= 12 or not year >= 2000:
        raise Http404
    first = datetime.date(year, month, 1)
    if first > timezone.localdate():
        raise Http404
    tally = Tally.objects.filter(org=org, month=first).first() or Tally(org=org, month=first)
    tally.org = org
    return tally


def _page(request, tally: Tally, form=None, conflict=None):
    sheet = form.sheet if form is not None else tallies.build_sheet(tally)
    if form is None and tally.can_edit(request.user):
        form = TallyForm(sheet=sheet)
    due = tally_figures.deadlines([tally.month])[tally.month]
    return render(request, "orgs/tally.html", {
        "tally": tally, "sheet": sheet, "form": form, "conflict": conflict, "due_on": due,
        "can_review": tally.can_review(request.user), "can_unlock":
        tally.can_unlock(request.user), "return_form": ReturnForm(), "unlock_form":
        UnlockForm(), "events": tally.events.select_related("by")[:20] if tally.pk else [],
        "previous": (tally.month - datetime.timedelta(days=1)).replace(day=1),
        "next": next_month(tally.month) if next_month(tally.month) <= timezone.localdate()
        else None,
    })


@login_required
def tally_page(request, org_pk: int, year: int, month: int):
    tally = get_tally(request, org_pk, year, month)
    if request.method != "POST":
        return _page(request, tally)
    if not tally.can_edit(request.user):
        raise PermissionDenied
    submitting = "submit" in request.POST
    form = TallyForm(request.POST, sheet=tallies.build_sheet(tally, full=False),
                     submitting=submitting)
    if not form.is_valid():
        messages.error(request, _("Nothing was saved: please correct the marked fields."))
        form.sheet = tallies.build_sheet(tally)  # show everything beside the fields again
        form.focus_first_error()
        return _page(request, tally, form)
    try:
        tally = tallies.save(tally, request.user, form.values, form.flags,
                             form.cleaned_data["version"], submit_after=submitting)
    except tallies.TallyConflict as exc:
        data = request.POST.copy()
        data["version"] = exc.tally.version
        exc.tally.org = tally.org
        form = TallyForm(data, sheet=tallies.build_sheet(exc.tally), submitting=submitting)
        messages.error(request, _("Someone saved this tally after you opened it. Nothing of "
                                  "yours was saved: check their changes below, then save again."))
        return _page(request, exc.tally, form, conflict=exc.changes)
    except tallies.TallyStateError as exc:
        messages.error(request, str(exc))
        return redirect(tally)
    messages.success(request, _("Submitted.") if submitting else _("Draft saved."))
    return redirect(tally)


@require_POST
@write_required
def tally_review(request, org_pk: int, year: int, month: int):
    tally = get_tally(request, org_pk, year, month)
    if tally.pk is None or not tally.can_review(request.user):
        raise PermissionDenied
    form = ReturnForm(request.POST)
    try:
        if request.POST.get("action") == "approve":
            tallies.approve(tally, request.user)
            messages.success(request, _("Approved and locked."))
        elif form.is_valid():
            tallies.return_for_changes(tally, request.user, form.cleaned_data["reason"])
            messages.success(request, _("Returned with your reason."))
        else:
            messages.error(request, _("Give a reason for returning the tally."))
    except tallies.TallyStateError as exc:  # someone reviewed it meanwhile
        messages.error(request, str(exc))
    return redirect(tally)


@write_required
def tally_unlock(request, org_pk: int, year: int, month: int):
    tally = get_tally(request, org_pk, year, month)
    if tally.pk is None or not tally.can_unlock(request.user):
        raise PermissionDenied
    form = UnlockForm(request.POST or None)
    if form.is_valid():
        try:
            tallies.unlock(tally, request.user, form.cleaned_data["reason"])
        except tallies.TallyStateError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Unlocked: the tally is a draft again."))
        return redirect(tally)
    return render(request, "form.html", {"form": form, "title": _("Unlock %(tally)s") % {
        "tally": tally}, "back": tally})


@login_required
def tally_history(request, org_pk: int, year: int, month: int):
    tally = get_tally(request, org_pk, year, month)
    changes = tally.changes.select_related("indicator", "changed_by") if tally.pk else []
    return render(request, "orgs/tally_history.html", {
        "tally": tally, "page": paginate(request, changes, per_page=50) if tally.pk else None,
        "events": tally.events.select_related("by") if tally.pk else []})


@login_required
def tally_home(request):
    user = request.user
    today = timezone.localdate()
    months = [datetime.date(today.year - (1 if m > today.month else 0), m, 1)
              for m in range(1, 13)]
    months.sort(reverse=True)
    own = None
    if user.org_id and user.org.kind in TALLY_KINDS:
        saved = {t.month: t for t in Tally.objects.filter(org=user.org, month__in=months)}
        due = tally_figures.deadlines(months)
        own = [(m, saved.get(m), due[m]) for m in months]
    awaiting = Tally.objects.visible_to(user).awaiting(user).select_related("org")[:200]
    return render(request, "orgs/tally_home.html", {
        "own": own, "awaiting": awaiting, "today": today})


class PeriodParams(forms.Form):
    """The period and organization parameters of the tally overview pages."""

    month = MonthField(label=gettext_lazy("month"))
    start = MonthField(label=gettext_lazy("from"))
    end = MonthField(label=gettext_lazy("to"))
    year = year_field()
    org = record_field(gettext_lazy("organization"))


def _org_param(request, pk):
    return get_visible_or_404(Organization.objects, request.user, pk=pk) if pk else None


@login_required
def completeness(request):
    month = query_params(request, PeriodParams)["month"] or (
        timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    result = tally_figures.completeness(scope_root(request.user), month)
    return render(request, "orgs/completeness.html", {"c": result, "month": month})


@login_required
def completeness_grid(request):
    today = timezone.localdate()
    year = query_params(request, PeriodParams)["year"] or today.year
    orgs = tally_figures.expected_orgs(scope_root(request.user), datetime.date(year, 1, 1),
                                       datetime.date(year, 12, 31))
    page = paginate(request, orgs.only("pk", "name", "code", "kind", "path", "depth",
                                       "founded_on", "dissolved_on"), per_page=60)
    return render(request, "orgs/completeness_grid.html", {
        "page": page, "grid": tally_figures.completeness_grid(list(page), year), "year": year,
        "months": range(1, 13), "years": range(today.year - 2, today.year + 1)})


def _rollup(request):
    today = timezone.localdate()
    params = query_params(request, PeriodParams)
    start = params["start"] or today.replace(month=1, day=1)
    end = params["end"] or today.replace(day=1)
    org = _org_param(request, params["org"])
    totals = tally_figures.tally_totals(org or scope_root(request.user), start, month_end(end))
    rows = [(i, totals.get(i.pk)) for i in Indicator.objects.filter(is_active=True)
            .select_related("group").order_by("group__order", "order")]
    return start, end, org, rows


@login_required
def rollup(request):
    start, end, org, rows = _rollup(request)
    depth = request.user.org.depth + 1 if request.user.org_id else 2
    orgs = Organization.objects.visible_to(request.user).filter(  # her level and the next
        kind__in=("district", "street", "community"), depth__lte=depth).only("pk", "name")
    return render(request, "orgs/rollup.html", {
        "start": start, "end": end, "org": org, "rows": rows, "orgs": orgs})


@login_required
def rollup_export(request):
    start, end, org, rows = _rollup(request)
    columns = [(_("code"), 24), (_("indicator"), 30), (_("unit"), 8), (_("total"), 14)]
    return xlsx_response("tally-totals", _("Totals"), columns, (
        (i.code, i.name, i.unit_label, None if total is None else float(total))
        for i, total in rows))


@login_required
def indicator_catalogue(request):
    indicators = Indicator.objects.select_related("group", "category").order_by(
        "group__order", "order")
    return render(request, "orgs/indicators.html", {"indicators": indicators})

@login_required
def targets(request):
    """Annual targets of an organization with the year-to-date progress of its subtree."""
    today = timezone.localdate()
    params = query_params(request, PeriodParams)
    year = params["year"] or today.year
    org = _org_param(request, params["org"]) or request.user.org
    progress = tally_figures.target_progress(org, year) if org else {}
    indicators = Indicator.objects.filter(pk__in=progress).order_by("order")
    rows = [(i, *progress[i.pk]) for i in indicators]
    return render(request, "orgs/targets.html", {
        "org": org, "year": year, "rows": rows, "years": range(today.year - 2, today.year + 1)})
