"""District admins edit the reference lists here; records are kept through the portal pages."""

from django.contrib import admin

from children import models


@admin.register(models.ProjectDomain, models.PlaceType, models.GrantProgramme)
class ReferenceAdmin(admin.ModelAdmin):
    list_display = ["code", "name_zh", "name_en", "order", "is_active"]
    list_editable = ["order", "is_active"]


@admin.register(models.Facility)
class FacilityAdmin(ReferenceAdmin):
    list_display = [*ReferenceAdmin.list_display, "required"]


@admin.register(models.RoomAreaRule)
class RoomAreaRuleAdmin(admin.ModelAdmin):
    list_display = ["code", "name_zh", "min_place_area", "min_daily_visitors", "min_room_area"]
