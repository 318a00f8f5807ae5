"""Forms of the activity log."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from federation.kernel.uploads import FileCheck, check_each
from orgs.activities.models import MAX_ATTACHMENTS, Activity, ActivityCategory
from orgs.forms import DateInput
from orgs.models import LEVEL_KINDS, Organization
from orgs.scoping import ScopedFormMixin, subtree_q

ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
#: Photos and the usual office documents, checked by their content (federation.kernel.uploads).
ATTACHMENT_KINDS = ("jpg", "png", "gif", "webp", "pdf", "doc", "docx", "xlsx", "pptx")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class ActivityForm(ScopedFormMixin, forms.ModelForm):
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
        self.fields["org"].queryset = Organization.objects.filter(
            Q(kind__in=LEVEL_KINDS) | Q(pk=user.org_id), is_active=True)
        self.restrict_orgs(user)
        self.fields["org"].initial = user.org_id
        self.fields["category"].queryset = ActivityCategory.objects.filter(is_active=True)

    def clean(self):
        """The log records activities that have taken place: none dated in the future."""
        cleaned = super().clean()
        today = timezone.localdate()
        for name in ("starts_on", "ends_on"):
            day = cleaned.get(name)
            if day and day > today:
                self.add_error(name, _("The activity log records activities that have taken "
                                       "place: the date cannot be after today (%(today)s).")
                               % {"today": today.isoformat()})
        return cleaned

    def clean_files(self):
        files = self.cleaned_data["files"]
        existing = self.instance.attachments.count() if self.instance.pk else 0
        if existing + len(files) > MAX_ATTACHMENTS:
            raise ValidationError(_("At most %(n)s files per activity.") % {
                "n": MAX_ATTACHMENTS})
        check = FileCheck(ATTACHMENT_KINDS, max_bytes=ATTACHMENT_MAX_BYTES)
        self.checked = check_each(check, files)
        return files


class ActivityFilterForm(ScopedFormMixin, forms.Form):
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
        self.fields["org"].queryset = Organization.objects.filter(
            kind__in=LEVEL_KINDS, depth__lte=depth)
        self.restrict_orgs(user)

    def filter(self, activities):
        data = self.cleaned_data if self.is_valid() else {}
        activities = activities.in_period(data.get("start"), data.get("end"))
        if data.get("category"):
            activities = activities.filter(category=data["category"])
        if data.get("org"):
            activities = activities.filter(subtree_q("org", data["org"]))
        return activities.search(data.get("q") or "")
