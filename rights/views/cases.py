"""Case intake, list, detail, editing and exports."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.kernel.models import AccessLog, log_access
from federation.kernel.pagination import paginate
from federation.kernel.privacy import private_query
from federation.kernel.spreadsheets import xlsx_response
from orgs.duties.services import intake_prefill
from rights.filters import CaseFilter
from rights.forms import CaseForm, IntakeForm, UnmaskForm
from rights.models import Case, Household
from rights.permissions import can_manage_case as can_manage
from rights.permissions import can_unmask_case as can_unmask
from rights.services import StaleCase, locked_save, register_case
from rights.views.common import audit, case_worker, for_case, get_case, personal_data

EDIT_FIELDS = CaseForm._meta.fields
#: Filters links may carry in the URL; the case number box (people type names and phone
#: numbers into it) only ever comes by POST.
PUBLIC_FILTERS = ("status", "risk", "category", "mine", "overdue")


@case_worker
def case_list(request):
    data = private_query(request, PUBLIC_FILTERS)  # typed text stays out of URLs
    if not isinstance(data, QueryDict):
        return data
    cases = Case.objects.visible_to(request.user).for_list()
    filterset = CaseFilter(data or None, queryset=cases, request=request)
    page = paginate(request, filterset.qs)
    for case in page:
        case.masked = personal_data(case.complainant, fields=("name",))
    return render(request, "rights/case_list.html", {
        "filter": filterset, "page": page, "today": timezone.localdate()})


@case_worker
def overdue_list(request):
    cases = Case.objects.visible_to(request.user)
    page = paginate(request, cases.overdue().for_list())
    for case in page:
        case.masked = personal_data(case.complainant, fields=("name",))
    feedback = cases.overdue_feedback().select_related("case", "type")[:100]
    visits = (Household.objects.visible_to(request.user)
              .filter(status="watch", next_visit_on__lt=timezone.localdate())
              .select_related("org", "colour").order_by("colour__order", "next_visit_on")[:100])
    return render(request, "rights/overdue.html", {
        "page": page, "feedback": feedback, "visits": visits, "today": timezone.localdate()})


@case_worker
def case_export(request):
    """The filtered list, masked; one access-log entry names how many cases left."""
    data = private_query(request, PUBLIC_FILTERS)
    if not isinstance(data, QueryDict):
        return data
    visible = Case.objects.visible_to(request.user).for_list()
    cases = CaseFilter(data or None, request=request, queryset=visible).qs
    rows = [_export_row(case) for case in cases.iterator(chunk_size=500)]
    rows.append(watermark(request))
    log_access(request, "rights.case", AccessLog.Action.EXPORT, label="case list",
               detail=f"{len(rows)} cases, masked")
    return xlsx_response("rights-cases", _("Rights cases"), export_columns(), rows)


def export_columns() -> list[tuple[str, int]]:
    return [(_("case number"), 14), (_("received on"), 12), (_("channel"), 14),
            (_("category"), 28), (_("risk level"), 8), (_("status"), 10),
            (_("complainant"), 10), (_("phone"), 14), (_("resident ID number"), 20),
            (_("community"), 20), (_("handler"), 14), (_("close by"), 12)]


def watermark(request) -> list:
    """The last row of every case export names who exported it and when."""
    return [_("Exported by %(user)s at %(time)s; masked personal data, do not pass on.")
            % {"user": request.user.username,
               "time": timezone.localtime().strftime("%Y-%m-%d %H:%M")}]


def _export_row(case: Case) -> list:
    masked = personal_data(case.complainant, fields=("name", "phone", "id_number"))
    return [case.number, case.received_on, str(case.channel), str(case.category),
            case.get_risk_display(), case.get_status_display(), masked["name"],
            masked["phone"], masked["id_number"], case.org.name,
            case.handler.get_full_name() or case.handler.username if case.handler else "",
            case.due_on]


@case_worker
def case_create(request):
    # Taken from a request an executive member passed up (?from_request=<its id>): the form
    # starts from what she recorded, and the case keeps the link.
    source = intake_prefill(request.user, request.GET.get("from_request"))
    initial = {}
    if source:
        initial = {"name": source["name"], "phone": source["phone"],
                   "summary": source["summary"]}
        if source["org"] is not None:
            initial["org"] = source["org"]
    form = IntakeForm(request.POST or None, user=request.user, initial=initial)
    if form.is_valid():
        complainant, data = form.split()
        if source:
            data["source_request"] = source["request"]
        case, returning = register_case(user=request.user, complainant_data=complainant,
                                        case_data=data)
        audit(request, case, AccessLog.Action.CREATE)
        earlier = Case.objects.visible_to(request.user).of_person(
            case.complainant).exclude(pk=case.pk)
        if returning and earlier.exists():  # say nothing of cases this user may not see
            messages.info(request, _("Returning complainant: her earlier cases are linked."))
        messages.success(request, _("Case %(number)s registered.") % {"number": case.number})
        return redirect(case)
    return render(request, "rights/intake.html", {
        "form": form, "source": source["request"] if source else None})


def _detail_context(request, case: Case, full: bool) -> dict:
    earlier = (Case.objects.visible_to(request.user).of_person(case.complainant)
               .exclude(pk=case.pk).only("pk", "number", "received_on", "status")
               .order_by("-received_on"))
    return {
        "case": case, "person": personal_data(case.complainant, full), "full": full,
        "actions": case.actions.select_related("type", "by"),
        "mediations": case.mediations.prefetch_related("sessions"),
        "earlier": earlier, "can_unmask": can_unmask(request.user, case),
        "can_manage": can_manage(request.user, case), "today": timezone.localdate(),
    }


@case_worker
def case_detail(request, pk: int):
    case = get_case(request, pk)
    audit(request, case, AccessLog.Action.VIEW)
    return render(request, "rights/case_detail.html", _detail_context(request, case, False))


@case_worker
def case_unmask(request, pk: int):
    """Full personal data, only with a stated reason that goes to the access log."""
    case = get_case(request, pk)
    if not can_unmask(request.user, case):
        raise PermissionDenied
    form = UnmaskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        audit(request, case, AccessLog.Action.UNMASK, reason=form.cleaned_data["reason"])
        return render(request, "rights/case_detail.html", _detail_context(request, case, True))
    return render(request, "form.html", {
        "form": form, "case": case, "title": _("Show personal data in full"),
        "submit_label": _("Show in full (the reason goes to the access log)"),
        "submit_icon": "bi-eye"})


@case_worker
def case_edit(request, pk: int):
    case = get_case(request, pk)
    if not can_unmask(request.user, case):
        raise PermissionDenied
    form = CaseForm(request.POST or None, instance=case)
    if form.is_valid():
        if "received_on" in form.changed_data:
            form.instance.reset_deadlines()
        try:
            locked_save(form.instance, form.cleaned_data["version"], EDIT_FIELDS,
                        form.original_values())
        except StaleCase as stale:
            return _refuse_stale(request, form, case, stale)
        audit(request, case, AccessLog.Action.CHANGE, detail=",".join(form.changed_data))
        messages.success(request, _("Saved."))
        return redirect(case)
    audit(request, case, AccessLog.Action.VIEW, detail="edit form")
    return render(request, "form.html", {"form": form, **for_case(case),
                                                "title": _("Edit case")})


def _refuse_stale(request, form, case, stale: StaleCase):
    form.add_error(None, _("Someone else saved this case while you were editing it. Your "
                           "changes were NOT saved. Check what changed, then reload."))
    return render(request, "form.html", {
        "form": form, **for_case(case), "title": _("Edit case"), "changes": stale.changes},
        status=409)


@case_worker
def case_export_one(request, pk: int):
    """One case and its timeline, masked, for a file or a referral letter."""
    case = get_case(request, pk)
    audit(request, case, AccessLog.Action.EXPORT, detail="case sheet, masked")
    rows = [_export_row(case)]
    # The timeline without its notes: types, dates and who acted.
    rows += [[case.number, a.on, "", str(a.type), "", "", "", "", "", "", a.by.username,
              a.due_on] for a in case.actions.select_related("type", "by")]
    rows.append(watermark(request))
    return xlsx_response(case.number, case.number, export_columns(), rows)
