"""Reference data shared by every app: rows seeded by data migrations, edited by district admins
in the admin, referred to in code by their stable `code` and shown in the user's language."""

from __future__ import annotations

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class ReferenceQuerySet(models.QuerySet):
    def active(self) -> ReferenceQuerySet:
        return self.filter(is_active=True)


class ReferenceData(models.Model):
    code = models.CharField(_("code"), max_length=40, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """Chinese unless the user reads English (and the English name is filled in)."""
        lang = translation.get_language() or ""
        return self.name_en if lang.startswith("en") and self.name_en else self.name_zh
