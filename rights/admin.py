"""District admins edit reference data here, and the assistance registry's annual targets.
Cases, complainants, the risk register and assistance records are NOT registered: the admin
would show personal data without masking or an access-log entry."""

from django.contrib import admin

from rights.models import (
    ActionType,
    AssistanceKind,
    AssistanceTarget,
    Category,
    Channel,
    ColourLevel,
    FundSource,
    Outcome,
    RiskFactor,
    TimeLimit,
)


class ReferenceAdmin(admin.ModelAdmin):
    list_display = ["code", "name_zh", "name_en", "order", "is_active"]
    list_editable = ["name_zh", "name_en", "order", "is_active"]
    search_fields = ["code", "name_zh", "name_en"]


@admin.register(Category)
class CategoryAdmin(ReferenceAdmin):
    list_display = ["code", "name_zh", "name_en", "parent", "order", "small_counts_hidden",
                    "is_active"]
    list_filter = ["parent"]


@admin.register(ActionType)
class ActionTypeAdmin(ReferenceAdmin):
    list_display = [*ReferenceAdmin.list_display, "is_referral", "is_mediation"]


@admin.register(Outcome)
class OutcomeAdmin(ReferenceAdmin):
    list_display = [*ReferenceAdmin.list_display, "resolved", "accepted"]


@admin.register(ColourLevel)
class ColourLevelAdmin(ReferenceAdmin):
    list_display = [*ReferenceAdmin.list_display, "colour"]


@admin.register(TimeLimit)
class TimeLimitAdmin(ReferenceAdmin):
    list_display = [*ReferenceAdmin.list_display, "days"]
    list_editable = [*ReferenceAdmin.list_editable, "days"]


admin.site.register(Channel, ReferenceAdmin)
admin.site.register(RiskFactor, ReferenceAdmin)
admin.site.register(FundSource, ReferenceAdmin)


@admin.register(AssistanceKind)
class AssistanceKindAdmin(ReferenceAdmin):
    list_display = [*ReferenceAdmin.list_display, "people_indicator", "amount_indicator"]
    fields = ["code", "name_zh", "name_en", "order", "is_active", "people_indicator",
              "amount_indicator", "phrase"]


@admin.register(AssistanceTarget)
class AssistanceTargetAdmin(admin.ModelAdmin):
    list_display = ["org", "year", "kind", "women", "amount"]
    list_filter = ["year", "kind"]
    autocomplete_fields = ["org"]
    search_fields = ["org__name"]
