from __future__ import annotations

from decimal import Decimal

from django import forms
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from families.models import (
    MIN_NOTICE_DAYS,
    CourtyardCategory,
    Criterion,
    Finding,
    Honour,
    HonourLevel,
    HonourType,
    Household,
    InspectionRound,
    Recipient,
    RoundKind,
    ScoreSheet,
    Subject,
)
from families.models.reference import Workflow
from families.photos import PHOTO_CHECK
from federation.kernel.uploads import check_each
from orgs.models import Organization, OrgKind, Person, Position
from orgs.scoping import ScopedFormMixin, get_visible_or_404, lineage_q


class DateInput(forms.DateInput):
    input_type = "date"


class MultiFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several photos at once, each checked for type and size."""

    widget = MultiFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if len(files) > 10:
            raise forms.ValidationError(_("Upload at most 10 photos at a time."))
        check_each(PHOTO_CHECK, files)
        return files


def communities(user):
    return Organization.objects.visible_to(user).filter(kind=OrgKind.COMMUNITY, is_active=True)


class HouseholdForm(ScopedFormMixin, forms.ModelForm):
    class Meta:
        model = Household
        fields = ["org", "head_name", "members", "address", "phone", "in_campaign", "joined_on",
                  "categories"]
        widgets = {"joined_on": DateInput(), "categories": forms.CheckboxSelectMultiple}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = communities(user)
        self.restrict_orgs(user)
        self.fields["categories"].queryset = CourtyardCategory.objects.active()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("in_campaign") and not cleaned.get("joined_on"):
            self.add_error("joined_on", _("Give the date the household joined the campaign."))
        duplicate = Household.objects.filter(
            org=cleaned.get("org"), head_name=cleaned.get("head_name", "").strip(),
            address=cleaned.get("address", "").strip()).exclude(pk=self.instance.pk)
        if cleaned.get("org") and duplicate.exists():
            raise forms.ValidationError(_(
                "A household with the same head and address is already registered in this "
                "village."))
        return cleaned


class InspectionForm(forms.Form):
    """One score field per item of the sheet it is built for."""

    inspected_on = forms.DateField(label=_("inspected on"), widget=DateInput())
    inspectors = forms.ModelMultipleChoiceField(label=_("inspectors"),
                                                queryset=Person.objects.none(), required=False)
    remarks = forms.CharField(label=_("remarks"), widget=forms.Textarea(attrs={"rows": 2}),
                              required=False)
    photos = PhotosField(label=_("photos"), required=False)

    def __init__(self, *args, sheet: ScoreSheet, household: Household, **kwargs):
        super().__init__(*args, **kwargs)
        self.sheet = sheet
        self.items = list(sheet.items.all())
        for item in self.items:
            self.fields[f"item_{item.pk}"] = forms.DecimalField(
                label=f"{item.name} (≤ {item.max_points})", min_value=Decimal(0),
                max_value=item.max_points, decimal_places=1)
        # Inspectors are executive members of the village, its street or the district.
        serving = Position.objects.current().filter(person=OuterRef("pk"))
        self.fields["inspectors"].queryset = (
            Person.objects.filter(Exists(serving), lineage_q("org", household.org))
            .order_by("name"))

    def clean_inspected_on(self):
        day = self.cleaned_data["inspected_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("An inspection cannot be dated in the future."))
        return day

    def points(self) -> dict[int, Decimal]:
        return {item.pk: self.cleaned_data[f"item_{item.pk}"] for item in self.items}


class HonourTypeChoiceForm(forms.Form):
    """The first step of a nomination: the honour type decides which criteria are offered."""

    honour_type = forms.ModelChoiceField(
        label=_("honour type"), queryset=HonourType.objects.active().exclude(
            workflow=Workflow.LIST),
        help_text=_("Mass honours such as 五好文明家庭 are awarded by list, not nominated."))


class NominationForm(ScopedFormMixin, forms.Form):
    """A nomination for one honour type (chosen first: `honour_type`); only that type's criteria
    are offered and accepted. A community chair nominates in her community; district staff
    nominate for district-level (and higher) honours, choosing the nominee's community."""

    org = forms.ModelChoiceField(label=_("nominee's community/village"),
                                 queryset=Organization.objects.filter(kind=OrgKind.COMMUNITY))
    kind = forms.ChoiceField(label=_("nominee is a"), choices=Subject.choices)
    recipient = forms.ModelChoiceField(label=_("existing recipient"), required=False,
                                       queryset=Recipient.objects.none(),
                                       help_text=_("Or give a new name below."))
    name = forms.CharField(label=_("new recipient's name"), max_length=120, required=False)
    household = forms.ModelChoiceField(label=_("household (families only)"), required=False,
                                       queryset=Household.objects.none())
    honour_type = forms.ModelChoiceField(label=_("honour type"), queryset=HonourType.objects
                                         .active().exclude(workflow=Workflow.LIST))
    level = forms.ModelChoiceField(label=_("level"), queryset=None)
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    source = forms.ChoiceField(label=_("nomination"), choices=Honour._meta.get_field(
        "source").choices)
    citation = forms.CharField(label=_("citation"), widget=forms.Textarea(attrs={"rows": 4}),
                               required=False)
    criteria = forms.ModelMultipleChoiceField(
        label=_("criteria met"), queryset=Criterion.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple)
    photos = PhotosField(label=_("photos"), required=False)

    def __init__(self, *args, user, honour_type: HonourType, **kwargs):
        super().__init__(*args, **kwargs)
        from families.models import HonourLevel

        self.honour_type = honour_type
        self.fields["honour_type"].initial = honour_type.pk
        self.fields["kind"].initial = honour_type.subject
        self.fields["criteria"].queryset = Criterion.objects.active().filter(
            criteria_set_id=honour_type.criteria_set_id)
        self.fields["criteria"].help_text = _(
            "The criteria of %(type)s; choose another honour type to see its own.") % {
            "type": honour_type.name}
        if not honour_type.criteria_set_id:
            self.fields["criteria"].help_text = _("This honour type has no list of criteria.")
        self.fields["honour_type"].widget.attrs.update({  # the criteria follow the type
            "hx-get": reverse("families:honour_nominate"), "hx-trigger": "change",
            "hx-target": "#div_id_criteria", "hx-select": "#div_id_criteria",
            "hx-swap": "outerHTML"})
        levels = HonourLevel.objects.active()
        if user.org and user.org.kind == OrgKind.COMMUNITY:
            del self.fields["org"]  # a chair nominates in her own community
            self.nominating_org = user.org
            self.fields["recipient"].queryset = Recipient.objects.filter(org=user.org)
            self.fields["household"].queryset = Household.objects.filter(org=user.org)
        else:  # the district: district-level honours and above, for any community in scope
            self.nominating_org = None
            district = HonourLevel.objects.filter(code=DISTRICT_LEVEL).first()
            if district is not None:
                levels = levels.filter(order__lte=district.order)
                self.fields["level"].initial = district.pk
            self.fields["recipient"].queryset = Recipient.objects.visible_to(user)
            self.fields["household"].queryset = Household.objects.visible_to(user)
            self.restrict_orgs(user)
        self.fields["level"].queryset = levels

    def clean_honour_type(self):
        honour_type = self.cleaned_data["honour_type"]
        if honour_type != self.honour_type:  # the criteria offered were another type's
            raise forms.ValidationError(_("The honour type changed: choose its criteria."))
        return honour_type

    def clean(self):
        cleaned = super().clean()
        org = self.nominating_org or cleaned.get("org")
        cleaned["nominating_org"] = org
        recipient, name = cleaned.get("recipient"), cleaned.get("name", "").strip()
        if not recipient and not name:
            self.add_error("name", _("Choose an existing recipient or give a name."))
        if recipient and org and recipient.org_id != org.pk:
            self.add_error("recipient", _("This recipient belongs to another community."))
        household = cleaned.get("household")
        if household and org and household.org_id != org.pk:
            self.add_error("household", _("This household belongs to another community."))
        honour_type = cleaned.get("honour_type")
        kind = recipient.kind if recipient else cleaned.get("kind")
        if honour_type and kind and honour_type.subject != kind:
            self.add_error("honour_type", _("This honour is not awarded to a %(kind)s.") % {
                "kind": Subject(kind).label})
        cleaned.setdefault("criteria", [])
        return cleaned


#: District staff nominate for honours of this level and above.
DISTRICT_LEVEL = "district"


class StepForm(forms.Form):
    note = forms.CharField(label=_("note or reason"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))
    finding = forms.ChoiceField(label=_("disqualifying finding"), required=False,
                                choices=[("", "---------"), *Finding.choices])
    notice_ends = forms.DateField(label=_("public notice ends"), required=False,
                                  widget=DateInput())

    def __init__(self, *args, reason_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if reason_only:  # revoking a standing title asks only for the reason
            del self.fields["finding"], self.fields["notice_ends"]
            return
        self.fields["notice_ends"].help_text = _(
            "The notice starts today, when it is published, and runs for at least %(days)s "
            "days; left blank, exactly %(days)s.") % {"days": MIN_NOTICE_DAYS}


class RoundForm(ScopedFormMixin, forms.ModelForm):
    class Meta:
        model = InspectionRound
        fields = ["org", "kind", "period", "sample_size"]
        widgets = {"period": DateInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = Organization.objects.filter(
            kind__in=[OrgKind.DISTRICT, OrgKind.STREET, OrgKind.COMMUNITY])
        self.restrict_orgs(user)
        self.fields["org"].initial = user.org_id

    def clean(self):
        cleaned = super().clean()
        period = cleaned.get("period")
        if period:
            if cleaned.get("kind") == RoundKind.QUARTERLY:
                period = period.replace(month=(period.month - 1) // 3 * 3 + 1)
            cleaned["period"] = period.replace(day=1)
        if cleaned.get("kind") == RoundKind.MONTHLY and not cleaned.get("sample_size"):
            self.add_error("sample_size", _("Choose how many households to draw per village."))
        return cleaned


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))


class AwardListUploadForm(UploadForm):
    """A mass honour's list: the type (one awarded by list), level and year, and the file."""

    honour_type = forms.ModelChoiceField(
        label=_("honour type"), queryset=HonourType.objects.active().filter(
            workflow=Workflow.LIST))
    level = forms.ModelChoiceField(label=_("level"), queryset=HonourLevel.objects.active())
    year = forms.IntegerField(label=_("year"), min_value=2000)
    field_order = ["honour_type", "level", "year", "file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year > timezone.localdate().year:
            raise forms.ValidationError(_("An honour cannot be awarded for a future year."))
        return year


def household_for(user, pk: int) -> Household:
    return get_visible_or_404(Household.objects.select_related("org", "tier"), user, pk=pk)
