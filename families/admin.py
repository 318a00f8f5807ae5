"""District admins edit the reference data here (tiers, thresholds, sheets, honour types)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from families.models import (
    CourtyardCategory,
    CourtyardTier,
    CriteriaSet,
    Criterion,
    HonourLevel,
    HonourType,
    ScoreSheet,
    SheetItem,
)

REFERENCE = ["code", "name_zh", "name_en", "order", "is_active"]


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


class SheetItemInline(admin.TabularInline):
    model = SheetItem
    extra = 0


@admin.register(CriteriaSet)
class CriteriaSetAdmin(admin.ModelAdmin):
    list_display = REFERENCE
    inlines = [CriterionInline]


@admin.register(ScoreSheet)
class ScoreSheetAdmin(admin.ModelAdmin):
    """Switching sheets: tick "current" on one; old inspections keep the sheet they used."""

    list_display = [*REFERENCE, "is_current"]
    inlines = [SheetItemInline]
    actions = ["make_current"]

    @admin.action(description=_("Make this the current score sheet"))
    def make_current(self, request, queryset):
        if queryset.count() == 1:
            queryset.get().make_current()


@admin.register(HonourType)
class HonourTypeAdmin(admin.ModelAdmin):
    list_display = [*REFERENCE, "subject", "workflow", "line", "criteria_set"]
    list_filter = ["subject", "workflow", "line"]


@admin.register(CourtyardTier)
class CourtyardTierAdmin(admin.ModelAdmin):
    list_display = [*REFERENCE, "min_score"]


admin.site.register(HonourLevel, list_display=REFERENCE)
admin.site.register(CourtyardCategory, list_display=REFERENCE)
