"""Reference data: rows seeded by data migrations, edited by district admins in the admin."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from federation.kernel.reference import ReferenceData


class Subject(models.TextChoices):
    FAMILY = "family", _("Family")
    INDIVIDUAL = "individual", _("Individual")
    COLLECTIVE = "collective", _("Collective")


class Workflow(models.TextChoices):
    """How an honour type is awarded and counted."""

    FULL = "full", _("Six steps with a public notice")
    LIST = "list", _("A list and one approval (mass honour)")
    STANDING = "standing", _("Standing title, counted cumulatively until revoked")


class CriteriaSet(ReferenceData):
    """What an honour is judged on, e.g. the five 五好 criteria."""

    class Meta(ReferenceData.Meta):
        verbose_name = _("criteria set")
        verbose_name_plural = _("criteria sets")


class Criterion(ReferenceData):
    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE,
                                     related_name="criteria", verbose_name=_("criteria set"))

    class Meta(ReferenceData.Meta):
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")


class HonourType(ReferenceData):
    subject = models.CharField(_("awarded to"), max_length=12, choices=Subject.choices)
    line = models.ForeignKey("federation.LineOfWork", verbose_name=_("line of work"),
                             on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.SET_NULL, null=True,
                                     blank=True, verbose_name=_("criteria set"))
    workflow = models.CharField(_("workflow"), max_length=10, choices=Workflow.choices,
                                default=Workflow.FULL)

    class Meta(ReferenceData.Meta):
        verbose_name = _("honour type")
        verbose_name_plural = _("honour types")


class HonourLevel(ReferenceData):
    """全国 … 社区/村; a higher `order` is a lower level."""

    class Meta(ReferenceData.Meta):
        verbose_name = _("honour level")
        verbose_name_plural = _("honour levels")


class CourtyardTier(ReferenceData):
    """A plaque grade; the household earns the highest tier whose threshold its score meets."""

    min_score = models.DecimalField(_("minimum score"), max_digits=5, decimal_places=1)

    class Meta(ReferenceData.Meta):
        verbose_name = _("courtyard tier")
        verbose_name_plural = _("courtyard tiers")
        ordering = ["-min_score", "pk"]


class CourtyardCategory(ReferenceData):
    """Special courtyards: 书香庭院, 花香庭院 …"""

    class Meta(ReferenceData.Meta):
        verbose_name = _("special-courtyard category")
        verbose_name_plural = _("special-courtyard categories")


class ScoreSheet(ReferenceData):
    """A scoring standard. Exactly one is current; old inspections keep the sheet they used."""

    is_current = models.BooleanField(_("current sheet"), default=False)

    class Meta(ReferenceData.Meta):
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        constraints = [models.UniqueConstraint(fields=["is_current"],
                                               condition=models.Q(is_current=True),
                                               name="one_current_score_sheet")]

    @classmethod
    def current(cls) -> ScoreSheet:
        return cls.objects.get(is_current=True)

    def make_current(self) -> None:
        ScoreSheet.objects.filter(is_current=True).exclude(pk=self.pk).update(is_current=False)
        self.is_current = True
        self.save(update_fields=["is_current"])


class SheetItem(ReferenceData):
    code = models.SlugField(_("code"), max_length=40)
    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="items",
                              verbose_name=_("score sheet"))
    max_points = models.DecimalField(_("maximum points"), max_digits=5, decimal_places=1)

    class Meta(ReferenceData.Meta):
        verbose_name = _("score-sheet item")
        verbose_name_plural = _("score-sheet items")
        constraints = [models.UniqueConstraint(fields=["sheet", "code"],
                                               name="sheet_item_unique_code")]
