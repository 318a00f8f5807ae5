"""Forms of the service sites."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from orgs.forms import DateInput
from orgs.models import LEVEL_KINDS, Organization
from orgs.scoping import ScopedFormMixin, subtree_q
from orgs.sites.models import Site, SiteKind


class SiteForm(ScopedFormMixin, forms.ModelForm):
    class Meta:
        model = Site
        fields = ["kind", "org", "name", "opened_on", "closed_on", "note"]
        widgets = {"opened_on": DateInput(), "closed_on": DateInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = SiteKind.objects.filter(is_active=True)
        if self.instance.kind_id:
            kinds = kinds | SiteKind.objects.filter(pk=self.instance.kind_id)
        self.fields["kind"].queryset = kinds.distinct()
        self.fields["org"].queryset = Organization.objects.filter(kind__in=LEVEL_KINDS)
        if not self.instance.pk:
            self.fields["org"].initial = user.org_id
        self.restrict_orgs(user)


class SiteFilterForm(ScopedFormMixin, forms.Form):
    kind = forms.ModelChoiceField(label=_("kind of site"), required=False,
                                  queryset=SiteKind.objects.all())
    org = forms.ModelChoiceField(label=_("organization and below"), required=False,
                                 queryset=Organization.objects.none())
    closed = forms.BooleanField(label=_("Include closed sites"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        depth = user.org.depth + 1 if user.org_id else 2
        self.fields["org"].queryset = Organization.objects.filter(
            kind__in=LEVEL_KINDS, depth__lte=depth)
        self.restrict_orgs(user)

    def filter(self, sites, today):
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("kind"):
            sites = sites.filter(kind=data["kind"])
        if data.get("org"):
            sites = sites.filter(subtree_q("org", data["org"]))
        if not data.get("closed"):
            sites = sites.open_on(today)
        return sites
