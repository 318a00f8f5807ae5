"""Reference data: rows seeded by data migrations, edited by district admins in the admin."""

from __future__ import annotations

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class ReferenceQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Reference(models.Model):
    """A row referenced in code by its stable `code`; shown in the user's language."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_zh = models.CharField(_("Chinese name"), max_length=80)
    name_en = models.CharField(_("English name"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        lang = translation.get_language() or "zh-hans"
        return self.name_zh if lang.lower().startswith("zh") else self.name_en


class Subject(models.TextChoices):
    FAMILY = "family", _("Family")
    INDIVIDUAL = "individual", _("Individual")
    COLLECTIVE = "collective", _("Collective")


class CriteriaSet(Reference):
    """What an honour is judged on, e.g. the five 五好 criteria."""

    class Meta(Reference.Meta):
        verbose_name = _("criteria set")
        verbose_name_plural = _("criteria sets")


class Criterion(Reference):
    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE,
                                     related_name="criteria", verbose_name=_("criteria set"))

    class Meta(Reference.Meta):
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")


class HonourType(Reference):
    subject = models.CharField(_("awarded to"), max_length=12, choices=Subject.choices)
    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.SET_NULL, null=True,
                                     blank=True, verbose_name=_("criteria set"))

    class Meta(Reference.Meta):
        verbose_name = _("honour type")
        verbose_name_plural = _("honour types")


class HonourLevel(Reference):
    """全国 … 社区/村; a higher `order` is a lower level."""

    class Meta(Reference.Meta):
        verbose_name = _("honour level")
        verbose_name_plural = _("honour levels")


class CourtyardTier(Reference):
    """A plaque grade; the household earns the highest tier whose threshold its score meets."""

    min_score = models.DecimalField(_("minimum score"), max_digits=5, decimal_places=1)

    class Meta(Reference.Meta):
        verbose_name = _("courtyard tier")
        verbose_name_plural = _("courtyard tiers")
        ordering = ["-min_score", "pk"]


class CourtyardCategory(Reference):
    """Special courtyards: 书香庭院, 花香庭院 …"""

    class Meta(Reference.Meta):
        verbose_name = _("special-courtyard category")
        verbose_name_plural = _("special-courtyard categories")


class ScoreSheet(Reference):
    """A scoring standard. Exactly one is current; old inspections keep the sheet they used."""

    is_current = models.BooleanField(_("current sheet"), default=False)

    class Meta(Reference.Meta):
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


class SheetItem(Reference):
    code = models.SlugField(_("code"), max_length=40)
    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="items",
                              verbose_name=_("score sheet"))
    max_points = models.DecimalField(_("maximum points"), max_digits=5, decimal_places=1)

    class Meta(Reference.Meta):
        verbose_name = _("score-sheet item")
        verbose_name_plural = _("score-sheet items")
        constraints = [models.UniqueConstraint(fields=["sheet", "code"],
                                               name="sheet_item_unique_code")]
