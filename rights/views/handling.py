"""Handling a case: assignment, timeline actions, referral feedback, closure, follow-up."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from federation.kernel.models import AccessLog
from orgs.scoping import get_visible_or_404
from rights.forms import ActionForm, AssignForm, CloseForm, FeedbackForm, FollowUpForm, VersionForm
from rights.models import CaseAction, Status
from rights.permissions import can_assign_case
from rights.permissions import can_manage_case as can_manage
from rights.services import (
    StaleCase,
    add_action,
    assign,
    close,
    eligible_handlers,
    locked_save,
)
from rights.views.common import audit, case_worker, for_case, get_case


def _stale(request, form, case, stale: StaleCase, title: str):
    form.add_error(None, _("Someone else saved this case in the meantime: nothing was saved. "
                           "Check what changed, then try again."))
    return render(request, "form.html", {"form": form, **for_case(case), "title": title,
                                                "changes": stale.changes}, status=409)


@case_worker
def case_assign(request, pk: int):
    case = get_case(request, pk)
    if not can_assign_case(request.user, case):
        raise PermissionDenied
    form = AssignForm(request.POST or None, handlers=eligible_handlers(case),
                      initial={"version": case.version, "handler": case.handler_id})
    if form.is_valid():
        try:
            assign(case, form.cleaned_data["handler"], form.cleaned_data["version"])
        except StaleCase as stale:
            return _stale(request, form, case, stale, _("Assign a handler"))
        audit(request, case, AccessLog.Action.CHANGE, detail="assigned")
        messages.success(request, _("Handler assigned."))
        return redirect(case)
    return render(request, "form.html", {"form": form, **for_case(case),
                                                "title": _("Assign a handler")})


@case_worker
def action_create(request, pk: int):
    case = get_case(request, pk)
    if case.status == Status.CLOSED:
        raise PermissionDenied
    form = ActionForm(request.POST or None, case=case, user=request.user)
    if form.is_valid():
        action = form.save(commit=False)
        action.by = request.user
        action.feedback_due_on = form.cleaned_data.get("feedback_due_on")
        consent = form.cleaned_data.get("consent_now") and form.cleaned_data["consent_now_on"]
        add_action(case, action, consent_on=consent or None)
        reason = form.cleaned_data.get("override_reason", "")
        audit(request, case, AccessLog.Action.CHANGE, reason=reason,
              detail=f"action {action.type.code}")
        messages.success(request, _("Action recorded."))
        return redirect(case)
    return render(request, "form.html", {"form": form, "case": case,
                                                "title": _("Record an action"),
                                                "referral_notice": True})


@case_worker
def action_feedback(request, pk: int):
    """The receiving agency's answer to a referral: clears its overdue flag."""
    action = get_visible_or_404(CaseAction.objects.filter(type__is_referral=True),
                                request.user, pk=pk)
    case = get_case(request, action.case_id)
    form = FeedbackForm(request.POST or None, instance=action)
    if form.is_valid():
        form.save()
        audit(request, case, AccessLog.Action.CHANGE, detail="referral feedback")
        messages.success(request, _("Feedback recorded."))
        return redirect(case)
    return render(request, "form.html", {"form": form, **for_case(case),
                                                "title": _("Agency's answer")})


def _managed_case(request, pk: int):
    case = get_case(request, pk)
    if not can_manage(request.user, case):
        raise PermissionDenied
    return case


@case_worker
def case_close(request, pk: int):
    case = _managed_case(request, pk)
    if case.status == Status.CLOSED:
        raise PermissionDenied
    form = CloseForm(request.POST or None, instance=case)
    if form.is_valid():
        try:
            close(form.instance, form.cleaned_data["version"])
        except StaleCase as stale:
            return _stale(request, form, case, stale, _("Close the case"))
        audit(request, case, AccessLog.Action.CHANGE, detail="closed")
        messages.success(request, _("Case closed."))
        return redirect(case)
    return render(request, "form.html", {"form": form, **for_case(case),
                                                "title": _("Close the case")})


@case_worker
def case_followup(request, pk: int):
    case = _managed_case(request, pk)
    if case.status != Status.CLOSED:
        raise PermissionDenied
    form = FollowUpForm(request.POST or None, instance=case)
    if form.is_valid():
        try:
            locked_save(form.instance, form.cleaned_data["version"],
                        ["followed_up_on", "satisfaction"])
        except StaleCase as stale:
            return _stale(request, form, case, stale, _("Follow-up visit"))
        audit(request, case, AccessLog.Action.CHANGE, detail="follow-up visit")
        messages.success(request, _("Follow-up visit recorded."))
        return redirect(case)
    return render(request, "form.html", {"form": form, **for_case(case),
                                                "title": _("Follow-up visit")})


@case_worker
def case_extend(request, pk: int):
    """Extend the time limit once (default 30 days, configurable)."""
    case = _managed_case(request, pk)
    if case.status == Status.CLOSED or case.extended:
        raise PermissionDenied
    form = VersionForm(request.POST or None, initial={"version": case.version})
    if form.is_valid():
        case.extend()
        try:
            locked_save(case, form.cleaned_data["version"], ["due_on", "extended"])
        except StaleCase as stale:
            return _stale(request, form, case, stale, _("Extend the time limit"))
        audit(request, case, AccessLog.Action.CHANGE, detail="time limit extended")
        messages.success(request, _("Time limit extended to %(date)s.") % {"date": case.due_on})
        return redirect(case)
    return render(request, "form.html", {"form": form, **for_case(case),
                                                "title": _("Extend the time limit")})
