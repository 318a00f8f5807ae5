"""Forms of the monthly tally."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from orgs.tallies.services import TallySheet, check_value


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
                label=f"{ind.name}{ind.unit_bracketed}", required=False,
                initial="" if row.value is None else _plain(row.value),
                widget=forms.TextInput(attrs={
                    "inputmode": "decimal" if ind.is_amount else "numeric",
                    "autocomplete": "off", "class": "form-control text-end"}))
            self.fields[f"confirm{ind.pk}"] = forms.BooleanField(
                required=False, initial=row.flagged, label=_("confirm"),
                widget=forms.CheckboxInput(attrs={"class": "btn-check"}))

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

    def focus_first_error(self) -> None:
        """The page opens on the first field that needs attention (autofocus scrolls to it):
        on a phone the banner is far from the field halfway down the list."""
        for row in self.sheet.rows:
            name = f"v{row.indicator.pk}"
            if name in self.errors:
                self.fields[name].widget.attrs["autofocus"] = True
                return

    def needs_confirming(self) -> list:
        """(row, value field) of each value refused only until it is confirmed."""
        return [(row, field) for row, field, confirm in self.rows() if field.errors]

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
