"""Family work's state changes: households and inspection rounds, honours and award lists.
Each function opens its own transaction and locks the row it changes (select_for_update), so
a failure half-way leaves nothing half-done and two people changing the same record are
served one after the other. Views and the Excel imports go through here; views never open
transactions themselves."""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from families.models import (
    Honour,
    HonourStep,
    Household,
    Inspection,
    InspectionRound,
    InspectionScore,
    Photo,
    Recipient,
    ScoreSheet,
    Source,
    State,
    apply_tier,
)
from families.models.courtyards import ScoreSheetMismatch
from families.models.honours import AwardList, AwardListEntry
from families.models.reference import HonourLevel, HonourType, Workflow
from federation.kernel.db import analyze


def _locked(household: Household) -> Household:
    """Lock the household's row for the rest of the transaction (the tier, the plaque and the
    campaign flag are read and written under the lock)."""
    return Household.objects.select_for_update(of=("self",)).get(pk=household.pk)


@transaction.atomic
def save_household(form, *, today: datetime.date) -> Household:
    """Register a household or save its edit form, with its special-courtyard categories;
    leaving the courtyard campaign takes the plaque down on the record (a plaque event) in the
    same transaction."""
    household = form.instance
    was_in_campaign = False
    if household.pk:
        was_in_campaign = _locked(household).in_campaign
    household = form.save()
    if was_in_campaign and not household.in_campaign:
        household.leave_campaign(today)
    return household


@transaction.atomic
def record_inspection(household: Household, sheet: ScoreSheet, inspected_on: datetime.date,
                      points: dict[int, Decimal], *, inspectors=(), remarks: str = "",
                      user=None, round=None, photos=()) -> Inspection:
    """Save an inspection with one score per item of its sheet and its photos, then make the
    household's tier follow it (plaque events). Raises ScoreSheetMismatch, saving nothing."""
    items = {item.pk: item for item in sheet.items.all()}
    if set(points) != set(items):
        raise ScoreSheetMismatch(gettext("Give a score for every item of the score sheet."))
    for pk, value in points.items():
        if not Decimal(0) <= value <= items[pk].max_points:
            raise ScoreSheetMismatch(gettext(
                "%(item)s: the score must be between 0 and %(max)s.") % {
                "item": items[pk].name, "max": items[pk].max_points})
    locked = _locked(household)
    inspection = Inspection.objects.create(
        household=locked, sheet=sheet, inspected_on=inspected_on, remarks=remarks,
        total=sum(points.values(), Decimal(0)), recorded_by=user, round=round)
    InspectionScore.objects.bulk_create(
        InspectionScore(inspection=inspection, item_id=pk, points=v) for pk, v in points.items())
    if inspectors:
        inspection.inspectors.set(inspectors)
    for upload in photos:
        Photo.objects.create(file=upload, inspection=inspection)
    apply_tier(locked)
    household.tier, household.latest_score, household.latest_inspected_on = (
        locked.tier, locked.latest_score, locked.latest_inspected_on)
    return inspection


@transaction.atomic
def start_round(form, *, user) -> tuple[InspectionRound, int]:
    """Create an inspection round from its form and draw its households (a fresh seed, so the
    draw can be repeated from the record). Returns the round and how many were drawn."""
    form.instance.seed = secrets.randbits(48)
    form.instance.created_by = user
    form.instance.sheet = ScoreSheet.current()
    inspection_round = form.save()
    return inspection_round, inspection_round.fill()


# --- Honours and award lists ----------------------------------------------------------


def _copy(target, source) -> None:
    for f in type(source)._meta.concrete_fields:
        setattr(target, f.attname, getattr(source, f.attname))


def act(honour: Honour, action: str, user, *, note: str = "", finding: str = "",
        notice_ends: datetime.date | None = None, on: datetime.date | None = None
        ) -> HonourStep:
    """Take a workflow step (Honour.apply) on the locked row; `honour` is updated to match."""
    with transaction.atomic():
        locked = (Honour.objects.select_for_update(of=("self",))
                  .select_related("org", "honour_type").get(pk=honour.pk))
        step = locked.apply(action, user, note=note, finding=finding, notice_ends=notice_ends,
                            on=on)
    _copy(honour, locked)
    return step


def nominate(data: dict, org, user, photos=()) -> Honour:
    """A nomination (families.forms.NominationForm's data) for a type with steps; a list
    type's honours come only with its list (create_award_list)."""
    honour_type = data["honour_type"]
    if honour_type.workflow == Workflow.LIST:
        raise ValidationError(_("%(type)s is awarded by list: upload the list instead.")
                              % {"type": honour_type.name})
    with transaction.atomic():
        recipient = data["recipient"] or Recipient.objects.create(
            kind=data["kind"], name=data["name"].strip(), org=org,
            household=data["household"])
        honour = Honour.objects.create(
            recipient=recipient, honour_type=honour_type, level=data["level"],
            year=data["year"], org=org, source=data["source"], citation=data["citation"])
        honour.criteria.set(data["criteria"])
        HonourStep.objects.create(honour=honour, action="nominate", to_state=State.NOMINATED,
                                  actor=user)
        for upload in photos:
            Photo.objects.create(file=upload, honour=honour)
    return honour


@dataclass(frozen=True)
class Entry:
    """One valid row of a list upload (families.imports.import_award_list)."""

    row: int
    org_id: int
    name: str
    household_id: int | None = None
    citation: str = ""


def create_award_list(honour_type: HonourType, level: HonourLevel, year: int,
                      entries: list[Entry], user) -> AwardList:
    if honour_type.workflow != Workflow.LIST:
        raise ValidationError(_("%(type)s is not awarded by list.") % {"type": honour_type.name})
    with transaction.atomic():
        award_list = AwardList.objects.create(honour_type=honour_type, level=level, year=year,
                                              org=user.org, uploaded_by=user)
        AwardListEntry.objects.bulk_create([AwardListEntry(
            award_list=award_list, row=e.row, org_id=e.org_id, name=e.name,
            household_id=e.household_id, citation=e.citation) for e in entries])
    return award_list


def _lock_pending(award_list: AwardList, user) -> AwardList:
    locked = (AwardList.objects.select_for_update(of=("self",))
              .select_related("org", "honour_type").get(pk=award_list.pk))
    if not locked.may_decide(user):
        raise PermissionDenied(_("This list has already been decided, or is not yours to "
                                 "decide."))
    return locked


def approve_award_list(award_list: AwardList, user, on: datetime.date | None = None) -> int:
    """Award every entry in one approval: one honour each (its recipient found by household
    or by name in its organization, or created), all in one transaction. Returns how many."""
    on = on or timezone.localdate()
    with transaction.atomic():
        locked = _lock_pending(award_list, user)
        entries = list(locked.entries.all())
        kind = locked.honour_type.subject
        known = {}
        for r in Recipient.objects.filter(kind=kind, org_id__in={e.org_id for e in entries}
                                          ).order_by("pk"):
            known.setdefault(("household", r.household_id) if r.household_id else
                             ("name", r.org_id, r.name), r)
        recipients, new = [], []
        for e in entries:
            key = ("household", e.household_id) if e.household_id else ("name", e.org_id, e.name)
            recipient = known.get(key)
            if recipient is None:
                recipient = known[key] = Recipient(kind=kind, name=e.name, org_id=e.org_id,
                                                   household_id=e.household_id)
                new.append(recipient)
            recipients.append(recipient)
        Recipient.objects.bulk_create(new)
        honours = Honour.objects.bulk_create([Honour(
            recipient=recipient, honour_type_id=locked.honour_type_id, level_id=locked.level_id,
            year=locked.year, org_id=e.org_id, source=Source.ORGANIZATION, citation=e.citation,
            state=State.AWARDED, awarded_on=on, award_list=locked)
            for e, recipient in zip(entries, recipients, strict=True)])
        HonourStep.objects.bulk_create([HonourStep(
            honour=h, action="list_award", to_state=State.AWARDED, actor=user)
            for h in honours])
        locked.status, locked.decided_by, locked.decided_on = (
            AwardList.Status.APPROVED, user, on)
        locked.save(update_fields=["status", "decided_by", "decided_on"])
    if len(honours) > 1000:
        analyze(Recipient, Honour, HonourStep)
    _copy(award_list, locked)
    return len(honours)


def withdraw_award_list(award_list: AwardList, user) -> None:
    with transaction.atomic():
        locked = _lock_pending(award_list, user)
        locked.status, locked.decided_by, locked.decided_on = (
            AwardList.Status.WITHDRAWN, user, timezone.localdate())
        locked.save(update_fields=["status", "decided_by", "decided_on"])
    _copy(award_list, locked)
