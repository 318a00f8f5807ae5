"""Monthly tally services: what the form shows, validation, saving with optimistic locking,
and the workflow transitions. Views and the Excel upload both go through these functions."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.kernel.prefill import registry_answers
from orgs.activities.figures import output_values
from orgs.activities.models import Activity
from orgs.tallies import figures as tally_figures
from orgs.tallies.models import (
    AWAITING_REVIEW,
    EDITABLE_STATES,
    OUTPUT_PREFILLS,
    Indicator,
    Prefill,
    Tally,
    TallyEvent,
    TallyEventKind,
    TallyState,
    TallyValue,
    TallyValueChange,
    fmt,
    month_end,
    same_month_last_year,
)

#: A value at least this many times the same month last year needs a confirmation.
OUTLIER_FACTOR = 3
#: The largest value the column holds (14 digits, 2 of them decimals).
MAX_VALUE = Decimal("999999999999.99")


class TallyConflict(Exception):
    """Someone saved the tally after this form was loaded."""

    def __init__(self, changes: list[TallyValueChange], tally: Tally):
        super().__init__("tally changed meanwhile")
        self.changes = changes
        self.tally = tally


class TallyStateError(Exception):
    pass


@dataclass
class Row:
    """One indicator of the form with everything shown beside it."""

    indicator: Indicator
    value: Decimal | None = None
    flagged: bool = False
    last_year: Decimal | None = None
    prefilled: bool = False
    children_sum: Decimal | None = None
    before_return: str | None = None  # value at the last return, when it changed since
    target: Decimal | None = None
    year_total: Decimal | None = None

    @property
    def progress(self) -> int | None:
        if not self.target:
            return None
        return int((self.year_total or 0) * 100 / self.target)


@dataclass
class TallySheet:
    tally: Tally
    rows: list[Row] = field(default_factory=list)
    children_reported: int = 0
    children_expected: int = 0

    @property
    def flagged(self) -> list[Row]:
        """Values the reporter confirmed although they are 3x last year: for the approver."""
        return [row for row in self.rows if row.flagged]

    def groups(self) -> list[tuple[object, list[Row]]]:
        out: list[tuple[object, list[Row]]] = []
        for row in self.rows:
            if not out or out[-1][0] != row.indicator.group:
                out.append((row.indicator.group, []))
            out[-1][1].append(row)
        return out


def activity_answers(org_id: int, month: datetime.date) -> dict[tuple[int | None, str], int]:
    """What the activity log says for an organization's month, by (category, prefill); the
    outputs (households, materials, donations) also summed over every category, under
    (None, prefill): one query."""
    rows = (output_values(Activity.objects.filter(org_id=org_id, starts_on__gte=month,
                                                  starts_on__lte=month_end(month)))
            .order_by().values("category_id")
            .annotate(count=Count("pk"), participants=Sum("participants"), women=Sum("women"),
                      children=Sum("children"), households=Sum("households"),
                      materials=Sum("materials"), donations=Sum("donated")))
    answers: dict[tuple[int | None, str], int] = {}
    for row in rows:
        for kind in (Prefill.COUNT, Prefill.PARTICIPANTS, Prefill.WOMEN, Prefill.CHILDREN,
                     *OUTPUT_PREFILLS):
            if row[kind] is not None:
                answers[(row["category_id"], kind)] = row[kind]
        for kind in OUTPUT_PREFILLS:
            if row[kind] is not None:
                answers[(None, kind)] = answers.get((None, kind), 0) + row[kind]
    return answers


def build_sheet(tally: Tally, with_children: bool = True, full: bool = True) -> TallySheet:
    """Everything the tally page shows, in a fixed number of queries whatever the data.
    `full=False` loads only what validating a save needs (indicators, values, last year)."""
    month, org = tally.month, tally.org
    indicators = list(Indicator.objects.active_in(month))
    values = ({v.indicator_id: v for v in tally.values.all()} if tally.pk else {})
    last = tally_figures.org_month_values(org.pk, same_month_last_year(month))
    fresh = full and tally.version == 0
    answers = activity_answers(org.pk, month) if fresh else {}
    registered = registry_answers(org.pk, month) if fresh else {}  # registries' records
    children: dict[int, Decimal | None] = {}
    sheet = TallySheet(tally)
    if full and with_children and org.kind == "street":
        children = tally_figures.children_totals(org, month)
        sheet.children_reported, sheet.children_expected = tally_figures.children_reporting(
            org, month)
    snapshot = (last_return_snapshot(tally)
                if full and tally.state == TallyState.RESUBMITTED else None)
    targets = tally_figures.target_progress(org, month.year) if full else {}
    for indicator in indicators:
        row = Row(indicator, last_year=last.get(indicator.pk),
                  children_sum=children.get(indicator.pk))
        if indicator.pk in values:
            row.value, row.flagged = values[indicator.pk].value, values[indicator.pk].flagged
        elif indicator.prefill and (indicator.category_id, indicator.prefill) in answers:
            row.value = Decimal(answers[(indicator.category_id, indicator.prefill)])
            row.prefilled = True
        elif indicator.pk in registered:
            row.value, row.prefilled = registered[indicator.pk], True
        if snapshot is not None:
            before = snapshot.get(str(indicator.pk), "")
            if before != fmt(row.value):
                row.before_return = before
        if indicator.pk in targets:
            row.target, row.year_total = targets[indicator.pk]
        sheet.rows.append(row)
    return sheet


def last_return_snapshot(tally: Tally) -> dict[str, str] | None:
    event = tally.events.filter(kind=TallyEventKind.RETURNED).order_by("-at", "-pk").first()
    return event.snapshot if event else None


def check_value(indicator: Indicator, value: Decimal | None, last_year: Decimal | None,
                confirmed: bool, submitting: bool) -> tuple[str | None, bool]:
    """(error message or None, flagged). The rules of validation, shared by form and upload."""
    if value is None:
        if submitting and indicator.required:
            return _("This indicator is required before submitting (enter 0 if none)."), False
        return None, False
    if value < 0:
        return _("The number cannot be negative."), False
    if value > MAX_VALUE:
        return _("The number is too large."), False
    if not indicator.is_amount and value != value.to_integral():
        return _("Enter a whole number."), False
    if value != value.quantize(Decimal("0.01")):
        return _("Use at most two decimal places."), False
    if indicator.minimum is not None and value < indicator.minimum:
        return _("At least %(min)s.") % {"min": fmt(indicator.minimum)}, False
    if indicator.maximum is not None and value > indicator.maximum:
        return _("At most %(max)s.") % {"max": fmt(indicator.maximum)}, False
    outlier = bool(last_year) and value >= OUTLIER_FACTOR * last_year
    if outlier and not confirmed:
        return _("%(value)s is %(factor)s times or more the same month last year (%(last)s): "
                 "check it, then tick “confirm” to keep it.") % {
            "value": fmt(value), "factor": OUTLIER_FACTOR, "last": fmt(last_year)}, False
    return None, outlier


def save(tally: Tally, user, values: dict[int, Decimal | None], flags: dict[int, bool],
         expected_version: int, submit_after: bool = False) -> Tally:
    """Save the values (and submit) in one transaction: all of it happens, or none."""
    with transaction.atomic():
        tally = save_values(tally, user, values, flags, expected_version)
        if submit_after:
            _submit(tally, user)
    return tally


def save_values(tally: Tally, user, values: dict[int, Decimal | None],
                flags: dict[int, bool], expected_version: int) -> Tally:
    """Save the values the user sent; refuse if the tally changed since she loaded it.
    Records every change; returns the (possibly new) tally."""
    now = timezone.now()
    if tally.pk is None:
        tally, _created = Tally.objects.get_or_create(org=tally.org, month=tally.month)
    updated = Tally.objects.filter(pk=tally.pk, version=expected_version,
                                   state__in=EDITABLE_STATES).update(
        version=F("version") + 1, updated_by=user, updated_at=now)
    if not updated:
        tally.refresh_from_db()
        if tally.state not in EDITABLE_STATES:
            raise TallyStateError(_("This tally can no longer be edited."))
        changes = list(tally.changes.filter(version__gt=expected_version)
                       .select_related("indicator", "changed_by"))
        raise TallyConflict(changes, tally)
    version = expected_version + 1
    tally.version = version
    existing = {v.indicator_id: v for v in tally.values.all()}
    create, update, delete, log = [], [], [], []
    for indicator_id, value in values.items():
        row = existing.get(indicator_id)
        old = row.value if row else None
        flagged = bool(flags.get(indicator_id)) and value is not None
        if old == value and (row is None or row.flagged == flagged):
            continue
        if old != value:
            log.append(TallyValueChange(tally=tally, indicator_id=indicator_id, old_value=old,
                                        new_value=value, version=version, changed_by=user,
                                        changed_at=now))
        if value is None:
            delete.append(row.pk)
        elif row is None:
            create.append(TallyValue(tally=tally, indicator_id=indicator_id, value=value,
                                     flagged=flagged))
        else:
            row.value, row.flagged = value, flagged
            update.append(row)
    if delete:
        TallyValue.objects.filter(pk__in=delete).delete()
    TallyValue.objects.bulk_create(create)
    if update:
        TallyValue.objects.bulk_update(update, ["value", "flagged"])
    TallyValueChange.objects.bulk_create(log)
    return tally


def _lock(tally: Tally, from_states) -> None:
    """Lock the tally's row for the rest of the transaction and re-read its state, so two
    reviewers clicking at once are served one after the other: the second finds the state the
    first left and is refused."""
    tally.state = Tally.objects.select_for_update().filter(pk=tally.pk).values_list(
        "state", flat=True).get()
    if tally.state not in from_states:
        raise TallyStateError(_("The tally's state changed meanwhile: reload the page."))


def _transition(tally: Tally, user, from_states, to_state: str, event: str,
                reason: str = "", snapshot: dict | None = None, **fields) -> None:
    """Move the tally and record the event; the caller holds the transaction, so both writes
    happen or neither does."""
    now = timezone.now()
    updated = Tally.objects.filter(pk=tally.pk, state__in=from_states).update(
        state=to_state, version=F("version") + 1, **fields)
    if not updated:
        raise TallyStateError(_("The tally's state changed meanwhile: reload the page."))
    TallyEvent.objects.create(tally=tally, kind=event, reason=reason, by=user, at=now,
                              snapshot=snapshot or {})
    tally.refresh_from_db()


def missing_required(tally: Tally) -> list[Indicator]:
    present = set(tally.values.values_list("indicator_id", flat=True))
    return [i for i in Indicator.objects.active_in(tally.month).filter(required=True)
            if i.pk not in present]


def submit(tally: Tally, user) -> None:
    with transaction.atomic():
        _lock(tally, EDITABLE_STATES)
        _submit(tally, user)


def _submit(tally: Tally, user) -> None:
    """Inside the caller's transaction, the row locked (by `_lock`, or by `save_values`'s
    UPDATE)."""
    if not tally.can_edit(user):
        raise TallyStateError(_("You cannot submit this tally."))
    missing = missing_required(tally)
    if missing:
        raise TallyStateError(_("Fill in before submitting: %(names)s.") % {
            "names": "、".join(i.name for i in missing)})
    now = timezone.now()
    again = tally.state == TallyState.RETURNED
    _transition(tally, user, EDITABLE_STATES,
                TallyState.RESUBMITTED if again else TallyState.SUBMITTED,
                TallyEventKind.RESUBMITTED if again else TallyEventKind.SUBMITTED,
                submitted_at=now, updated_by=user,
                first_submitted_at=tally.first_submitted_at or now)


def approve(tally: Tally, user) -> None:
    with transaction.atomic():
        _lock(tally, AWAITING_REVIEW)
        if not tally.can_review(user):
            raise TallyStateError(_("You cannot approve this tally."))
        _transition(tally, user, AWAITING_REVIEW, TallyState.APPROVED, TallyEventKind.APPROVED,
                    reviewed_at=timezone.now(), reviewed_by=user, return_reason="")


def return_for_changes(tally: Tally, user, reason: str) -> None:
    with transaction.atomic():
        _lock(tally, AWAITING_REVIEW)
        if not tally.can_review(user):
            raise TallyStateError(_("You cannot return this tally."))
        snapshot = {str(v.indicator_id): fmt(v.value) for v in tally.values.all()}
        _transition(tally, user, AWAITING_REVIEW, TallyState.RETURNED, TallyEventKind.RETURNED,
                    reason=reason, snapshot=snapshot, reviewed_at=timezone.now(),
                    reviewed_by=user, return_reason=reason)


def unlock(tally: Tally, user, reason: str) -> None:
    with transaction.atomic():
        _lock(tally, [TallyState.APPROVED])
        if not tally.can_unlock(user):
            raise TallyStateError(_("Only a district admin can unlock an approved tally."))
        _transition(tally, user, [TallyState.APPROVED], TallyState.DRAFT,
                    TallyEventKind.UNLOCKED, reason=reason)
