import django_filters
from auditlog.models import LogEntry
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from federation.kernel.models import AccessLog


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


class AuditChangeFilter(django_filters.FilterSet):
    """Search the change trail (django-auditlog) by who, what, which record and when."""

    actor = django_filters.CharFilter(label=_("username"), field_name="actor__username",
                                      lookup_expr="iexact")
    action = django_filters.ChoiceFilter(label=_("action"), choices=LogEntry.Action.choices)
    record_type = django_filters.ModelChoiceFilter(
        label=_("record type"), field_name="content_type",
        queryset=ContentType.objects.filter(
            pk__in=LogEntry.objects.values("content_type").distinct()).order_by("app_label"))
    object_pk = django_filters.CharFilter(label=_("record id"), lookup_expr="exact")
    remote_addr = django_filters.CharFilter(label=_("IP address"), lookup_expr="exact")
    since = django_filters.DateFilter(label=_("from"), field_name="timestamp",
                                      lookup_expr="date__gte",
                                      widget=forms.DateInput(attrs={"type": "date"}))
    until = django_filters.DateFilter(label=_("to"), field_name="timestamp",
                                      lookup_expr="date__lte",
                                      widget=forms.DateInput(attrs={"type": "date"}))

    class Meta:
        model = LogEntry
        fields = ["actor", "action", "record_type", "object_pk", "remote_addr", "since", "until"]


class YesNoFilter(django_filters.BooleanFilter):
    """A yes/no filter whose empty choice reads "All" (Django's reads "Unknown")."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.Select(
            choices=[("", _("All")), ("true", _("yes")), ("false", _("no"))]))
        super().__init__(*args, **kwargs)
