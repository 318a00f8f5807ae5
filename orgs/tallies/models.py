"""Indicator catalogue, monthly tallies and their workflow, deadlines and annual targets.

Imported by orgs.models so that Django registers these models in the orgs app. The workflow
rules (who may edit, submit, approve) live here; orgs.tallies holds the save service.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from federation.kernel.reference import ReferenceData, ReferenceQuerySet
from orgs.activities.models import ActivityCategory
from orgs.scoping import ScopedQuerySet, children_q, parent_path

#: Organization kinds that file a monthly tally.
TALLY_KINDS = ("street", "community")
DEFAULT_DEADLINE_DAY = 5


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def month_end(month: datetime.date) -> datetime.date:
    return next_month(month) - datetime.timedelta(days=1)


def next_month(month: datetime.date) -> datetime.date:
    return (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def same_month_last_year(month: datetime.date) -> datetime.date:
    return month.replace(year=month.year - 1)


class IndicatorGroup(ReferenceData):
    """A section of the monthly form."""

    class Meta(ReferenceData.Meta):
        verbose_name = _("indicator group")
        verbose_name_plural = _("indicator groups")


class ValueType(models.TextChoices):
    INTEGER = "integer", _("Whole number")
    AMOUNT = "amount", _("Amount (2 decimals)")


class Prefill(models.TextChoices):
    """What the activity log can answer for an indicator of the same category."""

    NONE = "", _("Not pre-filled")
    COUNT = "count", _("Number of activities")
    PARTICIPANTS = "participants", _("Participants in total")
    WOMEN = "women", _("Women taking part")
    CHILDREN = "children", _("Children taking part")
    # The activities' outputs; an indicator without a category counts every activity's.
    HOUSEHOLDS = "households", _("Households reached")
    MATERIALS = "materials", _("Materials distributed")
    DONATIONS = "donations", _("Donations in cash and in kind (元)")


#: What the activity log answers from its outputs (the sums of every category's activities
#: when the indicator names none).
OUTPUT_PREFILLS = (Prefill.HOUSEHOLDS, Prefill.MATERIALS, Prefill.DONATIONS)


class IndicatorQuerySet(ReferenceQuerySet):
    def active_in(self, month: datetime.date) -> IndicatorQuerySet:
        return self.filter(
            models.Q(active_from__isnull=True) | models.Q(active_from__lte=month_end(month)),
            models.Q(active_to__isnull=True) | models.Q(active_to__gte=month),
            is_active=True,
        ).select_related("group").order_by("group__order", "order", "code")


class Indicator(ReferenceData):
    group = models.ForeignKey(IndicatorGroup, verbose_name=_("form section"),
                              on_delete=models.PROTECT, related_name="indicators")
    unit = models.CharField(_("unit (Chinese)"), max_length=10)
    unit_en = models.CharField(_("unit (English)"), max_length=30, blank=True)
    category = models.ForeignKey(ActivityCategory, verbose_name=_("activity category"),
                                 on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="indicators")
    prefill = models.CharField(_("pre-fill from the activity log"), max_length=20,
                               choices=Prefill.choices, blank=True)
    value_type = models.CharField(_("value type"), max_length=10, choices=ValueType.choices,
                                  default=ValueType.INTEGER)
    minimum = models.DecimalField(_("minimum"), max_digits=14, decimal_places=2, null=True,
                                  blank=True)
    maximum = models.DecimalField(_("maximum"), max_digits=14, decimal_places=2, null=True,
                                  blank=True)
    required = models.BooleanField(_("required"), default=False)
    active_from = models.DateField(_("active from"), null=True, blank=True)
    active_to = models.DateField(_("active until"), null=True, blank=True)
    line = models.ForeignKey("federation.LineOfWork", verbose_name=_("line of work"),
                             on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    #: How the work summary states the figure: "开展宣讲{value}" with {value} the figure and
    #: its unit ("398场次"); another indicator's code as a placeholder puts that indicator's
    #: figure in the same sentence ("开展宣讲{value}，覆盖{lecture_attendance}"). Empty: the
    #: summary does not state the indicator on its own.
    phrase = models.CharField(_("summary phrase"), max_length=200, blank=True, help_text=_(
        "How the work summary states it, e.g. 开展宣讲{value}; {value} is replaced by the "
        "figure with its unit, another indicator's code by that indicator's figure."))
    #: The registry that records the same thing (e.g. rights:mediations): the summary states
    #: the registry's figure and the reconciliation annex lists where the two disagree.
    registry = models.CharField(_("recorded in the registry"), max_length=40, blank=True,
                                help_text=_("The registry figure the summary states instead "
                                            "of the tally's, e.g. rights:mediations."))

    objects = IndicatorQuerySet.as_manager()

    class Meta(ReferenceData.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    @property
    def unit_label(self) -> str:
        """The unit in the reader's language, like `name` (Chinese unless she reads English
        and the English unit is filled in)."""
        lang = translation.get_language() or ""
        return self.unit_en if lang.startswith("en") and self.unit_en else self.unit

    @property
    def unit_bracketed(self) -> str:
        """"（场次）" in Chinese, "(sessions)" in English: each language's own brackets."""
        lang = translation.get_language() or ""
        return f"({self.unit_label})" if lang.startswith("en") else f"（{self.unit_label}）"

    @property
    def is_amount(self) -> bool:
        return self.value_type == ValueType.AMOUNT

    def clean(self) -> None:
        if (self.minimum is not None and self.maximum is not None
                and self.minimum > self.maximum):
            raise ValidationError({"maximum": _("The maximum cannot be below the minimum.")})
        if self.active_from and self.active_to and self.active_to < self.active_from:
            raise ValidationError({"active_to": _("An indicator cannot end before it starts.")})


class TallyState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    RESUBMITTED = "resubmitted", _("Resubmitted")
    APPROVED = "approved", _("Approved")


EDITABLE_STATES = (TallyState.DRAFT, TallyState.RETURNED)
AWAITING_REVIEW = (TallyState.SUBMITTED, TallyState.RESUBMITTED)
#: States whose values count in roll-ups: submitted at least once and not sent back.
COUNTED_STATES = (TallyState.SUBMITTED, TallyState.RESUBMITTED, TallyState.APPROVED)


class TallyQuerySet(ScopedQuerySet):
    def awaiting(self, reviewer) -> TallyQuerySet:
        """Tallies this user should approve or return: her child organizations'."""
        if not (reviewer.can_write and reviewer.org_id):
            return self.none()
        if reviewer.org.kind == "community":
            return self.none()
        return self.filter(children_q("org", reviewer.org), state__in=AWAITING_REVIEW)


class Tally(models.Model):
    """One organization's monthly report. Values live in TallyValue; no row means empty."""

    scope_field = "org"

    org = models.ForeignKey("orgs.Organization", verbose_name=_("organization"),
                            on_delete=models.CASCADE, related_name="tallies")
    month = models.DateField(_("month"))
    state = models.CharField(_("state"), max_length=12, choices=TallyState.choices,
                             default=TallyState.DRAFT)
    version = models.PositiveIntegerField(default=0)
    first_submitted_at = models.DateTimeField(_("first submitted"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    return_reason = models.TextField(_("reason for returning"), blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    objects = TallyQuerySet.as_manager()

    class Meta:
        verbose_name = _("monthly tally")
        verbose_name_plural = _("monthly tallies")
        ordering = ["-month", "org__path"]
        constraints = [models.UniqueConstraint(fields=["org", "month"], name="tally_org_month")]
        indexes = [models.Index(fields=["month", "state"])]

    def __str__(self) -> str:
        return f"{self.org} · {self.month:%Y-%m}"

    def get_absolute_url(self) -> str:
        return reverse("orgs:tally", args=[self.org_id, self.month.year, self.month.month])

    @property
    def is_locked(self) -> bool:
        return self.state == TallyState.APPROVED

    @property
    def parent_path(self) -> str:
        return parent_path(self.org)

    def can_edit(self, user) -> bool:
        return user.can_write and user.org_id == self.org_id and self.state in EDITABLE_STATES

    def can_review(self, user) -> bool:
        """Only the parent level approves or returns: street for communities, district for
        streets."""
        return (user.can_write and user.org_id is not None
                and self.state in AWAITING_REVIEW and user.org.path == self.parent_path)

    def can_unlock(self, user) -> bool:
        return user.is_district_admin and self.is_locked


class TallyValue(models.Model):
    tally = models.ForeignKey(Tally, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(max_digits=14, decimal_places=2)
    flagged = models.BooleanField(_("unusual value, confirmed"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tally", "indicator"], name="tallyvalue_unique"),
            models.CheckConstraint(condition=models.Q(value__gte=0),
                                   name="tallyvalue_non_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}={fmt(self.value)}"


class TallyValueChange(models.Model):
    """Every change of a value: who, when, old, new (None is empty)."""

    tally = models.ForeignKey(Tally, on_delete=models.CASCADE, related_name="changes")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    old_value = models.DecimalField(max_digits=14, decimal_places=2, null=True)
    new_value = models.DecimalField(max_digits=14, decimal_places=2, null=True)
    version = models.PositiveIntegerField()
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        indexes = [models.Index(fields=["tally", "version"])]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {fmt(self.old_value)} → {fmt(self.new_value)}"


class TallyEventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    RESUBMITTED = "resubmitted", _("Resubmitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")
    UNLOCKED = "unlocked", _("Unlocked")


class TallyEvent(models.Model):
    """The workflow trail. A return keeps a snapshot of the values so that the approver sees
    what changed before the resubmission."""

    tally = models.ForeignKey(Tally, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=TallyEventKind.choices)
    reason = models.TextField(blank=True)
    snapshot = models.JSONField(default=dict, blank=True)  # indicator id -> value text
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                           related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%Y-%m-%d}"


class ReportingDeadline(models.Model):
    """A month's deadline when it is not the default (the 5th of the next month)."""

    month = models.DateField(_("month"), unique=True, help_text=_("The first day of the month."))
    due_on = models.DateField(_("due on"))

    class Meta:
        verbose_name = _("reporting deadline")
        verbose_name_plural = _("reporting deadlines")
        ordering = ["-month"]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} → {self.due_on}"

    def save(self, *args, **kwargs) -> None:
        self.month = month_start(self.month)  # a month is stored as its first day
        super().save(*args, **kwargs)

    @staticmethod
    def default_for(month: datetime.date) -> datetime.date:
        return next_month(month).replace(day=DEFAULT_DEADLINE_DAY)


class AnnualTarget(models.Model):
    scope_field = "org"

    org = models.ForeignKey("orgs.Organization", verbose_name=_("organization"),
                            on_delete=models.CASCADE, related_name="targets")
    indicator = models.ForeignKey(Indicator, verbose_name=_("indicator"),
                                  on_delete=models.PROTECT, related_name="targets")
    year = models.PositiveSmallIntegerField(_("year"))
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("annual target")
        verbose_name_plural = _("annual targets")
        constraints = [models.UniqueConstraint(fields=["org", "indicator", "year"],
                                               name="target_unique")]

    def __str__(self) -> str:
        return f"{self.org} · {self.indicator} · {self.year}"


def fmt(value: Decimal | None) -> str:
    """A value as people write it: empty stays empty, 12.00 shows as 12."""
    if value is None:
        return ""
    value = Decimal(value)
    return f"{value.normalize():f}" if value == value.to_integral() else f"{value:.2f}"


class TallyReminder(models.Model):
    """A reminder sent to a chair about a month's tally: one per chair and month, ever."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    month = models.DateField(_("month"))
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("tally reminder")
        verbose_name_plural = _("tally reminders")
        constraints = [models.UniqueConstraint(fields=["user", "month"],
                                               name="one_reminder_per_user_and_month")]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.month:%Y-%m}"
