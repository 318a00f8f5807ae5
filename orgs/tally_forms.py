"""Forms of the activity log and the monthly tally."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from federation.uploads import FileCheck, check_each
from orgs.activity_models import MAX_ATTACHMENTS, Activity, ActivityCategory
from orgs.forms import DateInput
from orgs.models import LEVEL_KINDS, Organization
from orgs.tallies import TallySheet, check_value

ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
#: Photos and the usual office documents, checked by their content (federation.uploads).
ATTACHMENT_KINDS = ("jpg", "png", "gif", "webp", "pdf", "doc", "docx", "xlsx", "pptx")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class ActivityForm(forms.ModelForm):
    files = MultipleFileField(label=_("Photos and documents"), required=False,
                              help_text=_("Up to 10 files, 10 MB each: photos, PDF, Word, "
                                          "Excel, PowerPoint."))

    class Meta:
        model = Activity
        fields = ["org", "category", "title", "starts_on", "ends_on", "place", "women",
                  "children", "participants", "partners", "description"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput(),
                   "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # The federations of the three levels log activities (plus the user's own unit).
        self.fields["org"].queryset = Organization.objects.visible_to(user).filter(
            Q(kind__in=LEVEL_KINDS) | Q(pk=user.org_id), is_active=True).only("pk", "name")
        self.fields["org"].initial = user.org_id
        self.fields["category"].queryset = ActivityCategory.objects.filter(is_active=True)

    def clean_files(self):
        files = self.cleaned_data["files"]
        existing = self.instance.attachments.count() if self.instance.pk else 0
        if existing + len(files) > MAX_ATTACHMENTS:
            raise ValidationError(_("At most %(n)s files per activity.") % {
                "n": MAX_ATTACHMENTS})
        check = FileCheck(ATTACHMENT_KINDS, max_bytes=ATTACHMENT_MAX_BYTES)
        self.checked = check_each(check, files)
        return files


class ActivityFilterForm(forms.Form):
    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("To"), required=False, widget=DateInput())
    category = forms.ModelChoiceField(label=_("category"), required=False,
                                      queryset=ActivityCategory.objects.all())
    org = forms.ModelChoiceField(label=_("organization and below"), required=False,
                                 queryset=Organization.objects.none())
    q = forms.CharField(label=_("Search"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        depth = user.org.depth + 1 if user.org_id else 2  # her level and the next
        self.fields["org"].queryset = Organization.objects.visible_to(user).filter(
            kind__in=LEVEL_KINDS, depth__lte=depth).only("pk", "name")

    def filter(self, activities):
        data = self.cleaned_data if self.is_valid() else {}
        activities = activities.in_period(data.get("start"), data.get("end"))
        if data.get("category"):
            activities = activities.filter(category=data["category"])
        if data.get("org"):
            activities = activities.filter(org__path__startswith=data["org"].path)
        return activities.search(data.get("q") or "")


def parse_number(text: str) -> Decimal | None:
    """A value as typed: blank is empty (None), never 0. Raises ValueError if not a number."""
    text = (text or "").strip().replace(",", "").replace("，", "")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite():
        raise ValueError(text)
    return value


class TallyForm(forms.Form):
    """One field per active indicator, plus a hidden version for optimistic locking. Empty
    fields stay empty; a value 3x last year needs its `confirm_<id>` box ticked."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, sheet: TallySheet, submitting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.sheet, self.submitting = sheet, submitting
        self.fields["version"].initial = sheet.tally.version
        for row in sheet.rows:
            ind = row.indicator
            self.fields[f"v{ind.pk}"] = forms.CharField(
                label=f"{ind.name}（{ind.unit}）", required=False,
                initial="" if row.value is None else _plain(row.value),
                widget=forms.TextInput(attrs={
                    "inputmode": "decimal" if ind.is_amount else "numeric",
                    "autocomplete": "off", "class": "form-control text-end"}))
            self.fields[f"confirm{ind.pk}"] = forms.BooleanField(
                required=False, initial=row.flagged, label=_("confirm"))

    def clean(self):
        data = super().clean()
        self.values, self.flags = {}, {}
        for row in self.sheet.rows:
            ind = row.indicator
            try:
                value = parse_number(data.get(f"v{ind.pk}", ""))
            except ValueError:
                self.add_error(f"v{ind.pk}", _("Enter a number."))
                continue
            message, flagged = check_value(ind, value, row.last_year,
                                           bool(data.get(f"confirm{ind.pk}")), self.submitting)
            if message:
                self.add_error(f"v{ind.pk}", message)
            self.values[ind.pk], self.flags[ind.pk] = value, flagged
        return data

    def rows(self):
        """(row, value field, confirm field) for the template."""
        return [(row, self[f"v{row.indicator.pk}"], self[f"confirm{row.indicator.pk}"])
                for row in self.sheet.rows]


def _plain(value: Decimal) -> str:
    return f"{value.normalize():f}" if value == value.to_integral() else f"{value:.2f}"


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("Reason for returning"), max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 3}))


class UnlockForm(forms.Form):
    reason = forms.CharField(label=_("Reason for unlocking"), max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 3}))


class TallyUploadForm(forms.Form):
    file = forms.FileField(label=_("Filled-in .xlsx file"))
    submit = forms.BooleanField(label=_("Submit the tallies after saving"), required=False)


def parse_month(text: str, default: datetime.date) -> datetime.date:
    try:
        year, month = (int(part) for part in (text or "").split("-")[:2])
        return datetime.date(year, month, 1)
    except (ValueError, TypeError):
        return default
