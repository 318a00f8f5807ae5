"""Marriage and family dispute mediation (婚姻家庭纠纷调解) attached to a case."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedTextField

from orgs.scoping import ScopedQuerySet
from rights.models.cases import Case


class MediationQuerySet(ScopedQuerySet):
    def visible_to(self, user) -> MediationQuerySet:
        """Exactly the mediations of the cases the user may see."""
        return self.filter(case__in=Case.objects.visible_to(user))


class Mediation(models.Model):
    scope_field = "case__org"

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE,
                             related_name="mediations")
    started_on = models.DateField(_("mediation began on"), default=timezone.localdate,
                                  db_index=True)
    parties = EncryptedTextField(_("parties"), null=True, blank=True)
    mediators = models.CharField(_("mediators"), max_length=200)
    agreement_reached = models.BooleanField(_("agreement reached"), null=True, blank=True)
    agreement = EncryptedTextField(_("agreement"), null=True, blank=True)
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                      related_name="+")

    objects = MediationQuerySet.as_manager()

    class Meta:
        verbose_name = _("mediation")
        verbose_name_plural = _("mediations")
        ordering = ["-started_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.case_id}/M{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("rights:mediation_detail", args=[self.pk])


class MediationSession(models.Model):
    mediation = models.ForeignKey(Mediation, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(_("held on"), default=timezone.localdate)
    mediators = models.CharField(_("mediators"), max_length=200, blank=True)
    notes = EncryptedTextField(_("notes"), null=True, blank=True)

    class Meta:
        verbose_name = _("mediation session")
        verbose_name_plural = _("mediation sessions")
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.mediation_id}/{self.held_on}"
