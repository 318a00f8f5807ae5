"""Admin pieces the apps share."""

from django.contrib import admin


class ReferenceAdmin(admin.ModelAdmin):
    """Reference data (federation.kernel.reference.ReferenceData): renamed and ordered in the
    list; the code stays, because the code refers to it."""

    list_display = ["code", "name_zh", "name_en", "order", "is_active"]
    list_editable = ["name_zh", "name_en", "order", "is_active"]
    search_fields = ["code", "name_zh", "name_en"]
