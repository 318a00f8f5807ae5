from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from federation.kernel.passwords import InitialPasswordForm, ResetPasswordForm
from federation.kernel.sessions import end_sessions_action
from orgs.activities.models import ActivityCategory, Campaign
from orgs.duties.models import DutyKind, ReviewWeights
from orgs.models import Organization, Person, Position, Role, Term, User
from orgs.sites.models import Site, SiteKind
from orgs.tallies.models import AnnualTarget, Indicator, IndicatorGroup, ReportingDeadline
from orgs.teams.models import Team, TeamKind


@admin.register(Organization)
class OrganizationAdmin(TreeAdmin):
    form = movenodeform_factory(Organization)
    list_display = ["name", "code", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "code"]


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    add_form = InitialPasswordForm  # initial and reset passwords must be changed at login
    change_password_form = ResetPasswordForm
    actions = [end_sessions_action]
    list_display = ["username", "first_name", "role", "org", "is_active", "last_login"]
    list_filter = ["role", "is_active"]
    list_select_related = ["org"]
    raw_id_fields = ["org", "person"]
    fieldsets = (*UserAdmin.fieldsets, (_("Federation"), {
        "fields": ("org", "role", "person", "phone", "must_change_password")}))
    add_fieldsets = (*UserAdmin.add_fieldsets, (_("Federation"), {
        "fields": ("org", "role", "person")}))

    def save_model(self, request, obj, form, change):
        # An executive member's account belongs to the organization of her committee record.
        if obj.role == Role.EXECUTIVE_MEMBER and obj.person_id:
            obj.org_id = obj.person.org_id
        super().save_model(request, obj, form, change)


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    raw_id_fields = ["org", "term"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "org", "birth_year", "education", "political_status"]
    search_fields = ["name"]
    raw_id_fields = ["org"]
    list_select_related = ["org"]
    inlines = [PositionInline]


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["org", "number", "election_date", "starts_on", "ends_on", "seats"]
    raw_id_fields = ["org"]
    list_select_related = ["org"]


# Reference data and tally administration (district admins).
@admin.register(ActivityCategory, IndicatorGroup)
class ReferenceDataAdmin(admin.ModelAdmin):
    list_display = ["code", "name_zh", "name_en", "order", "is_active"]
    list_editable = ["order", "is_active"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name_zh", "unit", "group", "value_type", "required", "prefill",
                    "order", "is_active", "active_from", "active_to"]
    list_filter = ["group", "is_active", "required"]
    list_select_related = ["group"]
    search_fields = ["code", "name_zh", "name_en"]


@admin.register(ReportingDeadline)
class ReportingDeadlineAdmin(admin.ModelAdmin):
    list_display = ["month", "due_on"]


@admin.register(AnnualTarget)
class AnnualTargetAdmin(admin.ModelAdmin):
    list_display = ["org", "indicator", "year", "target"]
    list_filter = ["year", "indicator"]
    list_select_related = ["org", "indicator"]
    raw_id_fields = ["org"]


# Executive members' duties: kinds with their points, and the yearly review's other weights.
@admin.register(DutyKind)
class DutyKindAdmin(admin.ModelAdmin):
    list_display = ["code", "name_zh", "name_en", "weight", "passes_up", "order", "is_active"]
    list_editable = ["weight", "passes_up", "order", "is_active"]


class DistrictAdminOnly:
    """Weights are the district admin's to set (other staff with admin access read them)."""

    def has_change_permission(self, request, obj=None):
        return request.user.is_district_admin and super().has_change_permission(request, obj)

    def has_add_permission(self, request):
        return (request.user.is_district_admin and not ReviewWeights.objects.exists()
                and super().has_add_permission(request))

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReviewWeights)
class ReviewWeightsAdmin(DistrictAdminOnly, admin.ModelAdmin):
    list_display = ["__str__", "per_woman", "per_request", "per_answer", "updated_at"]


@admin.register(TeamKind)
class TeamKindAdmin(admin.ModelAdmin):
    list_display = ["code", "name_zh", "name_en", "line", "phrase", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_select_related = ["line"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "org", "members", "formed_on", "disbanded_on"]
    list_filter = ["kind"]
    list_select_related = ["kind", "org"]
    raw_id_fields = ["org"]
    search_fields = ["name"]


@admin.register(SiteKind)
class SiteKindAdmin(admin.ModelAdmin):
    list_display = ["code", "name_zh", "name_en", "line", "unit", "phrase", "order",
                    "is_active"]
    list_editable = ["order", "is_active"]
    list_select_related = ["line"]


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "org", "opened_on", "closed_on"]
    list_filter = ["kind"]
    list_select_related = ["kind", "org"]
    raw_id_fields = ["org"]
    search_fields = ["name"]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "line", "org", "first_year", "last_year"]
    list_filter = ["line"]
    list_select_related = ["line", "org"]
    raw_id_fields = ["org"]
    search_fields = ["name"]
