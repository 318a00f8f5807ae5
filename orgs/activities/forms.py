"""Forms of the activity log."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from federation.kernel.models import LineOfWork
from federation.kernel.uploads import FileCheck, check_each
from orgs.activities.models import (
    MAX_ATTACHMENTS,
    Activity,
    ActivityCategory,
    Campaign,
    Donation,
)
from orgs.forms import DateInput
from orgs.models import LEVEL_KINDS, Organization
from orgs.scoping import ScopedFormMixin, subtree_q
from orgs.teams.models import Team

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
        fields = ["org", "category", "campaign", "team", "title", "starts_on", "ends_on", "place",
                  "women", "children", "participants", "households", "materials",
                  "cash_donations", "partners", "description"]
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
        # The campaigns that apply to her (her organization's, those above it, her subtree's)
        # and still run; the one already chosen stays offered.
        year = timezone.localdate().year
        running = Campaign.objects.visible_to(user).filter(
            Q(last_year__isnull=True) | Q(last_year__gte=year - 1))
        if self.instance.campaign_id:
            running = running | Campaign.objects.filter(pk=self.instance.campaign_id)
        self.fields["campaign"].queryset = running.distinct()
        teams = Team.objects.visible_to(user).standing_on(timezone.localdate())
        if self.instance.team_id:
            teams = teams | Team.objects.filter(pk=self.instance.team_id)
        self.fields["team"].queryset = teams.distinct().select_related("kind")
        self.fields["campaign"].help_text = _(
            "A campaign (品牌活动) of the organization or of one above it, running in the "
            "activity's year.")

    def clean(self):
        """The log records activities that have taken place: none dated in the future."""
        cleaned = super().clean()
        campaign, org, day = (cleaned.get("campaign"), cleaned.get("org"),
                              cleaned.get("starts_on"))
        if campaign and org and not campaign.applies_to(org):
            self.add_error("campaign", _("This campaign belongs to %(owner)s: it does not "
                                         "apply to %(org)s.") % {"owner": campaign.org.name,
                                                                  "org": org.name})
        elif campaign and day and not campaign.runs_in(day.year):
            self.add_error("campaign", _("This campaign does not run in %(year)s.")
                           % {"year": day.year})
        team = cleaned.get("team")
        if team and org and not team.serves(org):
            self.add_error("team", _("%(team)s belongs to %(owner)s: it cannot run an activity "
                                     "of %(org)s.") % {"team": team.name,
                                                       "owner": team.org.name, "org": org.name})
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


class DonationForm(forms.ModelForm):
    class Meta:
        model = Donation
        fields = ["description", "quantity", "value", "donor_kind"]


#: The donations in kind of an activity, edited on the activity's form.
DonationFormSet = forms.inlineformset_factory(
    Activity, Donation, form=DonationForm, extra=2, max_num=30, validate_max=True,
    can_delete=True)


def donation_formset(request, activity: Activity | None):
    """The formset bound to the POST when the page sent it (a form posted without it, such
    as an older client's, leaves the donations as they are: None)."""
    prefix = DonationFormSet.get_default_prefix()
    if request.method == "POST":
        if f"{prefix}-TOTAL_FORMS" not in request.POST:
            return None
        return DonationFormSet(request.POST, instance=activity or Activity(), prefix=prefix)
    return DonationFormSet(instance=activity or Activity(), prefix=prefix)


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


class CampaignForm(ScopedFormMixin, forms.ModelForm):
    class Meta:
        model = Campaign
        fields = ["name", "line", "org", "first_year", "last_year", "phrase", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = Organization.objects.filter(kind__in=LEVEL_KINDS)
        self.fields["line"].queryset = LineOfWork.objects.filter(is_active=True)
        for name in ("first_year", "last_year"):
            self.fields[name].min_value = 2000
            self.fields[name].max_value = 2100
            self.fields[name].validators += [MinValueValidator(2000), MaxValueValidator(2100)]
        if not self.instance.pk:
            self.fields["org"].initial = user.org_id
            self.fields["first_year"].initial = timezone.localdate().year
        self.restrict_orgs(user)

    def clean_phrase(self):
        """The phrase may name {activities} and {people}, nothing else."""
        phrase = self.cleaned_data["phrase"]
        unknown = set(re.findall(r"\{(\w*)\}", phrase)) - {"activities", "people"}
        if unknown or phrase.count("{") != phrase.count("}"):
            raise ValidationError(_("The phrase may use only {activities} and {people} as "
                                    "placeholders."))
        return phrase


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)

    def chosen_year(self) -> int:
        if self.is_valid() and self.cleaned_data.get("year"):
            return self.cleaned_data["year"]
        return timezone.localdate().year
