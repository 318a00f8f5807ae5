"""Service sites (阵地): 家长学校, 家风家教实践基地, 巾帼工坊, 婚调室, 妇女微家, 儿童之家 …
A site has a kind (reference data on a line of work, with its unit and summary phrase), an
organization, a name, the dates it opened and closed and a short note; the summary counts the
sites open at the period's end per kind. No personal data.

Imported by orgs.models (OrgsConfig.package_models) so that the models join the orgs app."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from federation.kernel.reference import ReferenceData
from orgs.scoping import ScopedQuerySet


class SiteKind(ReferenceData):
    line = models.ForeignKey("federation.LineOfWork", verbose_name=_("line of work"),
                             on_delete=models.PROTECT, related_name="+")
    unit = models.CharField(_("unit"), max_length=10, default="个",
                            help_text=_("How the sites are counted: 所, 个, 处."))
    #: How the summary states the kind: {value} the sites open at the period's end.
    phrase = models.CharField(_("summary phrase"), max_length=200, blank=True, help_text=_(
        "e.g. 建成家长学校{value}. Empty: not stated."))

    class Meta(ReferenceData.Meta):
        verbose_name = _("site kind")
        verbose_name_plural = _("site kinds")


class SiteQuerySet(ScopedQuerySet):
    def open_on(self, day: datetime.date) -> SiteQuerySet:
        """Sites opened by `day` (or with no date) and not closed by then."""
        return self.filter(models.Q(opened_on__isnull=True) | models.Q(opened_on__lte=day),
                           models.Q(closed_on__isnull=True) | models.Q(closed_on__gt=day))


class Site(models.Model):
    scope_field = "org"

    kind = models.ForeignKey(SiteKind, verbose_name=_("kind of site"),
                             on_delete=models.PROTECT, related_name="sites")
    org = models.ForeignKey("orgs.Organization", verbose_name=_("organization"),
                            on_delete=models.CASCADE, related_name="sites")
    name = models.CharField(_("name"), max_length=100)
    opened_on = models.DateField(_("opened on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SiteQuerySet.as_manager()

    class Meta:
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        ordering = ["kind__order", "name", "pk"]
        indexes = [models.Index(fields=["org", "kind"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("orgs:site_edit", args=[self.pk])

    def clean(self) -> None:
        if self.opened_on and self.closed_on and self.closed_on < self.opened_on:
            raise ValidationError({"closed_on": _(
                "A site cannot close before it opens.")})
