"""Business rules of case handling that span several records: intake, assignment, optimistic
locking, referrals, closure, anonymization."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from encrypted_fields.fields import EncryptedFieldMixin

from federation.kernel.models import AccessLog, log_access
from orgs.duties import services as duty_services
from orgs.models import Role, User
from orgs.scoping import street_path
from rights.models import (
    Case,
    CaseAction,
    Complainant,
    Household,
    Mediation,
    MediationSession,
    Screening,
    Status,
)


class StaleCase(Exception):
    """Someone saved the case after this editor opened it."""

    def __init__(self, changes: list[tuple[str, str]]):
        super().__init__("stale case")
        self.changes = changes


def eligible_handlers(case: Case):
    """District staff who handle rights, or a street chair whose street holds the case."""
    return (User.objects.filter(is_active=True)
            .filter(Q(role=Role.DISTRICT_STAFF, groups__permissions__codename="handle_case")
                    | Q(role=Role.DISTRICT_STAFF, user_permissions__codename="handle_case")
                    | Q(role=Role.STREET_CHAIR, org__path=street_path(case.org)))
            .distinct().order_by("role", "username"))


@transaction.atomic
def register_case(*, user, complainant_data: dict, case_data: dict) -> tuple[Case, bool]:
    """Create a case, recognising a returning complainant by her ID number or phone. Her
    record is reused only if the user may see one of her earlier cases; otherwise she gets a
    new record linked to the first, so nobody sees data she did not enter or may not see."""
    found = Complainant.find_returning(complainant_data.get("id_number", ""),
                                       complainant_data.get("phone", ""),
                                       complainant_data.get("name", ""))
    if found and Case.objects.visible_to(user).of_person(found).exists():
        complainant = found
    else:
        complainant = Complainant(same_as_id=found.person_id if found else None)
    for field, value in complainant_data.items():
        if value not in ("", None):  # a returning complainant keeps what she gave before
            setattr(complainant, field, value)
    complainant.save()
    case = Case(complainant=complainant, registered_by=user, **case_data)
    case.save()
    if case.source_request_id:  # the request passed up is dealt with: it names this case
        duty_services.mark_turned_into_case(user, case.source_request_id, case.number)
    return case, found is not None


def _display(case: Case, field: models.Field) -> str:
    if isinstance(field, EncryptedFieldMixin):
        return _("(changed)")
    value = getattr(case, field.name)
    if field.choices:
        return str(getattr(case, f"get_{field.name}_display")())
    return "" if value is None else str(value)


def locked_save(case: Case, expected_version: int, fields: list[str],
                original: dict | None = None) -> None:
    """Save only if nobody saved since `expected_version` was read; otherwise raise StaleCase
    listing what the other person changed: fields whose stored value differs from `original`
    (the values the editor started from) or, without it, from the values being saved."""
    with transaction.atomic():
        current = Case.objects.select_for_update().get(pk=case.pk)
        if current.version != expected_version:
            changes = []
            for name in fields:
                field = Case._meta.get_field(name)
                stored = getattr(current, name)
                base = original[name] if original and name in original else getattr(case, name)
                if stored != base:
                    changes.append((str(field.verbose_name), _display(current, field)))
            raise StaleCase(changes)
        case.version = current.version + 1
        case.save()


def check_referral(case: Case, user, override_reason: str) -> None:
    if case.consent_to_share:
        return
    if not user.is_district_admin:
        raise ValidationError(_("The complainant has not consented to sharing her case with "
                                "other agencies: the referral is refused. A district admin "
                                "can override it with a recorded reason."))
    if not override_reason.strip():
        raise ValidationError(_("State why you refer the case without the complainant's "
                                "consent."))


def assign(case: Case, handler, version: int) -> None:
    case.handler = handler
    if case.status == Status.NEW:
        case.status = Status.IN_PROGRESS
        case.accepted_on = case.accepted_on or timezone.localdate()
    locked_save(case, version, ["handler", "status", "accepted_on"])


def add_action(case: Case, action: CaseAction, consent_on: datetime.date | None = None) -> None:
    """Record an action. A case awaiting acceptance is accepted by it (in progress, handled by
    whoever acted unless it has a handler). `consent_on`: the complainant consented to sharing
    on that day (given on the referral form); the case records it. One transaction with the
    case's row locked: the action and the acceptance happen together or not at all, and two
    first actions at once accept the case once."""
    with transaction.atomic():
        status, consented, handler_id = (
            Case.objects.select_for_update().filter(pk=case.pk)
            .values_list("status", "consent_to_share", "handler_id").get())
        action.case = case
        action.save()
        changes = {}
        if consent_on and not consented:
            changes.update(consent_to_share=True, consent_on=consent_on)
        if status == Status.NEW:
            changes.update(status=Status.IN_PROGRESS, accepted_on=action.on,
                           handler_id=handler_id or action.by_id)
        if changes:
            Case.objects.filter(pk=case.pk).update(version=F("version") + 1, **changes)


def close(case: Case, version: int) -> None:
    case.status = Status.CLOSED
    case.days_to_close = max((case.closed_on - case.received_on).days, 0)
    if not case.accepted_on and case.outcome and not case.outcome.accepted:
        case.accepted_on = case.closed_on
    locked_save(case, version, ["status", "closed_on", "outcome", "outcome_note"])


def anonymize_closed_cases(years: int, today: datetime.date | None = None) -> int:
    """Erase personal data of cases closed more than `years` years ago; counts stay."""
    today = today or timezone.localdate()
    cutoff = today.replace(year=today.year - years)
    cases = Case.objects.filter(status=Status.CLOSED, closed_on__lt=cutoff,
                                anonymized_at__isnull=True)
    ids = list(cases.values_list("pk", flat=True))
    if not ids:
        return 0
    now = timezone.now()
    with transaction.atomic():
        Case.objects.filter(pk__in=ids).update(
            other_party=None, summary=None, guardian_name=None, outcome_note=None,
            anonymized_at=now)
        CaseAction.objects.filter(case_id__in=ids).update(notes=None, next_step=None,
                                                          feedback=None)
        Mediation.objects.filter(case_id__in=ids).update(parties=None, agreement=None)
        MediationSession.objects.filter(mediation__case_id__in=ids).update(notes=None)
        # A complainant is erased once none of her cases keeps personal data.
        kept = Case.objects.filter(anonymized_at__isnull=True).values("complainant_id")
        (Complainant.objects.filter(cases__pk__in=ids).exclude(pk__in=kept)
         .update(name=None, id_number=None, id_hash="", phone=None, phone_hash="",
                 address=None))
        AccessLog.objects.bulk_create([
            AccessLog(username="system", action=AccessLog.Action.ANONYMIZE,
                      object_type="rights.case", object_id=str(pk), object_label=number)
            for pk, number in Case.objects.filter(pk__in=ids).values_list("pk", "number")])
    return len(ids)


@transaction.atomic
def open_case_for_household(household, user) -> Case:
    """A high-risk case from a red risk-register file, linked back to the file."""
    from rights.models import Category, Channel, Risk

    codes = set(household.factors.values_list("code", flat=True))
    category = "domestic_violence" if codes & {"violence", "fighting"} else "family_dispute"
    complainant = Complainant(name=household.head_name, phone=household.phone,
                              address=household.address, org=household.org)
    complainant.save()
    case = Case(complainant=complainant, org=household.org, registered_by=user,
                channel=Channel.objects.get(code="screening"),
                category=Category.objects.get(code=category),
                risk=Risk.URGENT if household.warning_letters >= 2 else Risk.HIGH,
                summary=f"{household.file_number}: {household.measures or ''}".strip())
    case.save()
    household.case = case
    household.save(update_fields=["case"])
    return case


# --- The risk register (婚姻家庭风险排查) ----------------------------------------------------


@transaction.atomic
def open_household(form, request) -> Household:
    """Open a household file from a valid form: the household, its risk factors and the
    access-log line, all or nothing."""
    household = form.save(commit=False)
    household.created_by = request.user
    household.save()
    form.save_m2m()
    log_access(request, household, AccessLog.Action.CREATE, label=household.file_number)
    return household


@transaction.atomic
def save_household(form, request) -> Household:
    """Save a household file's edit form with its access-log line, the row locked."""
    Household.objects.select_for_update(of=("self",)).get(pk=form.instance.pk)
    household = form.save()
    log_access(request, household, AccessLog.Action.CHANGE, label=household.file_number)
    return household


@transaction.atomic
def record_screening(form, household: Household, request) -> Screening:
    """Record a monthly screening from a valid form: the screening and its factors, the
    household's colour level and factors set from it (the latest screening decides), and the
    access-log line, in one transaction on the locked household."""
    locked = Household.objects.select_for_update(of=("self",)).get(pk=household.pk)
    screening = form.save(commit=False)
    screening.household, screening.screened_by = locked, request.user
    screening.save()
    form.save_m2m()
    locked.colour = screening.colour
    locked.save()
    locked.factors.set(screening.factors.all())
    log_access(request, locked, AccessLog.Action.CHANGE, label=locked.file_number,
               detail="monthly screening")
    household.colour = locked.colour
    return screening
