import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from federation.models import AccessLog


class AccessLogFilter(django_filters.FilterSet):
    username = django_filters.CharFilter(label=_("username"), lookup_expr="iexact")
    action = django_filters.ChoiceFilter(label=_("action"), choices=AccessLog.Action.choices)
    object_type = django_filters.CharFilter(label=_("record type"), lookup_expr="icontains")
    object_label = django_filters.CharFilter(label=_("record"), lookup_expr="icontains")
    since = django_filters.DateFilter(label=_("from"), field_name="at", lookup_expr="date__gte",
                                      widget=forms.DateInput(attrs={"type": "date"}))
    until = django_filters.DateFilter(label=_("to"), field_name="at", lookup_expr="date__lte",
                                      widget=forms.DateInput(attrs={"type": "date"}))

    class Meta:
        model = AccessLog
        fields = ["username", "action", "object_type", "object_label", "since", "until"]
