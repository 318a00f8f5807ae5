from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from orgs.models import Organization, OrgKind, Person, Position, Term
from orgs.scoping import ScopedFormMixin


class DateInput(forms.DateInput):
    input_type = "date"


class OrganizationForm(ScopedFormMixin, forms.ModelForm):
    parent = forms.ModelChoiceField(
        label=_("parent organization"), queryset=Organization.objects.all(), required=False)

    class Meta:
        model = Organization
        fields = [
            "code", "name", "kind", "address", "contact_person", "contact_phone", "founded_on",
            "dissolved_on", "is_active", "population", "female_population", "households",
            "venue", "venue_area", "has_womens_home", "has_womens_school", "has_rights_station",
            "has_marriage_guidance", "has_childrens_home",
        ]
        widgets = {"founded_on": DateInput(), "dissolved_on": DateInput()}

    def __init__(self, *args, user, parent: Organization | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if self.instance.pk:
            del self.fields["parent"]  # moving a subtree is done in the admin
            if self.instance.kind in (OrgKind.DISTRICT, OrgKind.STREET, OrgKind.COMMUNITY):
                self.fields["kind"].disabled = True
        else:
            self.restrict_orgs(user)
            self.fields["parent"].required = True
            self.fields["parent"].initial = parent
            kinds = [(k, label) for k, label in OrgKind.choices if k != OrgKind.DISTRICT]
            self.fields["kind"].choices = kinds

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk and cleaned.get("kind") and "parent" in cleaned:
            probe = Organization(kind=cleaned["kind"])
            try:
                probe.check_parent(cleaned.get("parent"))
            except ValidationError as exc:
                self.add_error("parent", exc)
        return cleaned

    def save(self, commit: bool = True) -> Organization:
        if self.instance.pk:
            return super().save(commit=commit)
        parent = self.cleaned_data["parent"]
        return Organization.objects.add_child(parent, instance=self.instance)


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["name", "gender", "birth_year", "ethnicity", "education", "phone",
                  "workplace", "political_status", "on_village_committee"]


class TermForm(forms.ModelForm):
    class Meta:
        model = Term
        fields = ["number", "election_date", "starts_on", "ends_on", "seats"]
        widgets = {"election_date": DateInput(), "starts_on": DateInput(),
                   "ends_on": DateInput()}

    def __init__(self, *args, org: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.org = org

    def validate_unique(self):
        super().validate_unique()
        if (Term.objects.filter(org=self.instance.org, number=self.cleaned_data.get("number"))
                .exclude(pk=self.instance.pk).exists()):
            self.add_error("number", _("This organization already has a term with this number."))


class PositionForm(forms.ModelForm):
    """Appoint someone: pick a person of this organization or enter a new one."""

    person = forms.ModelChoiceField(label=_("existing person"), queryset=Person.objects.none(),
                                    required=False)
    new_name = forms.CharField(label=_("or a new person's name"), max_length=60, required=False)

    field_order = ["person", "new_name", "post", "term", "joined", "started_on"]

    class Meta:
        model = Position
        fields = ["post", "term", "joined", "started_on"]
        widgets = {"started_on": DateInput()}

    def __init__(self, *args, org: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.org = org
        self.instance.org = org
        self.fields["person"].queryset = Person.objects.filter(org=org)
        self.fields["term"].queryset = Term.objects.filter(org=org)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("person") and not cleaned.get("new_name", "").strip():
            raise ValidationError(_("Choose a person or enter a new person's name."))
        return cleaned

    def save(self, commit: bool = True) -> Position:
        person = self.cleaned_data.get("person")
        if person is None:
            person = Person.objects.create(org=self.org, name=self.cleaned_data["new_name"].strip())
        self.instance.person = person
        return super().save(commit=commit)


class EndPositionForm(forms.Form):
    ended_on = forms.DateField(label=_("ended on"), widget=DateInput())
    end_reason = forms.CharField(label=_("reason for leaving"), max_length=200)

    def __init__(self, *args, position: Position, **kwargs):
        super().__init__(*args, **kwargs)
        self.position = position

    def clean_ended_on(self):
        ended_on = self.cleaned_data["ended_on"]
        if ended_on < self.position.started_on:
            raise ValidationError(_("A position cannot end before it starts."))
        return ended_on


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))
