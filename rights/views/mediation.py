"""Marriage and family dispute mediation records."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.kernel.models import AccessLog
from federation.kernel.pagination import paginate
from orgs.scoping import get_visible_or_404, scope_root
from rights import figures
from rights.forms import MediationForm, SessionForm
from rights.models import Mediation
from rights.views.common import audit, case_worker, for_case, get_case


@case_worker
def mediation_list(request):
    mediations = (Mediation.objects.visible_to(request.user).select_related("case")
                  .order_by("-started_on", "-pk"))
    year = timezone.localdate().year
    start, end = timezone.localdate().replace(month=1, day=1), timezone.localdate()
    counts = figures.mediation_counts(scope_root(request.user), start, end)
    return render(request, "rights/mediation_list.html", {
        "page": paginate(request, mediations), "counts": counts, "year": year})


@case_worker
def mediation_create(request, pk: int):
    case = get_case(request, pk)
    form = MediationForm(request.POST or None)
    if form.is_valid():
        mediation = form.save(commit=False)
        mediation.case, mediation.registered_by = case, request.user
        mediation.save()
        audit(request, case, AccessLog.Action.CHANGE, detail="mediation opened")
        messages.success(request, _("Mediation recorded."))
        return redirect(mediation)
    return render(request, "form.html", {"form": form, **for_case(case),
                                                "title": _("New mediation")})


def _mediation(request, pk: int) -> Mediation:
    return get_visible_or_404(Mediation.objects.select_related("case"), request.user, pk=pk)


@case_worker
def mediation_detail(request, pk: int):
    mediation = _mediation(request, pk)
    audit(request, mediation.case, AccessLog.Action.VIEW, detail=f"mediation {mediation.pk}")
    return render(request, "rights/mediation_detail.html", {
        "mediation": mediation, "sessions": mediation.sessions.all()})


@case_worker
def mediation_edit(request, pk: int):
    mediation = _mediation(request, pk)
    form = MediationForm(request.POST or None, instance=mediation)
    if form.is_valid():
        form.save()
        audit(request, mediation.case, AccessLog.Action.CHANGE,
              detail=f"mediation {mediation.pk}")
        messages.success(request, _("Saved."))
        return redirect(mediation)
    return render(request, "form.html", {"form": form, **for_case(mediation.case),
                                                "title": _("Edit mediation")})


@case_worker
def session_create(request, pk: int):
    mediation = _mediation(request, pk)
    form = SessionForm(request.POST or None)
    if form.is_valid():
        session = form.save(commit=False)
        session.mediation = mediation
        session.save()
        audit(request, mediation.case, AccessLog.Action.CHANGE,
              detail=f"mediation {mediation.pk} session")
        messages.success(request, _("Session recorded."))
        return redirect(mediation)
    return render(request, "form.html", {"form": form, **for_case(mediation.case),
                                                "title": _("New mediation session")})
