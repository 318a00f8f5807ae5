import django_filters
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from federation.kernel.filters import StrictFilterSet, YesNoFilter
from orgs.models import LEVEL_KINDS, Organization
from orgs.scoping import subtree_q
from rights.models import Assistance, AssistanceKind, Case, Category, Risk, Status

OPEN, ALL = "open", "all"


class CaseFilter(StrictFilterSet):
    """Filters on non-personal columns only: nothing personal ever travels in a URL."""

    number = django_filters.CharFilter(label=_("case number"), lookup_expr="icontains")
    #: The list opens on open cases; closed ones (and all) are a choice away.
    status = django_filters.ChoiceFilter(
        label=_("status"), method="filter_status", empty_label=None,
        choices=[(OPEN, _("Open cases")), *Status.choices, (ALL, _("All cases"))])
    risk = django_filters.ChoiceFilter(label=_("risk level"), choices=Risk.choices)
    category = django_filters.ModelChoiceFilter(
        label=_("category"), queryset=Category.objects.filter(parent__isnull=True),
        method="filter_category")
    mine = YesNoFilter(label=_("assigned to me"), method="filter_mine")
    overdue = YesNoFilter(label=_("overdue"), method="filter_overdue")

    class Meta:
        model = Case
        fields = ["number", "status", "risk", "category", "mine", "overdue"]

    def __init__(self, data=None, *args, **kwargs):
        if not (data or {}).get("status"):
            data = data.copy() if data else {}
            data["status"] = OPEN
        super().__init__(data, *args, **kwargs)

    def filter_status(self, queryset, name, value):
        """Open cases by urgency: risk, then the nearest deadline (acceptance for a case not
        yet accepted, closing otherwise), oldest first."""
        if value == ALL:
            return queryset
        if value == OPEN:
            deadline = models.Case(models.When(accepted_on__isnull=True,
                                               accept_due_on__isnull=False,
                                               then="accept_due_on"), default="due_on")
            return queryset.open().order_by("risk", models.F("deadline").asc(nulls_last=True),
                                            "received_on", "pk").alias(deadline=deadline)
        return queryset.filter(status=value)

    def filter_category(self, queryset, name, value):
        return queryset.filter(category__in=Category.objects.filter(pk=value.pk)
                               | Category.objects.filter(parent=value))

    def filter_mine(self, queryset, name, value):
        return queryset.filter(handler=self.request.user) if value else queryset

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue(timezone.localdate()) if value else queryset


def year_choices() -> list[tuple[int, int]]:
    this_year = timezone.localdate().year
    return [(y, y) for y in range(this_year, this_year - 6, -1)]


class AssistanceFilter(django_filters.FilterSet):
    """Kind of help, year and organization (its whole subtree): nothing personal."""

    number = django_filters.CharFilter(label=_("record number"), lookup_expr="iexact")
    kind = django_filters.ModelChoiceFilter(label=_("kind of help"),
                                            queryset=AssistanceKind.objects.all())
    year = django_filters.TypedChoiceFilter(label=_("year"), choices=year_choices, coerce=int,
                                            field_name="given_on__year")
    org = django_filters.ModelChoiceFilter(label=_("organization"), method="filter_subtree",
                                           queryset=Organization.objects.none())

    class Meta:
        model = Assistance
        fields = ["number", "kind", "year", "org"]

    def __init__(self, data=None, *args, request=None, **kwargs):
        super().__init__(data, *args, request=request, **kwargs)
        # The user's organization and the level below it (streets, or her communities).
        user = request.user
        depth = user.org.depth + 1 if user.org_id else 2
        self.filters["org"].queryset = (
            Organization.objects.visible_to(user).filter(kind__in=LEVEL_KINDS, depth__lte=depth)
            .only("pk", "name", "path"))

    def filter_subtree(self, queryset, name, value):
        return queryset.filter(subtree_q("org", value))
