"""Forms of the service sites."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from orgs.forms import DateInput, KindAndOrgForm, KindFilterForm
from orgs.sites.models import Site, SiteKind


class SiteForm(KindAndOrgForm):
    kind_model = SiteKind

    class Meta:
        model = Site
        fields = ["kind", "org", "name", "opened_on", "closed_on", "note"]
        widgets = {"opened_on": DateInput(), "closed_on": DateInput()}


class SiteFilterForm(KindFilterForm):
    kind = forms.ModelChoiceField(label=_("kind of site"), required=False,
                                  queryset=SiteKind.objects.all())
    closed = forms.BooleanField(label=_("Include closed sites"), required=False)
    ended_field = "closed"
    field_order = ["kind", "org", "closed"]

    def current(self, sites, today):
        return sites.open_on(today)
