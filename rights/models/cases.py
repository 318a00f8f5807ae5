"""Rights-protection cases: complainant, case, its action timeline.

Personal data (names, ID numbers, phones, addresses, narratives) sit in encrypted columns; a
keyed hash beside the ID number and phone lets a returning complainant be found without
decrypting. Who may see a case is decided only in `CaseQuerySet.visible_to`.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from encrypted_fields.fields import EncryptedCharField, EncryptedTextField

from federation.kernel.privacy import lookup_hash
from orgs.models import Gender, Organization, Role
from orgs.scoping import ScopedQuerySet, subtree_q
from rights.models.reference import ActionType, Category, Channel, Outcome, TimeLimit

HANDLE_PERMISSION = "rights.handle_case"


def is_rights_staff(user) -> bool:
    """District staff who handle rights cases carry the `rights.handle_case` permission,
    normally through the "Rights case handlers" group (seeded by migration)."""
    return user.is_authenticated and (
        user.is_district_admin
        or (user.role == Role.DISTRICT_STAFF and user.has_perm(HANDLE_PERMISSION)))


class Risk(models.IntegerChoices):
    # Lower sorts first: urgent and high cases head every list.
    URGENT = 1, _("Urgent")
    HIGH = 2, _("High")
    MEDIUM = 3, _("Medium")
    LOW = 4, _("Low")


class Status(models.TextChoices):
    NEW = "new", _("Awaiting acceptance")
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSED = "closed", pgettext_lazy("case", "Closed")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    BASICALLY = "basically", _("Basically satisfied")
    UNSATISFIED = "unsatisfied", _("Unsatisfied")


class Agency(models.TextChoices):
    POLICE = "police", _("Police")
    COURT = "court", _("Court")
    CIVIL_AFFAIRS = "civil_affairs", _("Civil affairs")
    LEGAL_AID = "legal_aid", _("Legal aid")
    SCHOOL = "school", _("School")
    OTHER = "other", _("Other agency")


class Complainant(models.Model):
    scope_field = "org"

    name = EncryptedCharField(_("full name"), max_length=60, null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices,
                              default=Gender.FEMALE)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    id_number = EncryptedCharField(_("resident ID number"), max_length=18, null=True,
                                   blank=True)
    id_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    phone = EncryptedCharField(_("phone"), max_length=30, null=True, blank=True)
    phone_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    address = EncryptedCharField(_("address"), max_length=200, null=True, blank=True)
    org = models.ForeignKey(Organization, verbose_name=_("community"),
                            on_delete=models.PROTECT, related_name="+")
    # A returning complainant registered by someone who may not see her earlier record gets
    # a record of her own that points at the first one: handlers still see the history, the
    # registering chair does not see data she did not enter.
    same_as = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+", editable=False)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("complainant")
        verbose_name_plural = _("complainants")

    def __str__(self) -> str:  # never the name: str() ends up in logs and error pages
        return f"complainant #{self.pk}"

    def save(self, *args, **kwargs):
        self.id_hash = lookup_hash(self.id_number or "", "id")
        self.phone_hash = lookup_hash(self.phone or "", "phone")
        if kwargs.get("update_fields"):
            kwargs["update_fields"] = {*kwargs["update_fields"], "id_hash", "phone_hash"}
        super().save(*args, **kwargs)

    @property
    def person_id(self) -> int:
        """The first record of this person: the key that links all her cases."""
        return self.same_as_id or self.pk

    @classmethod
    def find_returning(cls, id_number: str, phone: str, name: str) -> Complainant | None:
        """The earlier complainant with this ID number; failing that, the one with this phone
        and name (a shared family phone must not merge two people) and no other ID number."""
        id_digest = lookup_hash(id_number or "", "id")
        if id_digest:
            found = cls.objects.filter(id_hash=id_digest).order_by("pk").first()
            if found:
                return found
        phone_digest = lookup_hash(phone or "", "phone")
        if not phone_digest:
            return None
        candidates = cls.objects.filter(phone_hash=phone_digest).order_by("pk")
        if id_digest:
            candidates = candidates.filter(id_hash="")
        return next((c for c in candidates[:20] if (c.name or "").strip() == name.strip()),
                    None)


def overdue_rule(today: datetime.date | None = None) -> Q:
    """Open and past the closing limit, or not yet accepted past the acceptance limit."""
    today = today or timezone.localdate()
    return ~Q(status=Status.CLOSED) & (
        Q(due_on__lt=today) | Q(accepted_on__isnull=True, accept_due_on__lt=today))


class CaseQuerySet(ScopedQuerySet):
    def visible_to(self, user) -> CaseQuerySet:
        """District admins and rights staff see every case in their subtree; anyone else only
        the cases she registered or handles, and a street chair those of her street's
        handlers. Leaders see none (counts come from `within(org)`, orgs.scoping)."""
        qs = super().visible_to(user)
        if not user.is_authenticated or is_rights_staff(user):
            return qs
        if user.role == Role.LEADER:
            return qs.none()
        rule = Q(registered_by=user) | Q(handler=user)
        if user.role == Role.STREET_CHAIR and user.org_id:
            rule |= subtree_q("handler__org", user.org)
        return qs.filter(rule)

    def of_person(self, complainant: Complainant) -> CaseQuerySet:
        """Every case of the person behind this complainant record."""
        root = complainant.person_id
        return self.filter(Q(complainant_id=root) | Q(complainant__same_as_id=root))

    def open(self) -> CaseQuerySet:
        return self.exclude(status=Status.CLOSED)

    def overdue(self, today: datetime.date | None = None) -> CaseQuerySet:
        return self.filter(overdue_rule(today))

    def overdue_feedback(self, today: datetime.date | None = None):
        """Referrals of these cases whose receiving agency has not answered by the due date."""
        today = today or timezone.localdate()
        return CaseAction.objects.filter(case__in=self, feedback_due_on__lt=today,
                                         feedback_on__isnull=True)

    def for_list(self) -> CaseQuerySet:
        """Lists and exports: narratives and addresses are neither loaded nor decrypted."""
        return (self.select_related("category__parent", "channel", "org", "complainant",
                                    "handler")
                .defer("summary", "other_party", "guardian_name", "outcome_note",
                       "complainant__address")
                .order_by("risk", "-received_on", "-pk"))


class NumberSeries(models.Model):
    """Last number handed out per series and year, taken under a row lock so that two
    simultaneous registrations never get the same number. Case numbers (W-2026-0001) and
    household file numbers (H-2026-00001) are non-personal and safe in URLs and logs."""

    series = models.CharField(max_length=4)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["series", "year"],
                                               name="rights_one_counter_per_series_year")]

    def __str__(self) -> str:
        return f"{self.series}-{self.year}: {self.last}"

    @classmethod
    def next_number(cls, series: str, year: int, width: int = 4) -> str:
        with transaction.atomic():
            counter, _created = cls.objects.select_for_update().get_or_create(
                series=series, year=year)
            counter.last += 1
            counter.save(update_fields=["last"])
        return f"{series}-{year}-{counter.last:0{width}d}"


class Case(models.Model):
    scope_field = "org"

    number = models.CharField(_("case number"), max_length=20, unique=True, editable=False)
    complainant = models.ForeignKey(Complainant, verbose_name=_("complainant"),
                                    on_delete=models.PROTECT, related_name="cases")
    org = models.ForeignKey(Organization, verbose_name=_("community"),
                            on_delete=models.PROTECT, related_name="+")
    channel = models.ForeignKey(Channel, verbose_name=_("channel"), on_delete=models.PROTECT)
    received_on = models.DateField(_("received on"), default=timezone.localdate, db_index=True)
    category = models.ForeignKey(Category, verbose_name=_("category"),
                                 on_delete=models.PROTECT)
    risk = models.PositiveSmallIntegerField(_("risk level"), choices=Risk.choices,
                                            default=Risk.LOW)
    complainant_age = models.PositiveSmallIntegerField(_("age"), null=True, blank=True)
    other_party = EncryptedCharField(_("other party"), max_length=120, null=True, blank=True)
    relation = models.CharField(_("relation to the other party"), max_length=30, blank=True)
    children_involved = models.PositiveSmallIntegerField(_("children involved"), default=0)
    summary = EncryptedTextField(_("summary"), null=True, blank=True)
    consent_to_share = models.BooleanField(_("consents to sharing with other agencies"),
                                           default=False)
    consent_on = models.DateField(_("consent date"), null=True, blank=True)
    guardian_name = EncryptedCharField(_("guardian who consented"), max_length=60, null=True,
                                       blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.NEW, db_index=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("registered by"),
                                      on_delete=models.PROTECT, related_name="+")
    handler = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("handler"),
                                on_delete=models.PROTECT, null=True, blank=True,
                                related_name="rights_cases")
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    accept_due_on = models.DateField(_("accept or refuse by"), null=True, blank=True)
    due_on = models.DateField(_("close by"), null=True, blank=True, db_index=True)
    extended = models.BooleanField(_("time limit extended"), default=False)
    closed_on = models.DateField(pgettext_lazy("case", "closed on"), null=True, blank=True)
    days_to_close = models.PositiveIntegerField(_("days to close"), null=True, blank=True)
    outcome = models.ForeignKey(Outcome, verbose_name=_("outcome"), on_delete=models.PROTECT,
                                null=True, blank=True)
    outcome_note = EncryptedTextField(_("outcome note"), null=True, blank=True)
    followed_up_on = models.DateField(_("follow-up visit on"), null=True, blank=True)
    satisfaction = models.CharField(_("satisfaction"), max_length=12, blank=True,
                                     choices=Satisfaction.choices)
    # The executive member's request (社情民意 / 诉求) this case was taken from, if any.
    source_request = models.ForeignKey(
        "orgs.VoiceRequest", verbose_name=_("taken from the request passed up"),
        on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="cases")
    version = models.PositiveIntegerField(default=1, editable=False)
    anonymized_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("rights case")
        verbose_name_plural = _("rights cases")
        ordering = ["risk", "-received_on", "-pk"]
        permissions = [("handle_case", _("Can handle every rights case"))]
        indexes = [models.Index(fields=["status", "risk"]),
                   models.Index(fields=["handler", "status"]),
                   models.Index(fields=["status", "closed_on"])]

    def __str__(self) -> str:
        return self.number

    def save(self, *args, **kwargs):
        if not self.number:
            self.number = NumberSeries.next_number("W", self.received_on.year)
        if not self.due_on:
            self.set_deadlines()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("rights:case_detail", args=[self.pk])

    @property
    def needs_guardian(self) -> bool:
        return self.complainant_age is not None and self.complainant_age < 14

    @property
    def may_refer(self) -> bool:
        return self.consent_to_share

    def set_deadlines(self) -> None:
        self.accept_due_on = self.received_on + datetime.timedelta(
            days=TimeLimit.days_for("accept", 15))
        self.due_on = self.received_on + datetime.timedelta(days=TimeLimit.days_for("close", 60))

    def reset_deadlines(self) -> None:
        """After the received date was corrected; a granted extension is kept."""
        self.set_deadlines()
        if self.extended:
            self.due_on += datetime.timedelta(days=TimeLimit.days_for("extension", 30))

    def extend(self) -> None:
        self.extended = True
        self.due_on = (self.due_on or self.received_on) + datetime.timedelta(
            days=TimeLimit.days_for("extension", 30))

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        if self.status == Status.CLOSED:
            return False
        return bool((self.due_on and self.due_on < today)
                    or (not self.accepted_on and self.accept_due_on
                        and self.accept_due_on < today))


class CaseAction(models.Model):
    scope_field = "case__org"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="actions")
    type = models.ForeignKey(ActionType, verbose_name=_("action taken"), on_delete=models.PROTECT)
    on = models.DateField(_("date"), default=timezone.localdate)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"),
                           on_delete=models.PROTECT, related_name="+")
    notes = EncryptedTextField(_("notes"), null=True, blank=True)
    next_step = EncryptedCharField(_("next step"), max_length=200, null=True, blank=True)
    due_on = models.DateField(_("next step due"), null=True, blank=True)
    agency = models.CharField(_("receiving agency"), max_length=20, blank=True,
                              choices=Agency.choices)
    feedback_due_on = models.DateField(_("feedback due"), null=True, blank=True, db_index=True)
    feedback_on = models.DateField(_("feedback received on"), null=True, blank=True)
    feedback = EncryptedTextField(_("agency's answer"), null=True, blank=True)
    override_reason = models.CharField(_("reason for referring without consent"),
                                       max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("case action")
        verbose_name_plural = _("case actions")
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id}/{self.pk}"

    @property
    def feedback_overdue(self) -> bool:
        return bool(self.feedback_due_on and not self.feedback_on
                    and self.feedback_due_on < timezone.localdate())
