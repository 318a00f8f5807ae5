"""Reference data seeded by data migrations and edited by district admins in the admin."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from federation.kernel.reference import ReferenceData


class ProjectDomain(ReferenceData):
    class Meta(ReferenceData.Meta):
        verbose_name = _("project domain")
        verbose_name_plural = _("project domains")


class PlaceType(ReferenceData):
    class Meta(ReferenceData.Meta):
        verbose_name = _("public place type")
        verbose_name_plural = _("public place types")


class Facility(ReferenceData):
    """An item of the nursing-room facilities checklist (national guideline 2016/63)."""

    required = models.BooleanField(_("required by the guideline"), default=True)

    class Meta(ReferenceData.Meta):
        verbose_name = _("nursing-room facility")
        verbose_name_plural = _("nursing-room facilities")


class GrantProgramme(ReferenceData):
    class Meta(ReferenceData.Meta):
        verbose_name = _("grant programme")
        verbose_name_plural = _("grant programmes")


class RoomAreaRule(models.Model):
    """A place at or above either threshold needs a room of at least `min_room_area` m².

    The strictest matching rule applies; a rule with both thresholds at 0 is the default."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=120)
    min_place_area = models.PositiveIntegerField(_("place floor area from (m²)"), default=0)
    min_daily_visitors = models.PositiveIntegerField(_("daily visitors from"), default=0)
    min_room_area = models.DecimalField(_("minimum room area (m²)"), max_digits=6,
                                        decimal_places=1, default=Decimal("6"))

    class Meta:
        verbose_name = _("nursing-room area rule")
        verbose_name_plural = _("nursing-room area rules")
        ordering = ["-min_room_area"]

    def __str__(self) -> str:
        return self.name_zh if (get_language() or "zh").startswith("zh") else self.name_en
