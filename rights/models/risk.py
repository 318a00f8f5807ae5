"""Risk register of households in crisis (重点人群和家庭风险排查台账, one file per household)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedCharField, EncryptedTextField

from federation.kernel.privacy import lookup_hash
from orgs.models import Organization, Role
from orgs.scoping import ScopedQuerySet
from rights.models.cases import Case, NumberSeries, is_rights_staff
from rights.models.reference import ColourLevel, RiskFactor

RED = "red"
WARNING_LETTERS_FOR_RED = 2


class HouseholdStatus(models.TextChoices):
    WATCH = "watch", _("Under watch")
    CLOSED = "closed", _("Closed (risk resolved)")


class HouseholdQuerySet(ScopedQuerySet):
    def visible_to(self, user) -> HouseholdQuerySet:
        """Chairs keep their communities' register; at district level only admins and rights
        staff. Leaders see counts only."""
        qs = super().visible_to(user)
        if not user.is_authenticated or is_rights_staff(user):
            return qs
        if user.role in (Role.LEADER, Role.DISTRICT_STAFF):
            return qs.none()
        return qs


class Household(models.Model):
    scope_field = "org"

    file_number = models.CharField(_("file number"), max_length=20, unique=True,
                                   editable=False)
    org = models.ForeignKey(Organization, verbose_name=_("community"),
                            on_delete=models.PROTECT, related_name="+")
    head_name = EncryptedCharField(_("head of household"), max_length=60, null=True,
                                   blank=True)
    phone = EncryptedCharField(_("phone"), max_length=30, null=True, blank=True)
    phone_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    address = EncryptedCharField(_("address"), max_length=200, null=True, blank=True)
    factors = models.ManyToManyField(RiskFactor, verbose_name=_("risk factors"), blank=True)
    colour = models.ForeignKey(ColourLevel, verbose_name=_("colour level"),
                               on_delete=models.PROTECT)
    warning_letters = models.PositiveSmallIntegerField(_("police warning letters"), default=0)
    measures = EncryptedTextField(_("measures"), null=True, blank=True)
    responsible = models.CharField(_("responsible person"), max_length=60)
    next_visit_on = models.DateField(_("next visit"), null=True, blank=True, db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=HouseholdStatus.choices,
                              default=HouseholdStatus.WATCH, db_index=True)
    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.SET_NULL,
                             null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        verbose_name = _("risk-register household")
        verbose_name_plural = _("risk register")
        ordering = ["colour__order", "org__path", "pk"]

    def __str__(self) -> str:
        return self.file_number

    def save(self, *args, **kwargs):
        self.apply_rules()
        self.phone_hash = lookup_hash(self.phone or "", "phone")
        if not self.file_number:
            self.file_number = NumberSeries.next_number("H", timezone.localdate().year, 5)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("rights:household_detail", args=[self.pk])

    @property
    def is_red(self) -> bool:
        return self.colour.code == RED

    def apply_rules(self) -> None:
        """Two or more police warning letters (家暴告诫书) flag the household red."""
        if self.warning_letters >= WARNING_LETTERS_FOR_RED:
            self.colour = ColourLevel.objects.get(code=RED)


class Screening(models.Model):
    """One monthly screening visit of a household."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE,
                                  related_name="screenings")
    month = models.DateField(_("month"), help_text=_("The first day of the month screened."))
    colour = models.ForeignKey(ColourLevel, verbose_name=_("colour level"),
                               on_delete=models.PROTECT)
    factors = models.ManyToManyField(RiskFactor, verbose_name=_("risk factors"), blank=True)
    notes = EncryptedTextField(_("notes"), null=True, blank=True)
    screened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        verbose_name = _("monthly screening")
        verbose_name_plural = _("monthly screenings")
        ordering = ["-month"]
        constraints = [models.UniqueConstraint(fields=["household", "month"],
                                               name="rights_one_screening_per_month")]

    def __str__(self) -> str:
        return f"{self.household_id}/{self.month:%Y-%m}"
