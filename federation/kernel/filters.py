import datetime

import django_filters
from auditlog.models import LogEntry
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from federation.kernel.models import AccessLog


class BadParameters(Exception):
    """A query parameter that cannot be parsed: answered 400 with the messages (JSON for the
    API) by federation.kernel.filters.BadParametersMiddleware. Messages name the field, never echo
    the value (they may end up in a log)."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


def form_messages(form) -> list[str]:
    result = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            result.append(f"{label}: {error}" if label else str(error))
    return result


def query_params(request, form_class: type[forms.Form], **kwargs) -> dict:
    """The request's query parameters through a form: its cleaned data, or BadParameters."""
    form = form_class(request.GET, **kwargs)
    if not form.is_valid():
        raise BadParameters(form_messages(form))
    return form.cleaned_data


#: Record ids in the database are 64-bit; anything above this is not an id (and would overflow).
MAX_ID = 2**63 - 1


def year_field(label=None) -> forms.IntegerField:
    return forms.IntegerField(label=label or _("year"), required=False, min_value=2000,
                              max_value=2100)


def record_field(label) -> forms.IntegerField:
    """The id of a record named in a query parameter (looked up through the user's scope)."""
    return forms.IntegerField(label=label, required=False, min_value=1, max_value=MAX_ID)


def text_field(label=None) -> forms.CharField:
    return forms.CharField(label=label or _("search"), required=False, max_length=100)


class MonthField(forms.CharField):
    """A month as YYYY-MM (the first day of it)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 7)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        try:
            year, month = (int(part) for part in text.split("-"))
            if year < 2000 or year > 2100:
                raise ValueError
            return datetime.date(year, month, 1)
        except ValueError:
            raise forms.ValidationError(_("Enter a month as YYYY-MM (e.g. 2025-03).")) from None

    def validate(self, value):
        forms.Field.validate(self, value)

    def run_validators(self, value):
        return None


class StrictFilterSet(django_filters.FilterSet):
    """A FilterSet that refuses values it cannot parse (400) instead of ignoring them."""

    @property
    def qs(self):
        if self.is_bound and not self.is_valid():
            raise BadParameters(form_messages(self.form))
        return super().qs


def has_nul(querydict) -> bool:
    return any("\x00" in key or any("\x00" in value for value in values)
               for key, values in querydict.lists())


class BadParametersMiddleware:
    """Refuses a NUL byte in any query or form value (no field may hold one), turns
    BadParameters into a 400 page that says what is wrong, and answers API clients in JSON
    whatever the error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_nul(request.GET) or (request.method == "POST" and request.content_type in (
                "application/x-www-form-urlencoded", "multipart/form-data")
                and has_nul(request.POST)):
            return bad_request(request, [str(_("The request contains a NUL character, which "
                                               "no field may hold."))])
        response = self.get_response(request)
        if (request.path.startswith("/api/") and response.status_code >= 400
                and response.get("Content-Type", "").startswith("text/html")):
            # An error page (unknown URL, server error) answers an API client in JSON too.
            from django.http import JsonResponse

            return JsonResponse({"detail": str(response.reason_phrase)},
                                status=response.status_code)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, BadParameters):
            return bad_request(request, exception.messages)
        return None


def bad_request(request, problems: list[str]):
    from django.http import JsonResponse
    from django.shortcuts import render

    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(_("Invalid query parameters.")),
                             "errors": problems}, status=400)
    return render(request, "400.html", {"problems": problems}, status=400)


class AccessLogFilter(StrictFilterSet):
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


class AddressFilter(django_filters.CharFilter):
    field_class = forms.GenericIPAddressField


class AuditChangeFilter(StrictFilterSet):
    """Search the change trail (django-auditlog) by who, what, which record and when."""

    actor = django_filters.CharFilter(label=_("username"), field_name="actor__username",
                                      lookup_expr="iexact")
    action = django_filters.ChoiceFilter(label=_("action"), choices=LogEntry.Action.choices)
    record_type = django_filters.ModelChoiceFilter(
        label=_("record type"), field_name="content_type",
        queryset=ContentType.objects.filter(
            pk__in=LogEntry.objects.values("content_type").distinct()).order_by("app_label"))
    object_pk = django_filters.CharFilter(label=_("record id"), lookup_expr="exact")
    #: The column is an address (inet on PostgreSQL): a value that is not one is refused, never
    #: sent to the database.
    remote_addr = AddressFilter(label=_("IP address"), lookup_expr="exact")
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

