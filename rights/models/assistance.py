"""Women's assistance registry (关爱帮扶): two-cancer relief, hardship visits, single-mother
support, micro-loans, entrepreneurship awards …, one record per help given.

The woman's name, ID number, phone and address are personal data of vulnerable women: they
sit in encrypted columns, with keyed hashes beside the ID number and phone for the duplicate
check (the same woman aided twice is one person in "women aided"). Who may see a record is
decided only in `AssistanceQuerySet.visible_to`; figures count through `within(org)` and
never leave personal data.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedCharField, EncryptedTextField

from federation.kernel.privacy import (
    lookup_hash,
    mask_address,
    mask_id_number,
    mask_name,
    mask_phone,
)
from orgs.models import Organization, Role
from orgs.scoping import ScopedQuerySet
from rights.models.cases import NumberSeries, is_rights_staff
from rights.models.reference import AssistanceKind, FundSource

#: Chairs keep the records of their own subtree.
CHAIR_ROLES = (Role.STREET_CHAIR, Role.COMMUNITY_CHAIR)
ID_HASH_KIND = "id"  # the same keyed hash as a complainant's: one person, one digest


class AssistanceQuerySet(ScopedQuerySet):
    def visible_to(self, user) -> AssistanceQuerySet:
        """District admins and rights staff see their whole subtree, street and community
        chairs theirs; leaders and other district staff none (they see counts only)."""
        qs = super().visible_to(user)
        if not user.is_authenticated or is_rights_staff(user):
            return qs
        if user.role in CHAIR_ROLES:
            return qs
        return qs.none()

    def in_period(self, start, end) -> AssistanceQuerySet:
        return self.filter(given_on__range=(start, end))

    def for_list(self) -> AssistanceQuerySet:
        """Lists and exports: addresses and notes are neither loaded nor decrypted."""
        return (self.select_related("kind", "org", "fund_source")
                .defer("address", "note", "goods", "phone"))


class Assistance(models.Model):
    scope_field = "org"

    number = models.CharField(_("record number"), max_length=20, unique=True, editable=False)
    name = EncryptedCharField(_("full name"), max_length=60, null=True, blank=True)
    id_number = EncryptedCharField(_("resident ID number"), max_length=18, null=True,
                                   blank=True)
    id_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    phone = EncryptedCharField(_("phone"), max_length=30, null=True, blank=True)
    phone_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    address = EncryptedCharField(_("address"), max_length=200, null=True, blank=True)
    kind = models.ForeignKey(AssistanceKind, verbose_name=_("kind of help"),
                             on_delete=models.PROTECT, related_name="records")
    amount = models.DecimalField(_("amount (yuan)"), max_digits=12, decimal_places=2,
                                 null=True, blank=True, validators=[MinValueValidator(0)])
    goods = EncryptedCharField(_("goods given"), max_length=200, null=True, blank=True)
    goods_value = models.DecimalField(_("value of the goods (yuan)"), max_digits=12,
                                      decimal_places=2, null=True, blank=True,
                                      validators=[MinValueValidator(0)])
    given_on = models.DateField(_("date given"))
    org = models.ForeignKey(Organization, verbose_name=_("organization"),
                            on_delete=models.PROTECT, related_name="+")
    fund_source = models.ForeignKey(FundSource, verbose_name=_("source of funds"),
                                    on_delete=models.PROTECT, null=True, blank=True)
    note = EncryptedTextField(_("note"), null=True, blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("registered by"),
                                      on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AssistanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("assistance record")
        verbose_name_plural = _("assistance records")
        ordering = ["-given_on", "-pk"]
        indexes = [models.Index(fields=["kind", "given_on"]),
                   models.Index(fields=["org", "given_on"])]

    def __str__(self) -> str:  # never the name: str() ends up in logs and admin messages
        return self.number

    def save(self, *args, **kwargs):
        self.id_hash = lookup_hash(self.id_number or "", ID_HASH_KIND)
        self.phone_hash = lookup_hash(self.phone or "", "phone")
        if not self.number:
            self.number = NumberSeries.next_number("A", self.given_on.year, width=5)
        if kwargs.get("update_fields"):
            kwargs["update_fields"] = {*kwargs["update_fields"], "id_hash", "phone_hash"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("rights:assistance_detail", args=[self.pk])

    @property
    def total_value(self) -> Decimal:
        """Money and goods together, in 元."""
        return (self.amount or Decimal(0)) + (self.goods_value or Decimal(0))

    def masked(self) -> dict:
        return {"name": mask_name(self.name or ""),
                "id_number": mask_id_number(self.id_number or ""),
                "phone": mask_phone(self.phone or ""),
                "address": mask_address(self.address or "")}


class AssistanceTarget(models.Model):
    """An organization's annual target: women aided and money, for one kind of help or (no
    kind) for all of them. Progress counts the organization's whole subtree."""

    scope_field = "org"

    org = models.ForeignKey(Organization, verbose_name=_("organization"),
                            on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.ForeignKey(AssistanceKind, verbose_name=_("kind of help"),
                             on_delete=models.CASCADE, null=True, blank=True,
                             help_text=_("Empty: every kind of help together."))
    women = models.PositiveIntegerField(_("women aided (target)"), null=True, blank=True)
    amount = models.DecimalField(_("money given, yuan (target)"), max_digits=12,
                                 decimal_places=2, null=True, blank=True,
                                 validators=[MinValueValidator(0)])

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("assistance target")
        verbose_name_plural = _("assistance targets")
        ordering = ["year", "org__path", "kind__order"]
        constraints = [
            models.UniqueConstraint(fields=["org", "year", "kind"],
                                    name="rights_one_assistance_target_per_kind"),
            models.UniqueConstraint(fields=["org", "year"], condition=Q(kind__isnull=True),
                                    name="rights_one_overall_assistance_target"),
        ]

    def __str__(self) -> str:
        return f"{self.org} {self.year} {self.kind or '—'}"
