from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from families import figures, imports, services
from families.filters import HouseholdFilter
from families.forms import HouseholdForm, InspectionForm, household_for
from families.models import (
    CourtyardCategory,
    CourtyardTier,
    Honour,
    Inspection,
    InspectionRound,
    Photo,
    ScoreSheet,
)
from families.models.courtyards import Household, ScoreSheetMismatch
from families.views.common import run_import
from federation.kernel.filters import query_params, record_field
from federation.kernel.pagination import paginate
from federation.kernel.permissions import write_required
from federation.kernel.spreadsheets import workbook_response, xlsx_response
from federation.kernel.views import form_page
from orgs.models import Organization, OrgKind
from orgs.scoping import get_visible_or_404, scope_root


def _filtered(request):
    qs = (Household.objects.visible_to(request.user).select_related("org", "tier")
          .prefetch_related(Prefetch("categories", queryset=CourtyardCategory.objects.all())))
    return HouseholdFilter(request.GET or None, queryset=qs, request=request)


@login_required
def household_list(request):
    households = _filtered(request)
    page = paginate(request, households.qs, per_page=50)
    return render(request, "families/household_list.html", {
        "filter": households, "page": page, "query": request.GET.urlencode()})


@login_required
def household_export(request):
    rows = ((h.pk, h.org.name, h.head_name, h.members, h.address, h.masked_phone,
             _("yes") if h.in_campaign else _("no"), h.joined_on, h.tier.name if h.tier else "",
             h.latest_score, h.latest_inspected_on,
             "、".join(c.name for c in h.categories.all()))
            for h in _filtered(request).qs.iterator(chunk_size=2000))
    columns = [(_("number"), 8), (_("community/village"), 20), (_("head of household"), 12),
               (_("members"), 8), (_("address"), 30), (_("phone"), 14),
               (_("in the courtyard campaign"), 10), (_("joined the campaign on"), 12),
               (_("tier"), 12), (_("latest score"), 10), (_("last inspected"), 12),
               (_("special-courtyard categories"), 24)]
    return xlsx_response("households", _("Households"), columns, rows)


@login_required
def household_detail(request, pk: int):
    household = household_for(request.user, pk)
    inspections = (household.inspections.select_related("sheet")
                   .prefetch_related("inspectors")[:24])
    return render(request, "families/household_detail.html", {
        "household": household, "inspections": inspections,
        "categories": household.categories.all(),
        "plaques": household.plaque_events.select_related("tier").order_by("-on", "-pk"),
        "honours": Honour.objects.filter(recipient__household=household).select_related(
            "honour_type", "level", "recipient"),
        "show_phone": request.user.can_write})


@write_required
def household_create(request):
    form = HouseholdForm(request.POST or None, user=request.user)
    return form_page(request, form, title=_("New household"), done=_("Household registered."),
                     save=lambda f: services.save_household(f, today=timezone.localdate()))[0]


@write_required
def household_edit(request, pk: int):
    household = household_for(request.user, pk)
    form = HouseholdForm(request.POST or None, instance=household, user=request.user)
    return form_page(request, form, title=household.head_name, back=household,
                     save=lambda f: services.save_household(f, today=timezone.localdate()))[0]


@write_required
def inspection_create(request, pk: int):
    household = household_for(request.user, pk)
    inspection_round = _round_of(request, household)
    sheet = inspection_round.sheet if inspection_round else ScoreSheet.current()
    form = InspectionForm(request.POST or None, request.FILES or None, sheet=sheet,
                          household=household)
    if form.is_valid():
        before = household.tier
        try:
            services.record_inspection(
                household, sheet, form.cleaned_data["inspected_on"], form.points(),
                inspectors=form.cleaned_data["inspectors"], user=request.user,
                remarks=form.cleaned_data["remarks"], round=inspection_round,
                photos=form.cleaned_data["photos"])
        except ScoreSheetMismatch as exc:
            form.add_error(None, str(exc))
        else:
            _tell_tier_change(request, before, household.tier)
            return redirect(household)
    return render(request, "form.html", {
        "form": form, "title": _("Inspection of %(name)s") % {"name": household.head_name},
        "back": household})


class RoundParam(forms.Form):
    round = record_field(gettext_lazy("inspection round"))


class StreetParam(forms.Form):
    street = record_field(gettext_lazy("street"))


def _round_of(request, household: Household) -> InspectionRound | None:
    """The round this inspection answers (from the round's list), if it includes the household."""
    pk = query_params(request, RoundParam)["round"]
    if pk is None:
        return None
    return (InspectionRound.objects.visible_to(request.user).select_related("sheet")
            .filter(pk=pk, households=household).first())


def _tell_tier_change(request, before: CourtyardTier | None, after: CourtyardTier | None):
    if before == after:
        messages.success(request, _("Inspection recorded."))
    elif after is None:
        messages.warning(request, _("Inspection recorded: the %(tier)s plaque was removed.")
                         % {"tier": before.name})
    else:
        messages.success(request, _("Inspection recorded: the household is now %(tier)s.")
                         % {"tier": after.name})


@login_required
def inspection_detail(request, pk: int):
    inspection = get_visible_or_404(
        Inspection.objects.select_related("household__org", "sheet", "round"),
        request.user, pk=pk)
    return render(request, "families/inspection_detail.html", {
        "inspection": inspection, "household": inspection.household,
        "scores": inspection.scores.select_related("item"),
        "inspectors": inspection.inspectors.all(), "photos": inspection.photos.all()})


@login_required
def photo(request, pk: int):
    """Photos are personal data: served only to users who can see their inspection/honour."""
    item = Photo.objects.filter(pk=pk).select_related("inspection", "honour").first()
    if item is None:
        raise Http404
    if item.inspection_id:
        get_visible_or_404(Inspection.objects, request.user, pk=item.inspection_id)
    else:
        get_visible_or_404(Honour.objects, request.user, pk=item.honour_id)
    return FileResponse(item.file.open("rb"))


@login_required
def coverage(request):
    """Streets, and the villages of one street (the district has thousands of villages)."""
    user = request.user
    street = None
    if pk := query_params(request, StreetParam)["street"]:
        street = get_visible_or_404(Organization.objects, user, pk=pk, kind=OrgKind.STREET)
    own_level = user.org_id and user.org.kind in (OrgKind.STREET, OrgKind.COMMUNITY)
    villages, streets, total = figures.coverage(scope_root(user), under=street,
                                                villages=bool(street or own_level))
    return render(request, "families/coverage.html", {
        "villages": villages, "streets": streets, "total": total, "street": street,
        "tiers": CourtyardTier.objects.all()})


@login_required
def coverage_export(request):
    villages, streets, total = figures.coverage(scope_root(request.user))
    tiers = list(CourtyardTier.objects.all())
    columns = [(_("level"), 10), (_("organization"), 24), (_("households"), 10),
               (_("in the courtyard campaign"), 12), (_("share"), 8),
               *[(t.name, 10) for t in tiers], (_("plaques"), 10), (_("plaque share"), 10)]
    rows = [(label, r.org.name, r.households, r.in_campaign, r.campaign_share,
             *[r.by_tier[t.pk] for t in tiers], r.plaques, r.plaque_share)
            for label, group in ((_("street"), streets), (_("village"), villages))
            for r in group]
    return xlsx_response("courtyard-coverage", _("Courtyard coverage"), columns, rows)


@write_required
def household_import(request):
    return run_import(request, lambda f: imports.import_households(f, request.user),
                      reverse("families:household_import_template"), _("Import households"),
                      reverse("families:households"))


@write_required
def household_import_template(request):
    return workbook_response(imports.household_template(), "households-template.xlsx")
