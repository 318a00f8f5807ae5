"""Risk register: one file per household, monthly screenings, one-click case for red ones."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from federation.kernel.filters import query_params, record_field
from federation.kernel.models import AccessLog, log_access
from federation.kernel.pagination import paginate
from federation.kernel.privacy import mask_address, mask_name, mask_phone
from orgs.models import Organization, OrgKind
from orgs.scoping import get_visible_or_404, scope_root
from rights import figures, services
from rights.forms import HouseholdForm, ScreeningForm
from rights.models import ColourLevel, Household
from rights.services import open_case_for_household
from rights.views.common import case_worker


def _household(request, pk: int) -> Household:
    qs = Household.objects.select_related("org", "colour", "case")
    return get_visible_or_404(qs, request.user, pk=pk)


def _masked(household: Household) -> dict:
    return {"name": mask_name(household.head_name or ""),
            "phone": mask_phone(household.phone or ""),
            "address": mask_address(household.address or "")}


class RegisterParams(forms.Form):
    colour = forms.CharField(label=gettext_lazy("colour"), required=False, max_length=40)
    org = record_field(gettext_lazy("community"))


@case_worker
def household_list(request):
    households = Household.objects.visible_to(request.user)
    params = query_params(request, RegisterParams)
    colour, org = params["colour"], params["org"]
    listed = households.filter(colour__code=colour) if colour else households
    if org:
        listed = listed.filter(org_id=org)
    page = paginate(request, listed.select_related("org", "colour")
                    .prefetch_related("factors").order_by("colour__order", "next_visit_on"))
    for household in page:
        household.masked = _masked(household)
    return render(request, "rights/household_list.html", {
        "page": page, "counts": figures.register_counts(scope_root(request.user)), "colour": colour,
        "colours": ColourLevel.objects.active(), "today": timezone.localdate(),
        "org": "" if org is None else str(org),
        "communities": Organization.objects.visible_to(request.user)
        .filter(kind=OrgKind.COMMUNITY).only("pk", "name")})


@case_worker
def household_create(request):
    form = HouseholdForm(request.POST or None, user=request.user)
    if form.is_valid():
        household = services.open_household(form, request)
        messages.success(request, _("Household file %(number)s opened.")
                         % {"number": household.file_number})
        return redirect(household)
    return render(request, "form.html", {"form": form, "title": _("New household file")})


@case_worker
def household_detail(request, pk: int):
    household = _household(request, pk)
    log_access(request, household, AccessLog.Action.VIEW, label=household.file_number)
    return render(request, "rights/household_detail.html", {
        "household": household, "masked": _masked(household),
        "factors": household.factors.all(),
        "screenings": household.screenings.select_related("colour", "screened_by")
        .prefetch_related("factors")})


@case_worker
def household_edit(request, pk: int):
    household = _household(request, pk)
    form = HouseholdForm(request.POST or None, instance=household, user=request.user)
    if form.is_valid():
        services.save_household(form, request)
        messages.success(request, _("Saved."))
        return redirect(household)
    return render(request, "form.html", {"form": form, "title": household.file_number})


@case_worker
def screening_create(request, pk: int):
    household = _household(request, pk)
    form = ScreeningForm(request.POST or None, household=household)
    if form.is_valid():
        services.record_screening(form, household, request)
        messages.success(request, _("Screening recorded."))
        return redirect(household)
    return render(request, "form.html", {"form": form, "title": _("Monthly screening")})


@case_worker
def household_open_case(request, pk: int):
    """One click from a red file to a high-risk case (POST only)."""
    household = _household(request, pk)
    if request.method != "POST":
        return redirect(household)
    if not household.is_red:
        raise PermissionDenied
    case = household.case or open_case_for_household(household, request.user)
    log_access(request, household, AccessLog.Action.CHANGE, label=household.file_number,
               detail=f"case {case.number}")
    log_access(request, case, AccessLog.Action.CREATE, label=case.number)
    messages.success(request, _("Case %(number)s opened.") % {"number": case.number})
    return redirect(case)
