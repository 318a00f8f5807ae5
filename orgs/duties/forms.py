"""Forms of executive members' duties. The duty form is made for a phone: few fields, the
date is today unless changed, the kind as big buttons, an optional photo."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from federation.kernel.privacy import normalise
from federation.kernel.uploads import PHOTOS, FileCheck
from orgs.activities.models import Activity
from orgs.duties.models import Duty, DutyKind
from orgs.forms import DateInput
from orgs.models import Organization, OrgKind, User
from orgs.scoping import scope_root

PHOTO_MAX_BYTES = 10 * 1024 * 1024
ACTIVITY_DAYS = 60  # the activities offered to link: her committee's recent ones


class KindRadio(forms.RadioSelect):
    template_name = "orgs/duties/_kind_radio.html"


class DutyForm(forms.ModelForm):
    class Meta:
        model = Duty
        fields = ["person", "kind", "done_on", "women_reached", "place", "text", "activity",
                  "photo"]
        widgets = {"done_on": DateInput(format="%Y-%m-%d"), "kind": KindRadio(),
                   "women_reached": forms.NumberInput(attrs={"inputmode": "numeric",
                                                             "min": 0}),
                   "text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, people, person=None, org=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = DutyKind.objects.active()
        self.fields["kind"].empty_label = None
        self.fields["person"].queryset = people
        self.fields["person"].label = _("executive member")
        if person is not None:  # herself, or the member whose page the chair came from
            self.fields["person"].initial = person.pk
            self.fields["person"].widget = forms.HiddenInput()
        today = timezone.localdate()
        self.fields["done_on"].initial = today
        self.fields["done_on"].widget.attrs["max"] = today.isoformat()
        self.fields["women_reached"].required = False
        activities = Activity.objects.none()
        if org is not None:
            activities = Activity.objects.filter(
                org=org, starts_on__gte=today - datetime.timedelta(days=ACTIVITY_DAYS),
                starts_on__lte=today).only("pk", "title", "starts_on")
        self.fields["activity"].queryset = activities
        self.fields["activity"].help_text = _("When this was one of the activities logged.")
        self.fields["photo"].help_text = _("Optional: a photo (JPG, PNG or WebP, up to 10 MB).")
        self.photo_type = ""

    def clean_women_reached(self):
        return self.cleaned_data.get("women_reached") or 0

    def clean_done_on(self):
        value = self.cleaned_data["done_on"]
        if value > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."))
        if value.year < timezone.localdate().year - 1:
            raise ValidationError(_("Record duties of this year or last year only."))
        return value

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and hasattr(photo, "content_type"):  # a new upload
            self.photo_type = FileCheck(PHOTOS, max_bytes=PHOTO_MAX_BYTES).check(photo)
        return photo


class ForwardForm(forms.Form):
    subject = forms.CharField(
        label=_("subject"), max_length=120,
        help_text=_("A short title without names, e.g. “the estate has no childcare place”."))
    detail = forms.CharField(label=_("what the women need"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}))
    woman_name = forms.CharField(label=_("woman concerned"), max_length=60, required=False,
                                 help_text=_("Optional; kept encrypted and shown masked."))
    woman_phone = forms.CharField(label=_("her phone"), max_length=30, required=False,
                                  widget=forms.TextInput(attrs={"inputmode": "tel"}))

    def clean_woman_phone(self) -> str:
        value = normalise(self.cleaned_data["woman_phone"])
        if value and not value.isdigit():
            raise ValidationError(_("A phone number has digits only."))
        return value


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("answer"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 4}),
                             help_text=_("The member sees this answer."))


class RevealForm(forms.Form):
    reason = forms.CharField(label=_("reason for showing the data in full"), min_length=4,
                             max_length=200)


class PeriodForm(forms.Form):
    """The year and the part of the tree a review or list covers."""

    year = forms.TypedChoiceField(label=_("year"), coerce=int, required=False)
    org = forms.ModelChoiceField(label=_("organization and below"), required=False,
                                 queryset=Organization.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year"].choices = [(y, y) for y in range(this_year, this_year - 5, -1)]
        depth = user.org.depth + 1 if user.org_id else 2
        self.fields["org"].queryset = Organization.objects.visible_to(user).filter(
            kind__in=(OrgKind.DISTRICT, OrgKind.STREET, OrgKind.COMMUNITY),
            depth__lte=depth).only("pk", "name")
        self.user = user

    def period(self) -> tuple[int, Organization | None]:
        data = self.cleaned_data if self.is_valid() else {}
        year = data.get("year") or timezone.localdate().year
        return year, data.get("org") or scope_root(self.user)


class MemberAccountForm(forms.ModelForm):
    """A login of her own for an executive member: she records her duties herself."""

    class Meta:
        model = User
        fields = ["username", "email", "phone"]
        help_texts = {"email": _("Her quarterly reminders go here.")}
