"""List filters. The querysets handed in are already scoped (`visible_to`)."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from children.models import (
    Child,
    Grant,
    GrantProgramme,
    NursingRoom,
    PlaceType,
    Project,
    ProjectDomain,
    ProjectStatus,
    RoomStatus,
)
from children.models.assistance import ChildCategory
from federation.kernel.filters import StrictFilterSet, YesNoFilter
from orgs.models import LEVEL_KINDS, Organization
from orgs.scoping import subtree_q


class SubtreeFilterSet(StrictFilterSet):
    """Adds an organization filter that keeps the chosen organization and its subtree."""

    org = django_filters.ModelChoiceFilter(label=_("organization"), method="filter_subtree",
                                           queryset=Organization.objects.none())
    org_field = "org"

    def __init__(self, data=None, *args, request=None, **kwargs):
        super().__init__(data, *args, request=request, **kwargs)
        # The user's own organization and the level below it: a short list even at district
        # scale (a community is reached through its street, or by the text search).
        depth = request.user.org.depth + 1 if request.user.org_id else 2
        self.filters["org"].queryset = (
            Organization.objects.visible_to(request.user)
            .filter(kind__in=LEVEL_KINDS, depth__lte=depth).only("pk", "name", "path"))

    def filter_subtree(self, queryset, name, value):
        return queryset.filter(subtree_q(self.org_field, value))


def year_choices() -> list[tuple[int, int]]:
    this_year = timezone.localdate().year
    return [(y, y) for y in range(this_year, this_year - 8, -1)]


class ProjectFilter(SubtreeFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    domain = django_filters.ModelChoiceFilter(label=_("domain"),
                                              queryset=ProjectDomain.objects.all())
    status = django_filters.ChoiceFilter(label=_("status"), choices=ProjectStatus.choices)
    year = django_filters.TypedChoiceFilter(label=_("year"), choices=year_choices, coerce=int,
                                            method="filter_year")

    class Meta:
        model = Project
        fields = ["q", "domain", "status", "org", "year"]

    def filter_text(self, queryset, name, value):
        return queryset.search(value)

    def filter_year(self, queryset, name, year):
        """Projects under way at some time in the year."""
        return queryset.filter(
            Q(starts_on__isnull=True) | Q(starts_on__year__lte=year),
            Q(completed_on__isnull=True) | Q(completed_on__year__gte=year))


class RoomFilter(SubtreeFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    place_type = django_filters.ModelChoiceFilter(label=_("place type"),
                                                  queryset=PlaceType.objects.all())
    status = django_filters.ChoiceFilter(label=_("status"), choices=RoomStatus.choices)
    below = django_filters.BooleanFilter(label=_("below the required area"),
                                         field_name="below_standard",
                                         widget=forms.CheckboxInput)

    class Meta:
        model = NursingRoom
        fields = ["q", "place_type", "status", "org", "below"]

    def filter_text(self, queryset, name, value):
        return queryset.search(value)

    def filter_queryset(self, queryset):
        if not self.form.cleaned_data.get("below"):
            self.form.cleaned_data["below"] = None  # unticked means "all rooms"
        return super().filter_queryset(queryset)


class ChildFilter(SubtreeFilterSet):
    record_no = django_filters.CharFilter(label=_("record number"), lookup_expr="iexact")
    category = django_filters.ChoiceFilter(label=_("category"), choices=ChildCategory.choices)
    active = YesNoFilter(label=_("being assisted"), field_name="is_active")

    class Meta:
        model = Child
        fields = ["record_no", "category", "org", "active"]


class GrantFilter(SubtreeFilterSet):
    org_field = "child__org"
    programme = django_filters.ModelChoiceFilter(label=_("programme"),
                                                 queryset=GrantProgramme.objects.all())
    year = django_filters.TypedChoiceFilter(label=_("year"), choices=year_choices, coerce=int,
                                            field_name="paid_on__year")

    class Meta:
        model = Grant
        fields = ["programme", "org", "year"]
