"""Executive members' duties: who records for whom, and the state changes of a request passed
up (forward, acknowledge, answer, turned into a rights case). Every change runs in one
transaction with the request's row locked, so two staff acting at once cannot both win;
views never open transactions themselves."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orgs.duties.models import EXECUTIVE_POSTS, Duty, RequestStatus, VoiceRequest
from orgs.models import Organization, Person, Position, Role, User
from orgs.users.services import temporary_password


class DutyError(Exception):
    """A change that is not allowed (now): the message is for the user."""


# Who may do what --------------------------------------------------------------------------

def may_record(user) -> bool:
    """Executive members for themselves; chairs and district staff for the members of their
    subtree. Leaders read only."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_executive_member:
        return user.person_id is not None
    return user.can_write


def recordable_people(user):
    """The members `user` may record a duty for: herself, or the current executive members
    of her subtree."""
    if user.is_executive_member:
        return Person.objects.filter(pk=user.person_id)
    if not user.can_write:
        return Person.objects.none()
    current = Position.objects.visible_to(user).current().filter(post__in=EXECUTIVE_POSTS)
    return Person.objects.filter(pk__in=current.values("person_id")).select_related("org")


def may_edit(user, duty: Duty) -> bool:
    """Her own record, or one in the subtree of a chair or district staff member; a duty
    passed up stays as the federation received it."""
    if _has_request(duty):
        return False
    if user.is_executive_member:
        return duty.person_id == user.person_id
    return user.can_write


def may_forward(user, duty: Duty) -> bool:
    return (duty.kind.passes_up and not _has_request(duty) and may_edit(user, duty))


def may_handle(user) -> bool:
    """District staff acknowledge and answer requests and turn them into rights cases."""
    return user.is_authenticated and user.is_active and user.can_write and (
        user.is_district or user.is_superuser)


def may_unmask(user, request: VoiceRequest) -> bool:
    """The woman's name and phone in full: district staff, the member who passed it up and
    whoever recorded it. Chairs supervising see them masked."""
    if not (user.is_authenticated and user.is_active):
        return False
    if may_handle(user):
        return True
    return user.pk in (request.forwarded_by_id, request.duty.recorded_by_id) or (
        user.is_executive_member and request.duty.person_id == user.person_id)


def _has_request(duty: Duty) -> bool:
    try:
        return duty.request is not None
    except VoiceRequest.DoesNotExist:
        return False


def may_give_login(user) -> bool:
    """District admins and street chairs give executive members of their subtree a login."""
    return user.is_authenticated and user.is_active and user.can_write and (
        user.is_district_admin or user.role == Role.STREET_CHAIR)


def give_login(manager, person: Person, account: User) -> str:
    """Save `account` as `person`'s executive-member login with a one-time password (to be
    changed at the first login); return the password."""
    if not may_give_login(manager):
        raise DutyError(_("You cannot give executive members a login."))
    if User.objects.filter(person=person).exists():
        raise DutyError(_("She already has a login."))
    account.role, account.person, account.org_id = Role.EXECUTIVE_MEMBER, person, person.org_id
    account.first_name = person.name
    password = temporary_password()
    account.set_password(password)
    account.must_change_password = True
    account.save()
    return password


# Recording --------------------------------------------------------------------------------

def member_org(person: Person) -> Organization:
    """The committee a member's duty counts for: her current executive post's organization
    (the lowest level when she sits on several), else her record's."""
    post = (Position.objects.current().filter(person=person, post__in=EXECUTIVE_POSTS)
            .select_related("org").order_by("-org__depth").first())
    return post.org if post else person.org


def record_duty(user, duty: Duty) -> Duty:
    """Save a new or edited duty record for a member `user` may record for."""
    if not may_record(user) or not recordable_people(user).filter(pk=duty.person_id).exists():
        raise DutyError(_("You cannot record duties for this member."))
    if duty.pk is None:
        duty.recorded_by = user
        duty.org = member_org(duty.person)
    elif not may_edit(user, duty):
        raise DutyError(_("This record can no longer be changed."))
    duty.save()  # the form validated it
    return duty


# Requests passed up -----------------------------------------------------------------------

def forward(user, duty: Duty, *, subject: str, detail: str = "", woman_name: str = "",
            woman_phone: str = "") -> VoiceRequest:
    with transaction.atomic():
        duty = Duty.objects.select_for_update().select_related("kind").get(pk=duty.pk)
        if VoiceRequest.objects.filter(duty=duty).exists():
            raise DutyError(_("This duty has already been passed up."))
        if not duty.kind.passes_up:
            raise DutyError(_("Only a voice or need of women can be passed up."))
        if not may_edit(user, duty):
            raise DutyError(_("You cannot pass this duty up."))
        return VoiceRequest.objects.create(
            duty=duty, org=duty.org, subject=subject, detail=detail or None,
            woman_name=woman_name or None, woman_phone=woman_phone or None,
            forwarded_by=user, forwarded_at=timezone.now())


def _locked(request: VoiceRequest) -> VoiceRequest:
    return VoiceRequest.objects.select_for_update().get(pk=request.pk)


def acknowledge(user, request: VoiceRequest) -> VoiceRequest:
    if not may_handle(user):
        raise DutyError(_("Only district staff receive requests."))
    with transaction.atomic():
        request = _locked(request)
        if request.status != RequestStatus.FORWARDED:
            raise DutyError(_("The request's state changed meanwhile: reload the page."))
        request.status = RequestStatus.ACKNOWLEDGED
        request.acknowledged_at, request.acknowledged_by = timezone.now(), user
        request.save(update_fields=["status", "acknowledged_at", "acknowledged_by"])
    return request


def answer(user, request: VoiceRequest, text: str) -> VoiceRequest:
    if not may_handle(user):
        raise DutyError(_("Only district staff answer requests."))
    text = (text or "").strip()
    if not text:
        raise DutyError(_("Write the answer the member will see."))
    with transaction.atomic():
        request = _locked(request)
        if not request.is_open:
            raise DutyError(_("The request's state changed meanwhile: reload the page."))
        now = timezone.now()
        request.status, request.answer = RequestStatus.ANSWERED, text
        request.answered_at, request.answered_by = now, user
        if request.acknowledged_at is None:
            request.acknowledged_at, request.acknowledged_by = now, user
        request.save()
    return request


def mark_turned_into_case(user, request_id: int, case_number: str) -> None:
    """Called by the rights app when it registers a case from a request: the request is dealt
    with and names the case. (orgs never imports rights; rights calls this.)"""
    with transaction.atomic():
        request = VoiceRequest.objects.select_for_update().filter(pk=request_id).first()
        if request is None:
            return
        now = timezone.now()
        request.status, request.case_number = RequestStatus.CASE, case_number
        request.answered_at, request.answered_by = request.answered_at or now, user
        if request.acknowledged_at is None:
            request.acknowledged_at, request.acknowledged_by = now, user
        request.save()


def intake_prefill(user, request_id) -> dict | None:
    """What the rights intake form starts from for a request `user` may handle: the woman's
    name and phone, the account and the community. None when not found or not allowed."""
    try:
        request_id = int(request_id)
    except (TypeError, ValueError):
        return None
    if not may_handle(user):
        return None
    request = (VoiceRequest.objects.visible_to(user).select_related("duty__org", "org")
               .filter(pk=request_id).first())
    if request is None or not request.is_open:
        return None
    return {"request": request, "name": request.woman_name or "",
            "phone": request.woman_phone or "", "summary": request.detail or request.subject,
            "org": request.org if request.org.kind in ("community", "street") else None}
