from django.contrib import admin
from django.utils.translation import gettext as _

from federation.kernel.admin import ReferenceAdmin
from federation.kernel.models import AccessLog, ApiToken, LineOfWork


@admin.register(LineOfWork)
class LineOfWorkAdmin(ReferenceAdmin):
    """The work summary's sections: a district admin renames and orders them here."""


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only."""

    list_display = ["at", "username", "ip", "action", "object_type", "object_id", "object_label"]
    list_filter = ["action", "object_type"]
    search_fields = ["username", "object_label", "object_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Every API token with its user, expiry and state; district admins revoke them here (keys
    are stored as hashes: nothing secret is shown)."""

    list_display = ["prefix", "user", "created_at", "expires_at", "revoked_at", "revoked_by"]
    list_filter = ["revoked_at", "expires_at"]
    search_fields = ["user__username", "prefix"]
    readonly_fields = ["user", "prefix", "created_at", "expires_at", "revoked_at", "revoked_by"]
    actions = ["revoke_tokens"]

    def has_add_permission(self, request):
        return False  # tokens are made by their users, on the API token page

    def has_delete_permission(self, request, obj=None):
        return False  # revoked, not deleted: the access log names them

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke_tokens(self, request, queryset):
        from federation.portal.api.tokens import revoke

        tokens = list(queryset.filter(revoked_at__isnull=True))
        for token in tokens:
            revoke(token, request.user)
        self.message_user(request, _("%(n)s token(s) revoked.") % {"n": len(tokens)})
