"""List filters. Choices come from the user's scope, so a filter can never widen it."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from families.models import (
    CourtyardCategory,
    CourtyardTier,
    Honour,
    HonourLevel,
    HonourType,
    Household,
    State,
)
from families.models.honours import awaiting_filter
from federation.kernel.filters import MAX_ID, StrictFilterSet, YesNoFilter
from orgs.models import Organization, OrgKind
from orgs.scoping import subtree_q

LEVEL_KINDS = [OrgKind.DISTRICT, OrgKind.STREET, OrgKind.COMMUNITY]


def _scope_orgs(request):
    if request is None:
        return Organization.objects.none()
    return Organization.objects.visible_to(request.user).filter(kind__in=LEVEL_KINDS).only(
        "pk", "name", "path", "depth")


class SubtreeFilter(django_filters.ModelChoiceFilter):
    """An organization and everything under it."""

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(subtree_q(self.field_name, value))


class ShallowOrgChoices:
    """The organization menu lists the user's own level and the one below (a district has
    thousands of villages); deeper organizations are still accepted, e.g. from the links on the
    coverage page, and the chosen one is always shown."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.form.fields["org"]
        user = self.request.user if self.request else None
        depth = user.org.depth if user and user.org_id else 1
        shown = field.queryset.filter(
            Q(depth__lte=depth + 1) | Q(pk__in=[v for v in [self.data.get("org")] if v and
                                                str(v).isdigit() and int(v) <= MAX_ID]))
        field.widget.choices = [("", "---------")] + [
            (o.pk, "　" * (o.depth - depth) + o.name) for o in shown]


class HouseholdFilter(ShallowOrgChoices, StrictFilterSet):
    q = django_filters.CharFilter(label=_("head or address"), method="search")
    org = SubtreeFilter(label=_("organization"), queryset=_scope_orgs)
    tier = django_filters.ModelChoiceFilter(label=_("tier"),
                                            queryset=CourtyardTier.objects.all(),
                                            null_label=_("No plaque"))
    category = django_filters.ModelChoiceFilter(
        label=_("category"), field_name="categories", queryset=CourtyardCategory.objects.all())
    in_campaign = YesNoFilter(label=_("in the courtyard campaign"))
    year = django_filters.NumberFilter(label=_("year joined"), field_name="joined_on__year",
                                       min_value=1990, max_value=2100, decimal_places=0)

    class Meta:
        model = Household
        fields = ["q", "org", "tier", "category", "in_campaign", "year"]

    def search(self, qs, name, value):
        return qs.search(value)


class HonourFilter(ShallowOrgChoices, StrictFilterSet):
    q = django_filters.CharFilter(label=_("name or citation"), method="search")
    org = SubtreeFilter(label=_("organization"), queryset=_scope_orgs)
    honour_type = django_filters.ModelChoiceFilter(label=_("honour type"),
                                                   queryset=HonourType.objects.all())
    level = django_filters.ModelChoiceFilter(label=_("level"),
                                             queryset=HonourLevel.objects.all())
    year = django_filters.NumberFilter(label=_("year"), min_value=1990, max_value=2100,
                                       decimal_places=0)
    state = django_filters.ChoiceFilter(label=_("state"), choices=State.choices)
    awaiting = YesNoFilter(label=_("awaiting my step"), method="awaiting_me")

    class Meta:
        model = Honour
        fields = ["q", "org", "honour_type", "level", "year", "state", "awaiting"]

    def awaiting_me(self, qs, name, value):
        if value and self.request is not None:
            return qs.filter(awaiting_filter(self.request.user))
        return qs

    def search(self, qs, name, value):
        return qs.search(value)
