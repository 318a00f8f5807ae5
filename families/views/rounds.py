from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from families import imports, services
from families.forms import RoundForm
from families.models import Inspection, InspectionRound
from families.permissions import can_fill_round, can_start_round
from families.views.common import run_import
from federation.kernel.pagination import paginate
from federation.kernel.permissions import rule_required
from federation.kernel.spreadsheets import workbook_response
from orgs.scoping import get_visible_or_404


@login_required
def round_list(request):
    rounds = InspectionRound.objects.visible_to(request.user).select_related("org")
    return render(request, "families/round_list.html", {
        "page": paginate(request, rounds, per_page=30)})


@rule_required(can_start_round)
def round_create(request):
    form = RoundForm(request.POST or None, user=request.user)
    if form.is_valid():
        inspection_round, drawn = services.start_round(form, user=request.user)
        messages.success(request, _("%(n)s households drawn.") % {"n": drawn})
        return redirect(inspection_round)
    return render(request, "form.html", {"form": form,
                                                   "title": _("New inspection round")})


def _round_for(request, pk: int) -> InspectionRound:
    return get_visible_or_404(InspectionRound.objects.select_related("org", "sheet"),
                              request.user, pk=pk)


@login_required
def round_detail(request, pk: int):
    inspection_round = _round_for(request, pk)
    done = Inspection.objects.filter(round=inspection_round, household=OuterRef("pk"))
    households = (inspection_round.households.visible_to(request.user)
                  .select_related("org", "tier").annotate(done=Exists(done))
                  .order_by("done", "org__path", "pk"))
    page = paginate(request, households, per_page=100)
    return render(request, "families/round_detail.html", {
        "round": inspection_round, "page": page,
        "done": inspection_round.inspections.visible_to(request.user)
        .values("household").distinct().count(),
        "total": page.paginator.count})


@rule_required(can_fill_round)
def round_template(request, pk: int):
    inspection_round = _round_for(request, pk)
    return workbook_response(imports.round_template(inspection_round, request.user),
                             f"round-{pk}.xlsx")


@rule_required(can_fill_round)
def round_import(request, pk: int):
    inspection_round = _round_for(request, pk)
    return run_import(
        request, lambda f: imports.import_round(f, inspection_round, request.user),
        reverse("families:round_template", args=[pk]),
        _("Import inspections: %(round)s") % {"round": inspection_round},
        inspection_round.get_absolute_url())
