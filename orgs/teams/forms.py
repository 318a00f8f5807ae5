"""Forms of the teams and rosters."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from orgs.forms import DateInput, KindAndOrgForm, KindFilterForm
from orgs.teams.models import Team, TeamKind


class TeamForm(KindAndOrgForm):
    kind_model = TeamKind

    class Meta:
        model = Team
        fields = ["kind", "org", "name", "leader_name", "members", "formed_on",
                  "disbanded_on", "description"]
        widgets = {"formed_on": DateInput(), "disbanded_on": DateInput(),
                   "description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"leader_name": _("Only the leader's name: members are counted, not "
                                       "named.")}


class TeamFilterForm(KindFilterForm):
    kind = forms.ModelChoiceField(label=_("kind of team"), required=False,
                                  queryset=TeamKind.objects.all())
    disbanded = forms.BooleanField(label=_("Include disbanded teams"), required=False)
    ended_field = "disbanded"
    field_order = ["kind", "org", "disbanded"]

    def current(self, teams, today):
        return teams.standing_on(today)
