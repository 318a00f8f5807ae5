"""Children's records: every page that shows one is logged to the access log, names and ID
numbers are masked in lists and exports, and leaders are refused (they see figures only)."""

from __future__ import annotations

from django.http import QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from children import services
from children.filters import ChildFilter, GrantFilter
from children.forms import ChildForm, GrantForm, PairingForm, UnmaskForm, VisitForm
from children.models import Child, Grant, Pairing
from children.permissions import can_see_child_records
from children.views.common import form_page
from federation.kernel.models import AccessLog, log_access
from federation.kernel.pagination import paginate
from federation.kernel.permissions import rule_required, write_required
from federation.kernel.privacy import lookup_hash, private_query
from federation.kernel.spreadsheets import xlsx_response
from orgs.scoping import get_visible_or_404

#: Children's records are for caseworkers, never for leaders (even read-only).
records_access = rule_required(can_see_child_records)


#: Filters links may carry in the URL; the exact-name search only ever comes by POST.
PUBLIC_FILTERS = tuple(name for name in ChildFilter.base_filters if name != "name")


def _children(request, data) -> ChildFilter:
    """The list's filters come from a POSTed search kept in the session (the exact-name
    search must not travel in the URL: federation.kernel.privacy.private_query)."""
    children = Child.objects.visible_to(request.user).select_related("org")
    name = data.pop("name", [""])[-1].strip()[:100]
    if name:  # names are encrypted: look up the exact full name by its keyed hash
        children = children.filter(name_hash=lookup_hash(name, "child_name"))
    filterset = ChildFilter(data or None, queryset=children, request=request)
    filterset.name = name
    return filterset


@records_access
def child_list(request):
    data = private_query(request, PUBLIC_FILTERS)
    if not isinstance(data, QueryDict):
        return data
    filterset = _children(request, data)
    page = paginate(request, filterset.qs, per_page=30)
    log_access(request, "children.child", AccessLog.Action.VIEW, label="list",
               detail=f"page {page.number}, {len(page.object_list)} rows")
    return render(request, "children/child_list.html", {"filter": filterset, "page": page})


@records_access
def child_export(request):
    columns = [(_("record number"), 14), (_("full name"), 10), (_("resident ID number"), 20),
               (_("gender"), 6), (_("birth year"), 8), (_("category"), 16),
               (_("community"), 20), (_("school"), 20), (_("being assisted"), 8)]
    data = private_query(request, PUBLIC_FILTERS)
    if not isinstance(data, QueryDict):
        return data
    children = list(_children(request, data).qs.only(  # decrypt only the columns exported
        "record_no", "name", "id_number", "gender", "birth_year", "category", "school",
        "is_active", "org__name"))
    log_access(request, "children.child", AccessLog.Action.EXPORT, label="list",
               detail=f"{len(children)} rows, masked")
    rows = [(c.record_no, c.masked_name, c.masked_id, c.get_gender_display(), c.birth_year,
             c.get_category_display(), c.org.name, c.school,
             _("yes") if c.is_active else _("no")) for c in children]
    return xlsx_response("children", _("Children"), columns, rows + [watermark(request)])


@records_access
def child_detail(request, pk: int):
    """Masked by default; showing the name, ID number and guardian's phone in full takes a
    stated reason (POST) and is logged as an unmasking."""
    child = get_visible_or_404(Child.objects.select_related("org"), request.user, pk=pk)
    form = UnmaskForm(request.POST or None)
    unmasked = form.is_valid()
    if unmasked:
        log_access(request, child, AccessLog.Action.UNMASK, label=child.record_no,
                   reason=form.cleaned_data["reason"])
    else:
        log_access(request, child, AccessLog.Action.VIEW, label=child.record_no)
    return render(request, "children/child_detail.html", {
        "child": child, "unmasked": unmasked, "unmask_form": form,
        "pairings": child.pairings.select_related("manager"),
        "visits": child.visits.all()[:50], "grants": child.grants.select_related("programme")})


@write_required
def child_create(request):
    form = ChildForm(request.POST or None, user=request.user)
    return form_page(request, form, title=_("Register a child"), back=None,
                     save=lambda f: services.save_child(f, request))[0]


@write_required
def child_edit(request, pk: int):
    child = get_visible_or_404(Child.objects, request.user, pk=pk)
    form = ChildForm(request.POST or None, instance=child, user=request.user)
    response, saved = form_page(request, form, title=child.record_no, back=child,
                                save=lambda f: services.save_child(f, request))
    if not saved:  # the saved change is logged with it (children.services)
        log_access(request, child, AccessLog.Action.VIEW, label=child.record_no,
                   detail="edit form")
    return response


def _child_record(request, child_pk: int, form_class, title: str, **extra):
    """A pairing, visit or grant added to a visible child; logged as a change to the child."""
    child = get_visible_or_404(Child.objects, request.user, pk=child_pk)
    form = form_class(request.POST or None, child=child, **extra)
    return form_page(request, form, title=f"{child.record_no}: {title}", back=child,
                     success_url=child.get_absolute_url(),
                     save=lambda f: services.save_for_child(f, request))[0]


@write_required
def pairing_create(request, child_pk: int):
    return _child_record(request, child_pk, PairingForm, _("pair with a volunteer mother"),
                         user=request.user)


@write_required
def pairing_edit(request, pk: int):
    pairing = get_visible_or_404(Pairing.objects.select_related("child"), request.user, pk=pk)
    form = PairingForm(request.POST or None, instance=pairing, child=pairing.child,
                       user=request.user)
    return form_page(request, form, title=pairing.child.record_no, back=pairing.child,
                     success_url=pairing.child.get_absolute_url(),
                     save=lambda f: services.save_for_child(f, request))[0]


@write_required
def visit_create(request, child_pk: int):
    return _child_record(request, child_pk, VisitForm, _("record a visit"))


@write_required
def grant_create(request, child_pk: int):
    return _child_record(request, child_pk, GrantForm, _("record a grant"))


def _grants(request) -> GrantFilter:
    grants = Grant.objects.visible_to(request.user).select_related("child", "programme",
                                                                   "child__org")
    return GrantFilter(request.GET or None, queryset=grants, request=request)


@records_access
def grant_list(request):
    filterset = _grants(request)
    page = paginate(request, filterset.qs, per_page=50)
    log_access(request, "children.grant", AccessLog.Action.VIEW, label="list",
               detail=f"page {page.number}, {len(page.object_list)} rows")
    return render(request, "children/grant_list.html", {"filter": filterset, "page": page})


@records_access
def grant_export(request):
    columns = [(_("record number"), 14), (_("full name"), 10), (_("community"), 20),
               (_("programme"), 14), (_("amount (yuan)"), 12), (_("paid on"), 12),
               (_("payer"), 24)]
    grants = list(_grants(request).qs.only(
        "amount", "paid_on", "payer", "programme__name_zh", "programme__name_en",
        "child__record_no", "child__name", "child__org__name"))
    log_access(request, "children.grant", AccessLog.Action.EXPORT, label="list",
               detail=f"{len(grants)} rows, masked")
    rows = [(g.child.record_no, g.child.masked_name, g.child.org.name, g.programme.name,
             g.amount, g.paid_on, g.payer) for g in grants]
    return xlsx_response("grants", _("Grants and donations"), columns,
                         rows + [watermark(request)])


def watermark(request) -> tuple[str]:
    """The last row of a personal-data export names who exported it and when."""
    stamp = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    return (_("Exported by %(user)s at %(time)s; names and ID numbers masked.") % {
        "user": request.user.get_username(), "time": stamp},)
