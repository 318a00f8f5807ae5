from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from families import services
from families.filters import HonourFilter
from families.forms import HonourTypeChoiceForm, NominationForm, StepForm
from families.models import Action, Honour, Recipient
from federation.kernel.pagination import paginate
from federation.kernel.permissions import role_required, write_required
from federation.kernel.spreadsheets import xlsx_response
from orgs.models import OrgKind, Role
from orgs.scoping import get_visible_or_404


def _filtered(request):
    qs = Honour.objects.visible_to(request.user).select_related(
        "recipient", "honour_type", "level", "org")
    return HonourFilter(request.GET or None, queryset=qs, request=request)


@login_required
def honour_list(request):
    honours = _filtered(request)
    return render(request, "families/honour_list.html", {
        "filter": honours, "page": paginate(request, honours.qs, per_page=50),
        "query": request.GET.urlencode(),
        "can_nominate": may_nominate(request.user)})


@login_required
def honour_export(request):
    columns = [(_("year"), 8), (_("honour type"), 18), (_("level"), 12), (_("recipient"), 20),
               (_("community/village"), 20), (_("nomination"), 14), (_("state"), 14),
               (_("awarded on"), 12)]
    rows = ((h.year, h.honour_type.name, h.level.name, h.recipient.name, h.org.name,
             h.get_source_display(), h.get_state_display(), h.awarded_on)
            for h in _filtered(request).qs.iterator(chunk_size=2000))
    return xlsx_response("honours", _("Honours"), columns, rows)


@login_required
def honour_detail(request, pk: int):
    honour = get_visible_or_404(Honour.objects.select_related(
        "recipient", "honour_type__criteria_set", "level", "org"), request.user, pk=pk)
    actions = honour.allowed_actions(request.user)
    return render(request, "families/honour_detail.html", {
        "honour": honour, "criteria": honour.criteria.all(), "photos": honour.photos.all(),
        "steps": honour.steps.select_related("actor"),
        "form": StepForm(reason_only=actions == [Action.REVOKE]),
        "notice_running": honour.notice_running(),
        "actions": [(a, Action(a).label) for a in actions]})


@require_POST
@write_required
def honour_step(request, pk: int, action: str):
    honour = get_visible_or_404(Honour.objects.select_related("org", "honour_type"),
                                request.user, pk=pk)
    form = StepForm(request.POST)
    if action not in Action.values or not form.is_valid():
        raise PermissionDenied
    try:
        services.act(honour, action, request.user, **form.cleaned_data)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Done: %(state)s.") % {"state": honour.get_state_display()})
    return redirect(honour)


#: Who nominates: the chair of a community for her community, district staff for
#: district-level honours (families.forms.NominationForm).
NOMINATORS = (Role.COMMUNITY_CHAIR, Role.DISTRICT_STAFF, Role.DISTRICT_ADMIN)


def may_nominate(user) -> bool:
    if user.role not in NOMINATORS or not user.can_write or user.org is None:
        return False
    return user.org.kind in (OrgKind.COMMUNITY, OrgKind.DISTRICT)


@role_required(*NOMINATORS)
@write_required
def honour_nominate(request):
    """Two steps: the honour type first (a GET form, or the type select swapping the criteria
    in with htmx), then the nomination with only that type's criteria."""
    if not may_nominate(request.user):
        raise PermissionDenied
    chooser = HonourTypeChoiceForm(request.POST or request.GET or None)
    if not chooser.is_valid():
        return render(request, "families/nominate_type.html", {
            "form": HonourTypeChoiceForm(), "title": _("Nominate")})
    form = NominationForm(request.POST or None, request.FILES or None, user=request.user,
                          honour_type=chooser.cleaned_data["honour_type"])
    if form.is_valid():
        try:
            honour = services.nominate(form.cleaned_data, form.cleaned_data["nominating_org"],
                                       request.user, photos=form.cleaned_data["photos"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Nomination recorded."))
            return redirect(honour)
    return render(request, "form.html", {"form": form, "title": _("Nominate")})


@login_required
def recipient_detail(request, pk: int):
    recipient = get_visible_or_404(Recipient.objects.select_related("org", "household"),
                                   request.user, pk=pk)
    honours = recipient.honours.select_related("honour_type", "level").order_by("-year", "-pk")
    return render(request, "families/recipient_detail.html", {
        "recipient": recipient, "honours": honours})
