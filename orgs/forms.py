from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from orgs.models import LEVEL_KINDS, Organization, OrgKind, Person, Position, Term
from orgs.scoping import ScopedFormMixin, subtree_q


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


# --- Registries of the organizations' own things by kind (teams, service sites) -------------


class KindAndOrgForm(ScopedFormMixin, forms.ModelForm):
    """A record with a `kind` (reference data in `kind_model`) and an organization in the
    user's scope: the active kinds (and the record's own), her organization by default."""

    kind_model: type

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = self.kind_model.objects.filter(is_active=True)
        if self.instance.kind_id:
            kinds = kinds | self.kind_model.objects.filter(pk=self.instance.kind_id)
        self.fields["kind"].queryset = kinds.distinct()
        self.fields["org"].queryset = Organization.objects.filter(kind__in=LEVEL_KINDS)
        if not self.instance.pk:
            self.fields["org"].initial = user.org_id
        self.restrict_orgs(user)


class KindFilterForm(ScopedFormMixin, forms.Form):
    """A registry list's filter: by kind, by organization and below (down to one level under
    the user's), and the ended records (disbanded, closed) only when asked. Subclasses declare
    the `kind` field and the boolean field named by `ended_field`, and `current()`."""

    ended_field = "ended"

    org = forms.ModelChoiceField(label=_("organization and below"), required=False,
                                 queryset=Organization.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        depth = user.org.depth + 1 if user.org_id else 2
        self.fields["org"].queryset = Organization.objects.filter(
            kind__in=LEVEL_KINDS, depth__lte=depth)
        self.restrict_orgs(user)

    def current(self, records, today):
        raise NotImplementedError

    def filter(self, records, today):
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("kind"):
            records = records.filter(kind=data["kind"])
        if data.get("org"):
            records = records.filter(subtree_q("org", data["org"]))
        if not data.get(self.ended_field):
            records = self.current(records, today)
        return records
