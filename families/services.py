"""State changes of households and inspection rounds. Each function opens its own
transaction and locks the household's row, so a failure half-way leaves nothing half-done
and two people saving the same household are served one after the other. Views and the
Excel imports go through here; views never open transactions themselves.
(Honours keep their workflow in `Honour.act`.)"""

from __future__ import annotations

import datetime
import secrets
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext

from families.models import (
    Household,
    Inspection,
    InspectionRound,
    InspectionScore,
    Photo,
    ScoreSheet,
    apply_tier,
)
from families.models.courtyards import ScoreSheetMismatch


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
