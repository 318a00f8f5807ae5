"""The women's assistance registry (关爱帮扶): list with targets, detail, the full display
with a stated reason, create, edit and the masked export. Every page that shows a record is
logged to the access log by its non-personal number; leaders are refused (they see counts)."""

from __future__ import annotations

import datetime
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.kernel.models import AccessLog, log_access
from federation.kernel.pagination import paginate
from federation.kernel.privacy import mask_id_number, mask_name
from federation.kernel.spreadsheets import xlsx_response
from orgs.models import LEVEL_KINDS, Organization
from orgs.scoping import get_visible_or_404
from rights import figures
from rights.filters import AssistanceFilter
from rights.forms import AssistanceForm, UnmaskForm
from rights.models import Assistance, AssistanceKind
from rights.permissions import can_keep_registry
from rights.views.cases import watermark
from rights.views.common import case_worker

LOG_TYPE = "rights.assistance"


def registry_worker(view):
    @case_worker
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_keep_registry(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _filtered(request) -> AssistanceFilter:
    records = Assistance.objects.visible_to(request.user).for_list()
    return AssistanceFilter(request.GET or None, queryset=records, request=request)


def _progress_scope(request, filterset) -> tuple[Organization | None, int]:
    """The organization and year the targets are shown for: the filtered ones, else the
    user's own and this year."""
    data = filterset.form.cleaned_data if filterset.form.is_valid() else {}
    return (data.get("org") or request.user.org,
            data.get("year") or timezone.localdate().year)


@registry_worker
def assistance_list(request):
    filterset = _filtered(request)
    page = paginate(request, filterset.qs)
    for record in page:
        record.masked_name = mask_name(record.name or "")  # the only personal column shown
    org, year = _progress_scope(request, filterset)
    targets = figures.assistance_targets(org, year) if org else []
    log_access(request, LOG_TYPE, AccessLog.Action.VIEW, label="list",
               detail=f"page {page.number}, {len(page.object_list)} rows")
    return render(request, "rights/assistance_list.html", {
        "filter": filterset, "page": page, "targets": targets, "target_org": org,
        "target_year": year})


@registry_worker
def assistance_export(request):
    columns = [(_("record number"), 14), (_("full name"), 10), (_("resident ID number"), 20),
               (_("kind of help"), 16), (_("date given"), 12), (_("amount (yuan)"), 12),
               (_("value of the goods (yuan)"), 12), (_("source of funds"), 14),
               (_("organization"), 20)]
    records = _filtered(request).qs.defer(None).only(  # decrypt only the columns exported
        "number", "name", "id_number", "given_on", "amount", "goods_value", "kind__name_zh",
        "kind__name_en", "fund_source__name_zh", "fund_source__name_en", "org__name")
    rows = []
    for record in records.iterator(chunk_size=500):
        rows.append((record.number, mask_name(record.name or ""),
                     mask_id_number(record.id_number or ""), record.kind.name,
                     record.given_on, record.amount, record.goods_value,
                     record.fund_source.name if record.fund_source else "", record.org.name))
    log_access(request, LOG_TYPE, AccessLog.Action.EXPORT, label="list",
               detail=f"{len(rows)} rows, masked")
    return xlsx_response("assistance", _("Women's assistance"), columns,
                         rows + [watermark(request)])


def _record(request, pk: int) -> Assistance:
    qs = Assistance.objects.select_related("kind", "org", "fund_source", "registered_by")
    return get_visible_or_404(qs, request.user, pk=pk)


def _detail(request, record: Assistance, full: bool):
    """Her other records the user may see, found by the ID number's keyed hash."""
    others = (Assistance.objects.visible_to(request.user).filter(id_hash=record.id_hash)
              .exclude(pk=record.pk).select_related("kind").only(
                  "pk", "number", "given_on", "amount", "kind__name_zh", "kind__name_en")
              if record.id_hash else Assistance.objects.none())
    person = ({"name": record.name, "id_number": record.id_number, "phone": record.phone,
               "address": record.address} if full else record.masked())
    return render(request, "rights/assistance_detail.html", {
        "record": record, "person": person, "full": full, "others": others})


@registry_worker
def assistance_detail(request, pk: int):
    record = _record(request, pk)
    log_access(request, record, AccessLog.Action.VIEW, label=record.number)
    return _detail(request, record, False)


@registry_worker
def assistance_unmask(request, pk: int):
    """The woman's identifiers and the note in full, only with a stated reason (logged)."""
    record = _record(request, pk)
    form = UnmaskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        log_access(request, record, AccessLog.Action.UNMASK, label=record.number,
                   reason=form.cleaned_data["reason"])
        return _detail(request, record, True)
    return render(request, "form.html", {
        "form": form, "title": _("Show personal data in full"), "subtitle": record.number,
        "back": record.get_absolute_url()})


@registry_worker
def assistance_create(request):
    form = AssistanceForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.instance.registered_by = request.user
        record = form.save()
        log_access(request, record, AccessLog.Action.CREATE, label=record.number)
        earlier = (Assistance.objects.visible_to(request.user).filter(id_hash=record.id_hash)
                   .exclude(pk=record.pk).count())
        if earlier:  # say nothing of records this user may not see
            messages.info(request, _("This woman was aided before: %(n)s earlier records; she "
                                     "counts once among the women aided.") % {"n": earlier})
        messages.success(request, _("Record %(number)s saved.") % {"number": record.number})
        return redirect(record)
    return render(request, "form.html", {"form": form,
                                                "title": _("Record help given to a woman")})


@registry_worker
def assistance_edit(request, pk: int):
    record = _record(request, pk)
    form = AssistanceForm(request.POST or None, instance=record, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        log_access(request, record, AccessLog.Action.CHANGE, label=record.number,
                   detail=",".join(form.changed_data))
        messages.success(request, _("Saved."))
        return redirect(record)
    log_access(request, record, AccessLog.Action.VIEW, label=record.number, detail="edit form")
    return render(request, "form.html", {
        "form": form, "title": _("Edit the assistance record"), "subtitle": record.number,
        "back": record.get_absolute_url()})


def period_of(request) -> tuple[datetime.date, datetime.date]:
    """?start=&end= (ISO dates), by default this year so far."""
    today = timezone.localdate()
    try:
        start = datetime.date.fromisoformat(request.GET.get("start", ""))
    except ValueError:
        start = today.replace(month=1, day=1)
    try:
        end = datetime.date.fromisoformat(request.GET.get("end", ""))
    except ValueError:
        end = today
    return (start, end) if start <= end else (end, start)


@login_required
def assistance_stats(request):
    """Women aided and money by kind of help, per street (or community) and in all, for a
    period: counts only, so leaders read it too; counts below 3 are withheld."""
    visible = Organization.objects.visible_to(request.user)
    code = request.GET.get("org", "")
    org = (visible.filter(code=code).first() if code else None) or request.user.org \
        or visible.filter(depth=1).first()
    if org is None:
        raise PermissionDenied
    start, end = period_of(request)
    return render(request, "rights/assistance_stats.html", {
        "org": org, "start": start, "end": end,
        "kinds": figures.assistance_by_kind(org, start, end),
        "units": figures.assistance_by_unit(org, start, end),
        "unit_orgs": visible.filter(kind__in=LEVEL_KINDS, depth__lte=org.depth + 1)
        .only("code", "name", "path").order_by("path"),
        "targets": figures.assistance_targets(org, start.year),
        "columns": list(AssistanceKind.objects.all())})
