"""Forms of the rights app. Validation messages are translatable; nothing personal is echoed
into URLs (every form posts)."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from federation.kernel.privacy import (
    birth_date_from_id,
    lookup_hash,
    normalise,
    validate_resident_id,
)
from orgs.models import LEVEL_KINDS, Gender, Organization, OrgKind
from orgs.scoping import ScopedFormMixin
from rights.models import (
    ActionType,
    Assistance,
    AssistanceKind,
    Case,
    CaseAction,
    Category,
    Channel,
    ColourLevel,
    FundSource,
    Household,
    Mediation,
    MediationSession,
    Outcome,
    Risk,
    RiskFactor,
    Screening,
)
from rights.models.assistance import ID_HASH_KIND

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def category_choices():
    """Sub-categories grouped under their category; categories without children stand alone."""
    rows = list(Category.objects.active().select_related("parent"))
    groups: dict[int, list] = {}
    for row in rows:
        if row.parent_id:
            groups.setdefault(row.parent_id, []).append((row.pk, row.name))
    choices: list = [("", "---------")]
    for row in rows:
        if row.parent_id is None:
            if row.pk in groups:
                choices.append((row.name, groups[row.pk]))
            else:
                choices.append((row.pk, row.name))
    return choices


class CategoryField(forms.ModelChoiceField):
    """A sub-category (or a category without any), offered grouped under its category."""

    def __init__(self, **kwargs):
        leaves = Category.objects.active().filter(children__isnull=True)
        super().__init__(queryset=leaves, label=_("category"), **kwargs)

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result.choices = category_choices()
        return result


class ConsentMixin:
    def clean_consent(self, data: dict, age: int | None) -> None:
        if data.get("consent_to_share"):
            if not data.get("consent_on"):
                self.add_error("consent_on", _("Give the date of the consent."))
            if age is not None and age < 14 and not data.get("guardian_name"):
                self.add_error("guardian_name", _("A child under 14 needs her guardian's "
                                                  "consent: name the guardian."))


class IntakeForm(ScopedFormMixin, ConsentMixin, forms.Form):
    channel = forms.ModelChoiceField(Channel.objects.active(), label=_("channel"))
    received_on = forms.DateField(label=_("received on"), initial=timezone.localdate,
                                  widget=DATE)
    risk = forms.TypedChoiceField(label=_("risk level"), choices=Risk.choices, coerce=int,
                                  initial=Risk.LOW)
    name = forms.CharField(label=_("complainant's name"), max_length=60)
    gender = forms.ChoiceField(label=_("gender"), choices=Gender.choices,
                               initial=Gender.FEMALE)
    id_number = forms.CharField(label=_("resident ID number"), max_length=20, required=False)
    birth_date = forms.DateField(label=_("birth date"), required=False, widget=DATE,
                                 help_text=_("Or the age; neither is needed with an ID number."))
    age = forms.IntegerField(label=_("age"), min_value=0, max_value=120, required=False)
    phone = forms.CharField(label=_("phone"), max_length=30, required=False)
    address = forms.CharField(label=_("address"), max_length=200, required=False)
    org = forms.ModelChoiceField(Organization.objects.none(), label=_("community"))
    category = CategoryField()
    other_party = forms.CharField(label=_("other party"), max_length=120, required=False)
    relation = forms.CharField(label=_("relation to the other party"), max_length=30,
                               required=False)
    children_involved = forms.IntegerField(label=_("children involved"), min_value=0,
                                           max_value=20, initial=0)
    summary = forms.CharField(label=_("summary"), widget=forms.Textarea(attrs={"rows": 3}))
    #: Asked, not a box left unticked: a referral to the police, a court or legal aid needs it.
    consent_to_share = forms.TypedChoiceField(
        label=_("Does she consent to her case being shared with other agencies?"),
        choices=[("yes", _("Yes")), ("no", _("No"))], coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text=_("Needed to refer the case to the police, a court, legal aid or another "
                    "agency."),
        error_messages={"required": _("Ask her whether she consents to sharing, and record "
                                      "the answer.")})
    consent_on = forms.DateField(label=_("consent date"), required=False, widget=DATE)
    guardian_name = forms.CharField(label=_("guardian who consented"), max_length=60,
                                    required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = Organization.objects.visible_to(user).filter(
            kind__in=(OrgKind.COMMUNITY, OrgKind.STREET))
        self.fields["org"].queryset = orgs
        self.restrict_orgs(user)
        if user.org and user.org.kind == OrgKind.COMMUNITY:  # a chair registers for her own
            self.fields["org"].initial = user.org_id
        self.fields["consent_on"].initial = timezone.localdate

    def clean_id_number(self) -> str:
        value = normalise(self.cleaned_data["id_number"])
        if value:
            validate_resident_id(value)
        return value

    def clean_phone(self) -> str:
        value = normalise(self.cleaned_data["phone"])
        if value and not value.isdigit():
            raise ValidationError(_("A phone number has digits only."))
        return value

    def clean(self):
        data = super().clean()
        birth = birth_date_from_id(data["id_number"]) if data.get("id_number") else None
        birth = birth or data.get("birth_date")
        received = data.get("received_on") or timezone.localdate()
        if birth and birth > received:
            self.add_error("birth_date", _("The birth date is after the date received."))
            birth = None
        if birth:
            data["age"] = received.year - birth.year - (
                (received.month, received.day) < (birth.month, birth.day))
        if data.get("received_on") and data["received_on"] > timezone.localdate():
            self.add_error("received_on", _("The date cannot be in the future."))
        if not data.get("id_number") and not data.get("phone"):
            self.add_error("phone", _("Give a phone number or an ID number so that the "
                                      "complainant can be reached and recognised."))
        self.clean_consent(data, data.get("age"))
        return data

    def split(self) -> tuple[dict, dict]:
        d = self.cleaned_data
        birth_year = None
        if d["id_number"]:
            birth_year = birth_date_from_id(d["id_number"]).year
        elif d.get("birth_date"):
            birth_year = d["birth_date"].year
        elif d.get("age") is not None:
            birth_year = d["received_on"].year - d["age"]
        complainant = {"name": d["name"], "gender": d["gender"], "id_number": d["id_number"],
                       "phone": d["phone"], "address": d["address"], "org": d["org"],
                       "birth_year": birth_year}
        case = {key: d[key] for key in (
            "channel", "received_on", "risk", "org", "category", "other_party", "relation",
            "children_involved", "summary", "consent_to_share", "guardian_name")}
        case["consent_on"] = d["consent_on"] if d["consent_to_share"] else None
        case["complainant_age"] = d.get("age")
        return complainant, case


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class CaseForm(ConsentMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    category = CategoryField()

    class Meta:
        model = Case
        fields = ["channel", "received_on", "category", "risk", "other_party", "relation",
                  "children_involved", "summary", "consent_to_share", "consent_on",
                  "guardian_name"]
        widgets = {"received_on": DATE, "consent_on": DATE,
                   "summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        for name in self._meta.fields:  # what the editor started from, for conflict reports
            self.fields[name].show_hidden_initial = True
        if not self.instance.consent_on:  # ticking the consent box finds today's date there
            self.initial["consent_on"] = timezone.localdate()
            self.fields["consent_on"].show_hidden_initial = False

    def clean(self):
        data = super().clean()
        self.clean_consent(data, self.instance.complainant_age)
        return data

    def original_values(self) -> dict:
        values = {}
        for name in self._meta.fields:
            field = self.fields[name]
            raw = field.hidden_widget().value_from_datadict(
                self.data, self.files, self.add_initial_prefix(name))
            try:
                values[name] = field.to_python(raw)
            except ValidationError:
                continue
            if values[name] == "" and Case._meta.get_field(name).null:
                values[name] = None
        return values


class AssignForm(VersionForm):
    handler = forms.ModelChoiceField(queryset=None, label=_("handler"))

    def __init__(self, *args, handlers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = handlers


class ActionForm(forms.ModelForm):
    """An action on a case. A referral needs the complainant's consent to share: when the case
    has none, the form says so up front and can record it now (`consent_now`)."""

    consent_now = forms.BooleanField(
        label=_("She consents now to sharing her case with the agency"), required=False,
        help_text=_("Recorded on the case with the date below."))
    consent_now_on = forms.DateField(label=_("consent date"), required=False, widget=DATE,
                                     initial=timezone.localdate)

    class Meta:
        model = CaseAction
        fields = ["type", "on", "notes", "next_step", "due_on", "agency", "feedback_due_on",
                  "override_reason"]
        widgets = {"on": DATE, "due_on": DATE, "feedback_due_on": DATE,
                   "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, case: Case, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.case, self.user = case, user
        self.fields["type"].queryset = ActionType.objects.active()
        if not user.is_district_admin:
            del self.fields["override_reason"]
        if case.consent_to_share:
            del self.fields["consent_now"], self.fields["consent_now_on"]

    def clean_consent_now(self):
        consent = self.cleaned_data["consent_now"]
        age = self.case.complainant_age
        if consent and age is not None and age < 14:
            raise ValidationError(_("A child under 14 needs her guardian's consent: record it "
                                    "on the case's edit page with the guardian's name."))
        return consent

    def clean(self):
        from rights.services import check_referral

        data = super().clean()
        on = data.get("on")
        if on and on > timezone.localdate():
            self.add_error("on", _("The date cannot be in the future."))
        elif on and on < self.case.received_on:
            self.add_error("on", _("The date is before the case was received."))
        if on and data.get("due_on") and data["due_on"] < on:
            self.add_error("due_on", _("The due date is before the action."))
        kind = data.get("type")
        if kind and kind.is_referral:
            if not data.get("agency"):
                self.add_error("agency", _("Name the agency the case is referred to."))
            if not data.get("feedback_due_on"):
                data["feedback_due_on"] = (data.get("on") or timezone.localdate()) + \
                    datetime.timedelta(days=15)
            if data.get("consent_now"):
                on = data.get("consent_now_on")
                if not on:
                    self.add_error("consent_now_on", _("Give the date of the consent."))
                elif on > timezone.localdate():
                    self.add_error("consent_now_on", _("The date cannot be in the future."))
            else:
                try:
                    check_referral(self.case, self.user, data.get("override_reason", ""))
                except ValidationError as error:
                    self.add_error(None, error)
        elif kind:
            data["feedback_due_on"] = None
        return data


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = CaseAction
        fields = ["feedback_on", "feedback"]
        widgets = {"feedback_on": DATE, "feedback": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["feedback_on"].required = True
        self.fields["feedback_on"].initial = timezone.localdate

    def clean_feedback_on(self):
        answered = self.cleaned_data["feedback_on"]
        if answered > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."))
        if answered < self.instance.on:
            raise ValidationError(_("The answer cannot come before the referral."))
        return answered


class CloseForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Case
        fields = ["outcome", "closed_on", "outcome_note"]
        widgets = {"closed_on": DATE, "outcome_note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].required = True
        self.fields["outcome"].queryset = Outcome.objects.active()
        self.fields["closed_on"].required = True
        self.fields["closed_on"].initial = timezone.localdate
        self.fields["version"].initial = self.instance.version

    def clean(self):
        data = super().clean()
        outcome, closed = data.get("outcome"), data.get("closed_on")
        if outcome and not outcome.accepted and not data.get("outcome_note"):
            self.add_error("outcome_note", _("Give the reason for not accepting the case."))
        if closed and closed < self.instance.received_on:
            self.add_error("closed_on", _("A case cannot close before it was received."))
        if closed and closed > timezone.localdate():
            self.add_error("closed_on", _("The date cannot be in the future."))
        return data


class FollowUpForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Case
        fields = ["followed_up_on", "satisfaction"]
        widgets = {"followed_up_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["followed_up_on"].required = True
        self.fields["satisfaction"].required = True
        self.fields["followed_up_on"].initial = timezone.localdate
        self.fields["version"].initial = self.instance.version


class UnmaskForm(forms.Form):
    reason = forms.CharField(label=_("reason for showing the data in full"), min_length=4,
                             max_length=200)


class MediationForm(forms.ModelForm):
    class Meta:
        model = Mediation
        fields = ["started_on", "parties", "mediators", "agreement_reached", "agreement",
                  "concluded_on"]
        widgets = {"started_on": DATE, "concluded_on": DATE,
                   "parties": forms.Textarea(attrs={"rows": 2}),
                   "agreement": forms.Textarea(attrs={"rows": 3}),
                   "agreement_reached": forms.NullBooleanSelect}

    def clean(self):
        data = super().clean()
        if data.get("agreement_reached") is not None and not data.get("concluded_on"):
            self.add_error("concluded_on", _("Give the date the mediation concluded."))
        started, concluded = data.get("started_on"), data.get("concluded_on")
        if started and concluded and concluded < started:
            self.add_error("concluded_on", _("The mediation cannot end before it began."))
        return data


class SessionForm(forms.ModelForm):
    class Meta:
        model = MediationSession
        fields = ["held_on", "mediators", "notes"]
        widgets = {"held_on": DATE, "notes": forms.Textarea(attrs={"rows": 3})}


class HouseholdForm(ScopedFormMixin, forms.ModelForm):
    class Meta:
        model = Household
        fields = ["org", "head_name", "phone", "address", "factors", "colour",
                  "warning_letters", "measures", "responsible", "next_visit_on", "status"]
        widgets = {"next_visit_on": DATE, "factors": forms.CheckboxSelectMultiple,
                   "measures": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = Organization.objects.filter(kind=OrgKind.COMMUNITY)
        self.restrict_orgs(user)
        self.fields["factors"].queryset = RiskFactor.objects.active()
        self.fields["colour"].queryset = ColourLevel.objects.active()
        self.fields["head_name"].required = True


class ScreeningForm(forms.ModelForm):
    class Meta:
        model = Screening
        fields = ["month", "colour", "factors", "notes"]
        widgets = {"month": forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
                   "factors": forms.CheckboxSelectMultiple,
                   "notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, household: Household, **kwargs):
        super().__init__(*args, **kwargs)
        self.household = household
        self.fields["month"].input_formats = ["%Y-%m", "%Y-%m-%d"]
        self.fields["factors"].queryset = RiskFactor.objects.active()
        self.fields["colour"].queryset = ColourLevel.objects.active()

    def clean_month(self):
        month = self.cleaned_data["month"].replace(day=1)
        if month > timezone.localdate():
            raise ValidationError(_("This month has not begun yet."))
        if Screening.objects.filter(household=self.household, month=month).exists():
            raise ValidationError(_("This month's screening is already recorded."))
        return month


class AssistanceForm(forms.ModelForm):
    """A record of help given to a woman. On an existing record the woman's identifiers and
    the note are never put back into the form (that would show them unmasked without a
    reason): left empty, they keep their value."""

    KEPT = ("name", "id_number", "phone", "address", "note")

    class Meta:
        model = Assistance
        fields = ["name", "id_number", "phone", "address", "kind", "given_on", "amount",
                  "goods", "goods_value", "fund_source", "org", "note"]
        widgets = {"given_on": DATE, "note": forms.Textarea({"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = AssistanceKind.objects.active()
        self.fields["fund_source"].queryset = FundSource.objects.active()
        orgs = self.fields["org"]
        orgs.queryset = (Organization.objects.visible_to(user).filter(kind__in=LEVEL_KINDS)
                         .only("pk", "name", "path", "depth").order_by("path"))
        if not self.instance.pk:
            orgs.initial = user.org_id
            self.fields["given_on"].initial = timezone.localdate()
        self.fields["name"].required = self.fields["id_number"].required = not self.instance.pk
        if self.instance.pk:
            masked = self.instance.masked()
            for name in self.KEPT:
                self.initial[name] = ""
                shown = masked.get(name) or ("***" if getattr(self.instance, name) else "—")
                self.fields[name].help_text = _("Now: %(value)s. Leave empty to keep it.") % {
                    "value": shown}

    def clean_id_number(self):
        value = normalise(self.cleaned_data.get("id_number") or "")
        if value:
            validate_resident_id(value)
        return value

    def clean_given_on(self):
        day = self.cleaned_data["given_on"]
        today = timezone.localdate()
        if day > today:
            raise ValidationError(_("Help cannot be recorded as given in the future."))
        if day.year < today.year - 5:
            raise ValidationError(_("Records older than five years are not kept."))
        return day

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:  # empty personal fields keep their values
            for name in self.KEPT:
                if not cleaned.get(name):
                    cleaned[name] = getattr(self.instance, name)
                    setattr(self.instance, name, cleaned[name])
        amount, goods, value = (cleaned.get("amount"), cleaned.get("goods"),
                                cleaned.get("goods_value"))
        if not amount and not goods and "amount" not in self.errors:
            self.add_error("amount", _("Give the amount of money, or the goods given."))
        if value and not goods:
            self.add_error("goods", _("Say which goods this value is for."))
        id_number, kind, day = cleaned.get("id_number"), cleaned.get("kind"), cleaned.get(
            "given_on")
        if id_number and kind and day:
            same = Assistance.objects.filter(id_hash=lookup_hash(id_number, ID_HASH_KIND),
                                             kind=kind, given_on=day)
            if same.exclude(pk=self.instance.pk).exists():
                raise ValidationError(_("This woman's help of this kind on this day is already "
                                        "recorded."))
        return cleaned
