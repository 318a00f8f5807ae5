"""Executive members' pages: record a duty (a phone form), the duty list, a duty, passing a
voice up, the requests and their answers, the yearly review, members with nothing recorded,
and the terms coming to an end. Querysets come only through `visible_to`; state changes go
through orgs.duties.services."""

from __future__ import annotations

import datetime
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from federation.kernel.models import AccessLog, log_access
from federation.kernel.pagination import paginate
from federation.kernel.privacy import mask_name, mask_phone
from orgs.duties import figures, services
from orgs.duties.forms import (
    AnswerForm,
    DutyForm,
    ForwardForm,
    MemberAccountForm,
    PeriodForm,
    RevealForm,
)
from orgs.duties.models import EXECUTIVE_POSTS, Duty, DutyKind, ReviewWeights, VoiceRequest
from orgs.duties.todo import terms_ending
from orgs.models import Person, Position
from orgs.scoping import get_visible_or_404, scope_root, subtree_q


def not_for_members(view):
    """Pages over the committee (review, lists of members): not for a member's own account."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.user.is_executive_member or scope_root(request.user) is None:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


# Duty records -----------------------------------------------------------------------------

@login_required
def duty_list(request):
    """A member's own records; a chair's, her subtree's (this year unless chosen)."""
    user = request.user
    duties = Duty.objects.visible_to(user).select_related("kind", "person", "org", "request")
    form = None
    if not user.is_executive_member:
        form = PeriodForm(request.GET or None, user=user)
        year, org = form.period()
        start, end = _year_bounds(year)
        duties = duties.filter(done_on__gte=start, done_on__lte=end)
        if org is not None:
            duties = duties.filter(subtree_q("org", org))
    page = paginate(request, duties.order_by("-done_on", "-pk"), per_page=30)
    return render(request, "orgs/duties/duty_list.html", {
        "page": page, "form": form, "may_record": services.may_record(user)})


@login_required
def duty_create(request):
    user = request.user
    if not services.may_record(user):
        raise PermissionDenied
    people = services.recordable_people(user)
    person = None
    if user.is_executive_member:
        person = user.person
    elif request.GET.get("person"):
        try:
            person = people.filter(pk=int(request.GET["person"])).first()
        except ValueError:
            person = None
        if person is None:
            raise Http404
    else:  # a chair records for her own committee; lower ones from the member's page
        people = people.filter(pk__in=Position.objects.current().filter(
            org_id=user.org_id, post__in=EXECUTIVE_POSTS).values("person_id"))
    org = services.member_org(person) if person else user.org
    form = DutyForm(request.POST or None, request.FILES or None, people=people,
                    person=person, org=org)
    if form.is_valid():
        duty = form.save(commit=False)
        duty.photo_type = form.photo_type
        try:
            duty = services.record_duty(user, duty)
        except services.DutyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Duty recorded."))
            if duty.kind.passes_up:
                return redirect("orgs:duty_forward", pk=duty.pk)
            return redirect("orgs:duties")
    return render(request, "orgs/duties/duty_form.html", {
        "form": form, "title": _("Record a duty"), "person": person})


def _get_duty(request, pk: int) -> Duty:
    return get_visible_or_404(
        Duty.objects.select_related("kind", "person", "org", "activity", "recorded_by"),
        request.user, pk=pk)


@login_required
def duty_detail(request, pk: int):
    duty = _get_duty(request, pk)
    voice = VoiceRequest.objects.filter(duty=duty).first()
    return render(request, "orgs/duties/duty_detail.html", {
        "duty": duty, "voice": voice, "may_edit": services.may_edit(request.user, duty),
        "may_forward": services.may_forward(request.user, duty)})


@login_required
def duty_edit(request, pk: int):
    duty = _get_duty(request, pk)
    if not services.may_edit(request.user, duty):
        raise PermissionDenied
    form = DutyForm(request.POST or None, request.FILES or None, instance=duty,
                    people=Person.objects.filter(pk=duty.person_id), person=duty.person,
                    org=duty.org)
    if form.is_valid():
        duty = form.save(commit=False)
        if form.photo_type:
            duty.photo_type = form.photo_type
        try:
            services.record_duty(request.user, duty)
        except services.DutyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Saved."))
            return redirect(duty)
    return render(request, "orgs/duties/duty_form.html", {
        "form": form, "title": _("Edit the duty record"), "person": duty.person, "duty": duty})


@login_required
def duty_photo(request, pk: int):
    duty = _get_duty(request, pk)
    if not duty.photo:
        raise Http404
    return FileResponse(duty.photo.open("rb"), content_type=duty.photo_type or "image/jpeg")


@sensitive_post_parameters()
@login_required
def duty_forward(request, pk: int):
    """Pass a voice or need of women up to the federation."""
    duty = _get_duty(request, pk)
    if not services.may_forward(request.user, duty):
        raise PermissionDenied
    form = ForwardForm(request.POST or None, initial={"subject": duty.text[:120]})
    if form.is_valid():
        try:
            voice = services.forward(request.user, duty, **form.cleaned_data)
        except services.DutyError as error:
            form.add_error(None, str(error))
        else:
            log_access(request, voice, AccessLog.Action.CREATE, label=f"request {voice.pk}")
            messages.success(request, _("Passed up to the federation."))
            return redirect(voice)
    return render(request, "orgs/duties/forward.html", {"form": form, "duty": duty})


# Requests passed up -----------------------------------------------------------------------

@login_required
def request_list(request):
    """Requests of the user's scope (a member: hers), open ones first; the woman concerned
    is never shown here."""
    requests = (VoiceRequest.objects.visible_to(request.user)
                .select_related("org", "duty__person", "duty__kind")
                .defer("detail", "woman_name", "woman_phone"))
    status = request.GET.get("status", "")
    if status == "open":
        requests = requests.open()
    page = paginate(request, requests.order_by("-forwarded_at", "-pk"), per_page=30)
    return render(request, "orgs/duties/request_list.html", {
        "page": page, "status": status})


def _get_request(request, pk: int) -> VoiceRequest:
    return get_visible_or_404(
        VoiceRequest.objects.select_related("org", "duty__person", "duty__kind",
                                            "forwarded_by", "answered_by", "acknowledged_by"),
        request.user, pk=pk)


def _request_page(request, voice: VoiceRequest, full: bool, status: int = 200, **extra):
    person = {"name": voice.woman_name or "", "phone": voice.woman_phone or "",
              "detail": voice.detail or ""}
    if not full:
        person = {"name": mask_name(person["name"]), "phone": mask_phone(person["phone"]),
                  "detail": ""}
    handle = services.may_handle(request.user)
    intake = ""
    if handle and voice.is_open:
        intake = reverse("rights:case_create") + f"?from_request={voice.pk}"
    return render(request, "orgs/duties/request_detail.html", {
        "voice": voice, "person": person, "full": full, "may_handle": handle,
        "may_unmask": services.may_unmask(request.user, voice), "intake_url": intake,
        "answer_form": extra.get("answer_form") or AnswerForm(), **extra}, status=status)


@login_required
def request_detail(request, pk: int):
    voice = _get_request(request, pk)
    log_access(request, voice, AccessLog.Action.VIEW, label=f"request {voice.pk}")
    return _request_page(request, voice, False)


@sensitive_post_parameters()
@login_required
def request_reveal(request, pk: int):
    """The woman's name, phone and the full account, only with a stated reason that goes to
    the access log."""
    voice = _get_request(request, pk)
    if not services.may_unmask(request.user, voice):
        raise PermissionDenied
    form = RevealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        log_access(request, voice, AccessLog.Action.UNMASK, label=f"request {voice.pk}",
                   reason=form.cleaned_data["reason"])
        return _request_page(request, voice, True)
    return render(request, "orgs/duties/reveal.html", {"form": form, "voice": voice})


@require_POST
@login_required
def request_acknowledge(request, pk: int):
    voice = _get_request(request, pk)
    if not services.may_handle(request.user):
        raise PermissionDenied
    try:
        services.acknowledge(request.user, voice)
    except services.DutyError as error:
        messages.error(request, str(error))
    else:
        log_access(request, voice, AccessLog.Action.CHANGE, label=f"request {voice.pk}",
                   detail="acknowledged")
        messages.success(request, _("Marked as received."))
    return redirect(voice)


@require_POST
@sensitive_post_parameters()
@login_required
def request_answer(request, pk: int):
    voice = _get_request(request, pk)
    if not services.may_handle(request.user):
        raise PermissionDenied
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _request_page(request, voice, False, status=400, answer_form=form)
    try:
        services.answer(request.user, voice, form.cleaned_data["answer"])
    except services.DutyError as error:
        messages.error(request, str(error))
    else:
        log_access(request, voice, AccessLog.Action.CHANGE, label=f"request {voice.pk}",
                   detail="answered")
        messages.success(request, _("Answer sent to the member."))
    return redirect(voice)


# Review and lists -------------------------------------------------------------------------

@not_for_members
def review(request):
    """Per member of the chosen organization's subtree and year: duties by kind, women
    reached, meetings, requests passed up and answered, and the score; best first."""
    form = PeriodForm(request.GET or None, user=request.user)
    year, org = form.period()
    start, end = _year_bounds(year)
    kinds = list(DutyKind.objects.active())
    weights = ReviewWeights.current()
    current = Position.objects.filter(post__in=EXECUTIVE_POSTS).select_related(
        "org", "term").order_by("-started_on")
    people = figures.review(figures.people_in(org, start, end), start, end, weights,
                            [kind.code for kind in kinds])
    people = people.select_related("org").prefetch_related(
        Prefetch("positions", queryset=current, to_attr="posts")).order_by(
        "-score", "name", "pk")
    page = paginate(request, people, per_page=50)
    for person in page:
        person.counts = [getattr(person, f"n_{kind.code}") for kind in kinds]
        person.post = person.posts[0] if person.posts else None
        if person.post and person.post.term:
            person.term_year = year - person.post.term.starts_on.year + 1
    return render(request, "orgs/duties/review.html", {
        "form": form, "page": page, "kinds": kinds, "year": year, "org": org,
        "weights": weights, "totals": figures.committee_figures(org, start, end)})


@not_for_members
def idle(request):
    """Members with no duty recorded this year: counted per street, listed for one."""
    form = PeriodForm(request.GET or None, user=request.user)
    year, org = form.period()
    start, end = _year_bounds(year)
    streets = figures.idle_by_street(org, start, end)
    people = figures.idle(org, start, end).select_related("org").order_by(
        "org__path", "name", "pk")
    page = paginate(request, people, per_page=50)
    return render(request, "orgs/duties/idle.html", {
        "form": form, "streets": streets, "page": page, "year": year, "org": org})


@not_for_members
def terms(request):
    """Committees whose term ends within half a year (换届 due) or has ended without a newer
    term recorded."""
    rows = terms_ending(request.user, timezone.localdate()).select_related("org")
    page = paginate(request, rows.order_by("ends_on", "org__path"), per_page=50)
    return render(request, "orgs/duties/terms.html", {"page": page,
                                                      "today": timezone.localdate()})


@login_required
def member_account(request, pk: int):
    """Give an executive member a login of her own (a one-time password, changed at the first
    login)."""
    if not services.may_give_login(request.user):
        raise PermissionDenied
    person = get_visible_or_404(
        Person.objects.filter(pk__in=Position.objects.current().filter(
            post__in=EXECUTIVE_POSTS).values("person_id")).select_related("org"),
        request.user, pk=pk)
    form = MemberAccountForm(request.POST or None)
    if form.is_valid():
        try:
            password = services.give_login(request.user, person, form.save(commit=False))
        except services.DutyError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _(
                "Account %(username)s created. One-time password: %(password)s — give it to "
                "the user; it must be changed at the first login.") % {
                "username": form.instance.username, "password": password})
        return redirect("orgs:person", pk=person.pk)
    return render(request, "form.html", {
        "form": form, "title": _("A login for %(name)s") % {"name": person.name},
        "back": person})
