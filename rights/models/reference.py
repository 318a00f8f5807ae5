"""Reference data: rows seeded by data migrations, edited by district admins in Django admin,
referenced in code by their stable `code`."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from federation.kernel.reference import ReferenceData


class Category(ReferenceData):
    """Petition-statistics categories; sub-categories have a parent."""

    parent = models.ForeignKey("self", verbose_name=_("category"), on_delete=models.PROTECT,
                               null=True, blank=True, related_name="children")
    # Domestic violence and child categories: small counts are shown as "<3".
    small_counts_hidden = models.BooleanField(_("hide counts below 3"), default=False)

    class Meta(ReferenceData.Meta):
        verbose_name = _("case category")
        verbose_name_plural = _("case categories")

    def __str__(self) -> str:
        return f"{self.parent.name} — {self.name}" if self.parent_id else self.name


class Channel(ReferenceData):
    class Meta(ReferenceData.Meta):
        verbose_name = _("intake channel")
        verbose_name_plural = _("intake channels")


class ActionType(ReferenceData):
    is_referral = models.BooleanField(_("referral to another agency"), default=False)
    is_mediation = models.BooleanField(_("mediation session"), default=False)

    class Meta(ReferenceData.Meta):
        verbose_name = _("action type")
        verbose_name_plural = _("action types")


class Outcome(ReferenceData):
    resolved = models.BooleanField(_("counts as resolved"), default=False)
    accepted = models.BooleanField(_("case was accepted"), default=True)

    class Meta(ReferenceData.Meta):
        verbose_name = _("case outcome")
        verbose_name_plural = _("case outcomes")


class RiskFactor(ReferenceData):
    class Meta(ReferenceData.Meta):
        verbose_name = _("risk factor")
        verbose_name_plural = _("risk factors")


class ColourLevel(ReferenceData):
    """Colour levels of the risk register; `rank` 1 is the most serious."""

    colour = models.CharField(_("display colour"), max_length=7, default="#dc3545")

    class Meta(ReferenceData.Meta):
        verbose_name = _("colour level")
        verbose_name_plural = _("colour levels")


class TimeLimit(ReferenceData):
    """Configurable time limits (days) of the petition rules."""

    days = models.PositiveSmallIntegerField(_("days"))

    class Meta(ReferenceData.Meta):
        verbose_name = _("time limit")
        verbose_name_plural = _("time limits")

    @classmethod
    def days_for(cls, code: str, default: int) -> int:
        row = cls.objects.filter(code=code).values_list("days", flat=True).first()
        return row if row is not None else default


class AssistanceKind(ReferenceData):
    """A kind of help of the women's assistance registry (两癌救助, 困难妇女走访慰问 …). The
    monthly tally's indicators it answers (women aided, money) are pre-filled from the
    registry."""

    people_indicator = models.ForeignKey(
        "orgs.Indicator", verbose_name=_("tally indicator of women aided"),
        on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    amount_indicator = models.ForeignKey(
        "orgs.Indicator", verbose_name=_("tally indicator of money given"),
        on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    phrase = models.CharField(
        _("phrase in the work summary"), max_length=200, blank=True,
        help_text=_("E.g. 为{women}两癌贫困妇女发放救助金{amount}: {women} is the number of "
                    "women aided, {amount} the money and {goods} the value of goods given, "
                    "each with its unit; a clause whose figure is empty is left out. Empty: "
                    "the kind is counted in the tables only."))

    class Meta(ReferenceData.Meta):
        verbose_name = _("kind of help")
        verbose_name_plural = _("kinds of help")


class FundSource(ReferenceData):
    class Meta(ReferenceData.Meta):
        verbose_name = _("source of funds")
        verbose_name_plural = _("sources of funds")
