"""Forms of the teams and rosters."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from orgs.forms import DateInput
from orgs.models import LEVEL_KINDS, Organization
from orgs.scoping import ScopedFormMixin, subtree_q
from orgs.teams.models import Team, TeamKind


class TeamForm(ScopedFormMixin, forms.ModelForm):
    class Meta:
        model = Team
        fields = ["kind", "org", "name", "leader_name", "members", "formed_on",
                  "disbanded_on", "description"]
        widgets = {"formed_on": DateInput(), "disbanded_on": DateInput(),
                   "description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"leader_name": _("Only the leader's name: members are counted, not "
                                       "named.")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = TeamKind.objects.filter(is_active=True)
        if self.instance.kind_id:
            kinds = kinds | TeamKind.objects.filter(pk=self.instance.kind_id)
        self.fields["kind"].queryset = kinds.distinct()
        self.fields["org"].queryset = Organization.objects.filter(kind__in=LEVEL_KINDS)
        if not self.instance.pk:
            self.fields["org"].initial = user.org_id
        self.restrict_orgs(user)


class TeamFilterForm(ScopedFormMixin, forms.Form):
    kind = forms.ModelChoiceField(label=_("kind of team"), required=False,
                                  queryset=TeamKind.objects.all())
    org = forms.ModelChoiceField(label=_("organization and below"), required=False,
                                 queryset=Organization.objects.none())
    disbanded = forms.BooleanField(label=_("Include disbanded teams"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        depth = user.org.depth + 1 if user.org_id else 2
        self.fields["org"].queryset = Organization.objects.filter(
            kind__in=LEVEL_KINDS, depth__lte=depth)
        self.restrict_orgs(user)

    def filter(self, teams, today):
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("kind"):
            teams = teams.filter(kind=data["kind"])
        if data.get("org"):
            teams = teams.filter(subtree_q("org", data["org"]))
        if not data.get("disbanded"):
            teams = teams.standing_on(today)
        return teams
