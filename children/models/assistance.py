"""Children in difficulty, volunteer-mother pairings, visits and grants.

These are minors' personal data (PIPL art. 28/31). Who may see a child's record is decided
here, in `ChildQuerySet.visible_to`, and nowhere else:

* district staff and district admins (their scope is the whole district);
* the chair of the child's street/township or community/village (the child's organization is
  inside her subtree);
* the volunteer manager of a *current* pairing: `Pairing.manager` is the portal user who looks
  after the volunteer mother (often a chair of another street running a 社会妈妈 group). Her
  access ends with the pairing.

Leaders never see records, only counts (`within(org)` feeds the figures, never a page of rows).
Names, ID numbers, guardians' details, situations and visit notes are encrypted at rest; keyed
hashes beside names and ID numbers serve look-ups and duplicate checks.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedCharField, EncryptedTextField

from children.models.reference import GrantProgramme
from federation.kernel.privacy import lookup_hash, mask_id_number, mask_name, mask_phone
from orgs.models import Gender, Organization, Role
from orgs.scoping import ScopedQuerySet, path_q, subtree_q

#: Roles that see children's records inside their organization's subtree.
RECORD_ROLES = (Role.DISTRICT_ADMIN, Role.DISTRICT_STAFF, Role.STREET_CHAIR,
                Role.COMMUNITY_CHAIR)


class ChildCategory(models.TextChoices):
    DIFFICULTY = "difficulty", _("Child in difficulty (困境儿童)")
    LEFT_BEHIND = "left_behind", _("Left-behind child (留守儿童)")
    OTHER = "other", _("Other child needing help")


class ChildQuerySet(ScopedQuerySet):
    def visible_to(self, user) -> ChildQuerySet:
        if not user.is_authenticated or not user.is_active or user.role == Role.LEADER:
            return self.none()
        today = timezone.localdate()
        managed = Exists(Pairing.objects.filter(
            Q(until__isnull=True) | Q(until__gte=today), child=OuterRef("pk"), manager=user,
            since__lte=today))
        rule = Q(managed)
        if user.role in RECORD_ROLES and user.scope_path:
            rule |= path_q("org", user.scope_path)
        return self.filter(rule)


class ChildRecordQuerySet(models.QuerySet):
    """Pairings, visits and grants are visible exactly when their child is."""

    def visible_to(self, user) -> ChildRecordQuerySet:
        return self.filter(child__in=Child.objects.visible_to(user).values("pk"))

    def within(self, org: Organization) -> ChildRecordQuerySet:
        """Counted inside `org`'s subtree (figures only), by the child's organization."""
        return self.filter(subtree_q("child__org", org))


class Child(models.Model):
    scope_field = "org"

    org = models.ForeignKey(Organization, verbose_name=_("community"), on_delete=models.PROTECT,
                            related_name="assisted_children")
    record_no = models.CharField(_("record number"), max_length=20, unique=True, editable=False)
    name = EncryptedCharField(_("full name"), max_length=60, null=True, blank=True)
    name_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    id_number = EncryptedCharField(_("resident ID number"), max_length=18, null=True, blank=True)
    id_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    birth_year = models.PositiveSmallIntegerField(_("birth year"))
    category = models.CharField(_("category"), max_length=12, choices=ChildCategory.choices,
                                db_index=True)
    guardian_name = EncryptedCharField(_("guardian"), max_length=60, null=True, blank=True)
    guardian_relation = models.CharField(_("guardian's relation"), max_length=20, blank=True)
    guardian_phone = EncryptedCharField(_("guardian's phone"), max_length=30, null=True,
                                        blank=True)
    school = models.CharField(_("school"), max_length=120, blank=True)
    situation = EncryptedTextField(_("situation"), null=True, blank=True)
    guardian_consent_on = models.DateField(_("guardian's consent given on"), null=True,
                                           blank=True)
    is_active = models.BooleanField(_("being assisted"), default=True)
    closed_on = models.DateField(_("assistance ended on"), null=True, blank=True)
    anonymized_at = models.DateTimeField(_("anonymized at"), null=True, blank=True,
                                         editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("child")
        verbose_name_plural = _("children")
        ordering = ["-pk"]

    def __str__(self) -> str:
        return self.record_no  # never the name: str() ends up in logs and admin messages

    def save(self, *args, **kwargs):
        self.name_hash = lookup_hash(self.name or "", "child_name")
        self.id_hash = lookup_hash(self.id_number or "", "resident_id")
        if self.record_no:
            super().save(*args, **kwargs)
            return
        with transaction.atomic():  # the number is taken and used under one lock
            lock_record_numbers()
            self.record_no = next_record_no()
            super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("children:child", args=[self.pk])

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if not self.is_active and not self.closed_on:
            raise ValidationError({"closed_on": _("Give the date the assistance ended.")})
        if self.is_active and self.closed_on:
            raise ValidationError({"closed_on": _("A child still being assisted has no end "
                                                  "date.")})

    @property
    def masked_name(self) -> str:
        return mask_name(self.name or "")

    @property
    def masked_id(self) -> str:
        return mask_id_number(self.id_number or "")

    @property
    def masked_guardian_phone(self) -> str:
        return mask_phone(self.guardian_phone or "")


#: The advisory lock that serialises new record numbers ("ER" in ASCII).
RECORD_NO_LOCK = 0x4552


def lock_record_numbers() -> None:
    """Hold, until the transaction ends, the lock under which a new child's record number is
    worked out and saved, so two registrations at the same moment never get the same one
    (PostgreSQL; SQLite runs one writer at a time anyway)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [RECORD_NO_LOCK])


def next_record_no() -> str:
    year = timezone.localdate().year
    prefix = f"ER{year}"
    last = (Child.objects.filter(record_no__startswith=prefix).order_by("-record_no")
            .values_list("record_no", flat=True).first())
    number = int(last[len(prefix):]) + 1 if last else 1
    return f"{prefix}{number:05d}"


class Pairing(models.Model):
    """A child paired with a volunteer mother (妇联妈妈/社会妈妈); `manager` is the portal user
    responsible for the volunteer, who may see the child's record while the pairing lasts."""

    scope_field = "child__org"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="pairings")
    mother_name = models.CharField(_("volunteer mother"), max_length=60)
    mother_phone = EncryptedCharField(_("volunteer's phone"), max_length=30, null=True,
                                      blank=True)
    manager = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("volunteer manager"),
                                on_delete=models.PROTECT, related_name="managed_pairings")
    since = models.DateField(_("paired since"))
    until = models.DateField(_("until"), null=True, blank=True)

    objects = ChildRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("pairing")
        verbose_name_plural = _("pairings")
        ordering = ["-since", "-pk"]
        indexes = [models.Index(fields=["manager", "until"])]

    def __str__(self) -> str:
        return f"{self.child.record_no} {self.since}"

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return self.since <= today and (self.until is None or self.until >= today)


class Visit(models.Model):
    scope_field = "child__org"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField(_("date"))
    visitor = models.CharField(_("visited by"), max_length=60)
    notes = EncryptedTextField(_("notes"), null=True, blank=True)

    objects = ChildRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-visited_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.child.record_no} {self.visited_on}"


class Grant(models.Model):
    scope_field = "child__org"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="grants")
    programme = models.ForeignKey(GrantProgramme, verbose_name=_("programme"),
                                  on_delete=models.PROTECT, related_name="grants")
    amount = models.DecimalField(_("amount (yuan)"), max_digits=10, decimal_places=2)
    paid_on = models.DateField(_("paid on"), db_index=True)
    payer = models.CharField(_("payer"), max_length=120)

    objects = ChildRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants and donations")
        ordering = ["-paid_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.child.record_no} {self.paid_on} {self.amount}"
