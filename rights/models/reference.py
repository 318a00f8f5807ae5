"""Reference data: rows seeded by data migrations, edited by district admins in Django admin,
referenced in code by their stable `code`."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class ReferenceQuerySet(models.QuerySet):
    def active(self) -> ReferenceQuerySet:
        return self.filter(is_active=True)


class Reference(models.Model):
    code = models.CharField(_("code"), max_length=40, unique=True)
    name_zh = models.CharField(_("Chinese name"), max_length=80)
    name_en = models.CharField(_("English name"), max_length=120)
    sort = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["sort", "pk"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.name_en if (get_language() or "").startswith("en") else self.name_zh


class Category(Reference):
    """Petition-statistics categories; sub-categories have a parent."""

    parent = models.ForeignKey("self", verbose_name=_("category"), on_delete=models.PROTECT,
                               null=True, blank=True, related_name="children")
    # Domestic violence and child categories: small counts are shown as "<3".
    small_counts_hidden = models.BooleanField(_("hide counts below 3"), default=False)

    class Meta(Reference.Meta):
        verbose_name = _("case category")
        verbose_name_plural = _("case categories")

    def __str__(self) -> str:
        return f"{self.parent.label} — {self.label}" if self.parent_id else self.label


class Channel(Reference):
    class Meta(Reference.Meta):
        verbose_name = _("intake channel")
        verbose_name_plural = _("intake channels")


class ActionType(Reference):
    is_referral = models.BooleanField(_("referral to another agency"), default=False)
    is_mediation = models.BooleanField(_("mediation session"), default=False)

    class Meta(Reference.Meta):
        verbose_name = _("action type")
        verbose_name_plural = _("action types")


class Outcome(Reference):
    resolved = models.BooleanField(_("counts as resolved"), default=False)
    accepted = models.BooleanField(_("case was accepted"), default=True)

    class Meta(Reference.Meta):
        verbose_name = _("case outcome")
        verbose_name_plural = _("case outcomes")


class RiskFactor(Reference):
    class Meta(Reference.Meta):
        verbose_name = _("risk factor")
        verbose_name_plural = _("risk factors")


class ColourLevel(Reference):
    """Colour levels of the risk register; `rank` 1 is the most serious."""

    colour = models.CharField(_("display colour"), max_length=7, default="#dc3545")

    class Meta(Reference.Meta):
        verbose_name = _("colour level")
        verbose_name_plural = _("colour levels")


class TimeLimit(Reference):
    """Configurable time limits (days) of the petition rules."""

    days = models.PositiveSmallIntegerField(_("days"))

    class Meta(Reference.Meta):
        verbose_name = _("time limit")
        verbose_name_plural = _("time limits")

    @classmethod
    def days_for(cls, code: str, default: int) -> int:
        row = cls.objects.filter(code=code).values_list("days", flat=True).first()
        return row if row is not None else default
