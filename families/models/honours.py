"""Honours (model families, people and collectives) and their selection workflow.

The honour type says which workflow applies (`HonourType.workflow`): the six steps with a public
notice, a list with one approval (`AwardList`, mass honours such as 五好文明家庭), or a standing
title (巾帼文明岗) counted cumulatively until revoked. `Honour.allowed_actions(user)` says what a
user may do next; families.services performs the steps, each in one transaction on the locked
row, recording every step as an `HonourStep`.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from families.models.reference import Criterion, HonourLevel, HonourType, Subject, Workflow
from orgs.models import DISTRICT_ROLES, Organization, Role
from orgs.scoping import ScopedManager, ScopedQuerySet

MIN_NOTICE_DAYS = 3


class Recipient(models.Model):
    """A family, person or collective that may hold many honours over the years."""

    scope_field = "org"

    kind = models.CharField(_("kind"), max_length=12, choices=Subject.choices)
    name = models.CharField(_("name"), max_length=120, db_index=True)
    org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+",
                            verbose_name=_("community/village"))
    household = models.ForeignKey("families.Household", on_delete=models.SET_NULL, null=True,
                                  blank=True, related_name="recipients",
                                  verbose_name=_("household"))
    description = models.TextField(_("description"), blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("honour recipient")
        verbose_name_plural = _("honour recipients")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("families:recipient", args=[self.pk])


class Source(models.TextChoices):
    SELF = "self", _("Self-nominated")
    PEER = "peer", _("Nominated by others")
    ORGANIZATION = "organization", _("Recommended by an organization")


class State(models.TextChoices):
    NOMINATED = "nominated", _("Nominated")
    REVIEWED = "reviewed", _("Reviewed by the community")
    NOTICE = "notice", _("Public notice")
    RECOMMENDED = "recommended", _("Recommended by the street")
    DISTRICT_REVIEWED = "district_reviewed", _("Reviewed by the district")
    AWARDED = "awarded", _("Awarded")
    REJECTED = "rejected", _("Rejected")
    DISQUALIFIED = "disqualified", _("Disqualified")


FINAL_STATES = (State.AWARDED, State.REJECTED, State.DISQUALIFIED)


class Finding(models.TextChoices):
    CRIME = "crime", _("Criminal offence")
    DRUGS = "drugs", _("Drugs")
    GAMBLING = "gambling", _("Gambling")
    VICE = "vice", _("Prostitution")
    CULT = "cult", _("Cult or superstition")


class Action(models.TextChoices):
    REVIEW = "review", _("Pass community review")
    PUBLISH = "publish", _("Start the public notice")
    RECOMMEND = "recommend", _("Recommend to the district")
    DISTRICT_REVIEW = "district_review", _("Pass district review")
    AWARD = "award", _("Award")
    REJECT = "reject", _("Reject")
    DISQUALIFY = "disqualify", _("Disqualify")
    REVOKE = "revoke", _("Revoke the title")


#: action -> (state it starts from, state it leads to, roles that may take it)
FORWARD = {
    Action.REVIEW: (State.NOMINATED, State.REVIEWED, (Role.COMMUNITY_CHAIR,)),
    Action.PUBLISH: (State.REVIEWED, State.NOTICE, (Role.COMMUNITY_CHAIR,)),
    Action.RECOMMEND: (State.NOTICE, State.RECOMMENDED, (Role.STREET_CHAIR,)),
    Action.DISTRICT_REVIEW: (State.RECOMMENDED, State.DISTRICT_REVIEWED,
                             (Role.DISTRICT_STAFF, Role.DISTRICT_ADMIN)),
    Action.AWARD: (State.DISTRICT_REVIEWED, State.AWARDED,
                   (Role.DISTRICT_STAFF, Role.DISTRICT_ADMIN)),
}
#: Who decides at each open state: that role may also reject.
DECIDER = {start: roles for start, _end, roles in FORWARD.values()}


class HonourQuerySet(ScopedQuerySet):
    def awaiting(self, user) -> HonourQuerySet:
        return self.visible_to(user).filter(awaiting_filter(user))

    def search(self, text: str) -> HonourQuerySet:
        text = text.strip()
        if not text:
            return self
        return self.filter(models.Q(recipient__name__icontains=text)
                           | models.Q(citation__icontains=text))


def awaiting_filter(user, today: datetime.date | None = None) -> models.Q:
    """Open honours whose next step is this user's to take (the to-do list of her role)."""
    today = today or timezone.localdate()
    states = [start for start, roles in DECIDER.items() if user.role in roles]
    if not states or not user.can_write:
        return models.Q(pk__in=[])
    q = models.Q(state__in=[s for s in states if s != State.NOTICE])
    if State.NOTICE in states:  # the street recommends once the notice has run its course
        q |= models.Q(state=State.NOTICE, notice_ends__lt=today)
    if user.role == Role.COMMUNITY_CHAIR:
        q &= models.Q(org_id=user.org_id)
    return q


class AwardList(models.Model):
    """A mass honour's list (households or units by organization), uploaded by district staff
    from Excel and awarded in one approval: each entry becomes an awarded honour."""

    scope_field = "org"

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Approved and awarded")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    honour_type = models.ForeignKey(HonourType, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("honour type"))
    level = models.ForeignKey(HonourLevel, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("level"))
    year = models.PositiveSmallIntegerField(_("year"))
    org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+",
                            verbose_name=_("awarding organization"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.PENDING)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("uploaded by"))
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("decided by"))
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("award list")
        verbose_name_plural = _("award lists")
        ordering = ["-year", "-pk"]

    def __str__(self) -> str:
        return f"{self.year} {self.honour_type} · {self.level}"

    def get_absolute_url(self) -> str:
        return reverse("families:award_list", args=[self.pk])

    def may_decide(self, user) -> bool:
        return (self.status == self.Status.PENDING and user.can_write
                and user.role in DISTRICT_ROLES and user.org_id is not None
                and self.org.path.startswith(user.org.path))


class AwardListEntry(models.Model):
    award_list = models.ForeignKey(AwardList, on_delete=models.CASCADE, related_name="entries")
    row = models.PositiveIntegerField(_("row"))
    org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+",
                            verbose_name=_("community/village"))
    name = models.CharField(_("name"), max_length=120)
    household = models.ForeignKey("families.Household", on_delete=models.SET_NULL, null=True,
                                  blank=True, related_name="+", verbose_name=_("household"))
    citation = models.CharField(_("citation"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("award-list entry")
        verbose_name_plural = _("award-list entries")
        ordering = ["row", "pk"]

    def __str__(self) -> str:
        return self.name


class Honour(models.Model):
    scope_field = "org"

    recipient = models.ForeignKey(Recipient, on_delete=models.PROTECT, related_name="honours",
                                  verbose_name=_("recipient"))
    honour_type = models.ForeignKey(HonourType, on_delete=models.PROTECT,
                                    verbose_name=_("honour type"))
    level = models.ForeignKey(HonourLevel, on_delete=models.PROTECT, verbose_name=_("level"))
    year = models.PositiveSmallIntegerField(_("year"))
    org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+",
                            verbose_name=_("nominating community/village"))
    source = models.CharField(_("nomination"), max_length=12, choices=Source.choices)
    citation = models.TextField(_("citation"), blank=True)
    criteria = models.ManyToManyField(Criterion, blank=True, verbose_name=_("criteria met"))
    state = models.CharField(_("state"), max_length=20, choices=State.choices,
                             default=State.NOMINATED)
    notice_starts = models.DateField(_("public notice starts"), null=True, blank=True)
    notice_ends = models.DateField(_("public notice ends"), null=True, blank=True)
    awarded_on = models.DateField(_("awarded on"), null=True, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    finding = models.CharField(_("disqualifying finding"), max_length=12,
                               choices=Finding.choices, blank=True)
    award_list = models.ForeignKey(AwardList, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="honours", verbose_name=_("award list"))
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True,
                                  help_text=_("A standing title stops counting from this day."))
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = HonourQuerySet.as_manager()

    class Meta:
        verbose_name = _("honour")
        verbose_name_plural = _("honours")
        ordering = ["-year", "-pk"]
        indexes = [models.Index(fields=["year", "state"]),
                   models.Index(fields=["honour_type", "level", "year"])]
        constraints = [models.CheckConstraint(
            condition=models.Q(notice_starts__isnull=True)
            | models.Q(notice_ends__gte=models.F("notice_starts")),
            name="honour_notice_ends_after_start")]

    def __str__(self) -> str:
        return f"{self.year} {self.honour_type} · {self.recipient}"

    def get_absolute_url(self) -> str:
        return reverse("families:honour", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.state not in FINAL_STATES

    def _may_act_here(self, user) -> bool:
        """The decider of a community step must chair that very community."""
        if user.role == Role.COMMUNITY_CHAIR:
            return user.org_id == self.org_id
        return user.org_id is not None and self.org.path.startswith(user.org.path)

    def notice_running(self, today: datetime.date | None = None) -> bool:
        """The public notice is on: the street may recommend only the day after it ends."""
        today = today or timezone.localdate()
        return self.state == State.NOTICE and not (self.notice_ends and today > self.notice_ends)

    @property
    def recommend_from(self) -> datetime.date | None:
        return self.notice_ends + datetime.timedelta(days=1) if self.notice_ends else None

    @property
    def is_revocable(self) -> bool:
        return (self.state == State.AWARDED and self.revoked_on is None
                and self.honour_type.workflow == Workflow.STANDING)

    def allowed_actions(self, user, today: datetime.date | None = None) -> list[Action]:
        if self.is_revocable and user.can_write and user.role in DISTRICT_ROLES \
                and self._may_act_here(user):
            return [Action.REVOKE]
        if not (self.is_open and user.can_write and self._may_act_here(user)):
            return []
        today = today or timezone.localdate()
        actions = [a for a, (start, _end, roles) in FORWARD.items()
                   if self.state == start and user.role in roles]
        if Action.RECOMMEND in actions and self.notice_running(today):
            actions.remove(Action.RECOMMEND)  # the public notice must have run its course
        if user.role in DECIDER.get(self.state, ()):
            actions.append(Action.REJECT)
        actions.append(Action.DISQUALIFY)  # anyone in the chain who learns of a finding
        return actions

    def apply(self, action: str, user, *, note: str = "", finding: str = "",
              notice_ends: datetime.date | None = None, on: datetime.date | None = None
              ) -> HonourStep:
        """The step's changes on this (locked) row, inside the caller's transaction: use
        families.services.act. The public notice starts the day it is published and ends on
        `notice_ends` (at least MIN_NOTICE_DAYS later, counting both days)."""
        on = on or timezone.localdate()
        if action not in self.allowed_actions(user, today=on):
            if (action == Action.RECOMMEND and self.notice_running(on)
                    and Action.RECOMMEND in self.allowed_actions(user, self.recommend_from)):
                raise ValidationError(_(
                    "The public notice runs until %(end)s: the street can recommend from "
                    "%(next)s.") % {"end": self.notice_ends.isoformat(),
                                    "next": self.recommend_from.isoformat()})
            raise PermissionDenied(_("This step is not allowed now."))
        # Validate first: a refused step leaves the object untouched.
        notice_starts = on
        if action == Action.PUBLISH:
            notice_ends = notice_ends or on + datetime.timedelta(days=MIN_NOTICE_DAYS - 1)
            check_notice(notice_starts, notice_ends)
        elif action in (Action.REJECT, Action.REVOKE) and not note.strip():
            raise ValidationError({"note": _("Give a reason for the rejection.")
                                   if action == Action.REJECT
                                   else _("Give a reason for the revocation.")})
        elif action == Action.DISQUALIFY and finding not in Finding.values:
            raise ValidationError({"finding": _("Choose the disqualifying finding.")})
        if action == Action.REVOKE and self.awarded_on and on < self.awarded_on:
            raise ValidationError(_("A title cannot be revoked before it was awarded."))
        before = self.state
        if action in FORWARD:
            self.state = FORWARD[action][1]
        if action == Action.PUBLISH:
            self.notice_starts, self.notice_ends = notice_starts, notice_ends
        elif action == Action.AWARD:
            self.awarded_on = on
        elif action == Action.REJECT:
            self.state, self.rejection_reason = State.REJECTED, note
        elif action == Action.DISQUALIFY:
            self.state, self.finding = State.DISQUALIFIED, finding
        elif action == Action.REVOKE:
            self.revoked_on, self.revocation_reason = on, note
        self.save()
        return HonourStep.objects.create(honour=self, action=action, from_state=before,
                                         to_state=self.state, actor=user, note=note)


def check_notice(starts: datetime.date, ends: datetime.date) -> None:
    if (ends - starts).days + 1 < MIN_NOTICE_DAYS:
        raise ValidationError({"notice_ends": _(
            "The public notice must run for at least %(days)s days.") % {
            "days": MIN_NOTICE_DAYS}})


class HonourStep(models.Model):
    """One step of an honour's workflow: who moved it, from where to where, why."""

    honour = models.ForeignKey(Honour, on_delete=models.CASCADE, related_name="steps")
    action = models.CharField(_("action"), max_length=20,
                              choices=[("nominate", _("Nominate")),
                                       ("list_award", _("Awarded on a list")),
                                       *Action.choices])
    from_state = models.CharField(max_length=20, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=State.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="+")
    at = models.DateTimeField(_("when"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow steps")

    def __str__(self) -> str:
        return f"{self.honour_id} {self.action}"
