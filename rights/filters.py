import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from federation.kernel.filters import YesNoFilter
from rights.models import Case, Category, Risk, Status


class CaseFilter(django_filters.FilterSet):
    """Filters on non-personal columns only: nothing personal ever travels in a URL."""

    number = django_filters.CharFilter(label=_("case number"), lookup_expr="icontains")
    status = django_filters.ChoiceFilter(label=_("status"), choices=Status.choices)
    risk = django_filters.ChoiceFilter(label=_("risk level"), choices=Risk.choices)
    category = django_filters.ModelChoiceFilter(
        label=_("category"), queryset=Category.objects.filter(parent__isnull=True),
        method="filter_category")
    mine = YesNoFilter(label=_("assigned to me"), method="filter_mine")
    overdue = YesNoFilter(label=_("overdue"), method="filter_overdue")

    class Meta:
        model = Case
        fields = ["number", "status", "risk", "category", "mine", "overdue"]

    def filter_category(self, queryset, name, value):
        return queryset.filter(category__in=Category.objects.filter(pk=value.pk)
                               | Category.objects.filter(parent=value))

    def filter_mine(self, queryset, name, value):
        return queryset.filter(handler=self.request.user) if value else queryset

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue(timezone.localdate()) if value else queryset
