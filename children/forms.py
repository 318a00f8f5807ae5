from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from children.models import (
    Assessment,
    AssessmentScore,
    Child,
    Expert,
    Facility,
    Grant,
    GrantProgramme,
    Milestone,
    NursingRoom,
    Pairing,
    PlaceType,
    Project,
    ProjectDomain,
    ProjectFile,
    SiteEvent,
    Visit,
)
from children.models.projects import SITE_ACTIVITY_CATEGORY
from children.models.rooms import MAX_ITEM_SCORE
from federation.kernel.privacy import lookup_hash, normalise, validate_resident_id
from federation.kernel.uploads import FileCheck
from orgs.activities.models import Activity, ActivityCategory
from orgs.models import Organization, OrgKind, Role, User
from orgs.scoping import ScopedFormMixin


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class ScopedOrgMixin(ScopedFormMixin):
    """The organization field offers only the user's own subtree (orgs.scoping)."""

    def limit_org(self, user) -> None:
        self.restrict_orgs(user)
        if not self.instance.pk and user.org_id:
            self.fields["org"].initial = user.org_id


class ProjectForm(ScopedOrgMixin, forms.ModelForm):
    class Meta:
        model = Project
        fields = ["name", "domain", "org", "lead_unit", "partner_units", "address",
                  "planned_area", "completed_area", "budget", "spent", "starts_on",
                  "planned_end", "status", "completed_on", "description"]
        widgets = {"starts_on": DateInput(), "planned_end": DateInput(),
                   "completed_on": DateInput(), "description": forms.Textarea({"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_org(user)
        self.fields["domain"].queryset = ProjectDomain.objects.active()

    def clean(self):
        cleaned = super().clean()
        for field in ("planned_area", "completed_area", "budget", "spent"):
            if (cleaned.get(field) or 0) < 0:
                self.add_error(field, _("Enter a number of zero or more."))
        return cleaned


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_on", "done_on"]
        widgets = {"due_on": DateInput(), "done_on": DateInput()}

    def clean_done_on(self):
        done = self.cleaned_data.get("done_on")
        if done and done > timezone.localdate():
            raise ValidationError(_("A milestone cannot be done in the future."))
        return done


#: Allowed uploads per kind, checked by their content (federation.kernel.uploads).
UPLOAD_CHECKS = {
    ProjectFile.Kind.DOCUMENT: FileCheck(["pdf", "doc", "docx", "xlsx"]),
    ProjectFile.Kind.PHOTO: FileCheck(["jpg", "png"]),
}


class ProjectFileForm(forms.ModelForm):
    class Meta:
        model = ProjectFile
        fields = ["kind", "title", "file"]

    def clean(self):
        cleaned = super().clean()
        upload, kind = cleaned.get("file"), cleaned.get("kind")
        if not upload or not kind:
            return cleaned
        try:
            UPLOAD_CHECKS[kind](upload)
        except ValidationError as exc:
            self.add_error("file", exc)
            return cleaned
        self.instance.size = upload.size
        return cleaned


class SiteEventForm(forms.ModelForm):
    """Records an activity at a project site: an entry of the activity log (category
    child-friendly work, the project's organization) and its link to the site."""

    kind = forms.ChoiceField(label=_("kind"), choices=SiteEvent.Kind.choices)

    class Meta:
        model = Activity
        fields = ["starts_on", "kind", "title", "children", "participants"]
        widgets = {"starts_on": DateInput()}

    def __init__(self, *args, project: Project, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        self.instance.org = project.org
        self.instance.place = project.name[:200]
        self.instance.created_by = user
        self.instance.category = ActivityCategory.objects.get(code=SITE_ACTIVITY_CATEGORY)
        self.fields["children"].required = True

    def clean_starts_on(self):
        day = self.cleaned_data["starts_on"]
        if day and day > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."))
        return day

    def save(self, commit: bool = True) -> SiteEvent:
        activity = super().save()
        return SiteEvent.objects.create(project=self.project, activity=activity,
                                        kind=self.cleaned_data["kind"])


class RoomForm(ScopedOrgMixin, forms.ModelForm):
    class Meta:
        model = NursingRoom
        fields = ["name", "org", "place_name", "place_type", "place_area", "daily_visitors",
                  "address", "area", "opening_hours", "facilities", "status", "built_on",
                  "closed_on"]
        widgets = {"facilities": forms.CheckboxSelectMultiple, "built_on": DateInput(),
                   "closed_on": DateInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_org(user)
        self.fields["place_type"].queryset = PlaceType.objects.active()
        self.fields["facilities"].queryset = Facility.objects.active()

    def clean_area(self):
        area = self.cleaned_data["area"]
        if area is not None and area <= 0:
            raise ValidationError(_("Enter the room's floor area in square metres."))
        return area


class ExpertForm(ScopedOrgMixin, forms.ModelForm):
    class Meta:
        model = Expert
        fields = ["name", "field", "workplace", "contact", "org", "is_active"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_org(user)


class AssessmentForm(forms.ModelForm):
    """An expert's visit: one score per active checklist item, the rating, recommendations."""

    class Meta:
        model = Assessment
        fields = ["expert", "assessed_on", "rating", "recommendations"]
        widgets = {"assessed_on": DateInput(), "recommendations": forms.Textarea({"rows": 3})}

    def __init__(self, *args, room: NursingRoom, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.room = room
        self.fields["expert"].queryset = Expert.objects.visible_to(user).filter(is_active=True)
        self.items = list(Facility.objects.active())
        for item in self.items:
            label = item.name if item.required else f"{item.name} ({_('recommended')})"
            self.fields[f"score_{item.code}"] = forms.IntegerField(
                label=label, min_value=0, max_value=MAX_ITEM_SCORE, initial=0)

    def clean_assessed_on(self):
        day = self.cleaned_data["assessed_on"]
        if day > timezone.localdate():
            raise ValidationError(_("An assessment cannot be dated in the future."))
        return day

    def save(self, commit: bool = True) -> Assessment:
        scores = {item: self.cleaned_data[f"score_{item.code}"] for item in self.items}
        self.instance.total_score = sum(scores.values())
        self.instance.max_score = MAX_ITEM_SCORE * len(scores)
        assessment = super().save()
        AssessmentScore.objects.bulk_create(
            AssessmentScore(assessment=assessment, facility=item, score=score)
            for item, score in scores.items())
        return assessment


class ChildForm(ScopedOrgMixin, forms.ModelForm):
    class Meta:
        model = Child
        fields = ["name", "id_number", "gender", "birth_year", "category", "org", "school",
                  "guardian_name", "guardian_relation", "guardian_phone", "situation",
                  "guardian_consent_on", "is_active", "closed_on"]
        widgets = {"guardian_consent_on": DateInput(), "closed_on": DateInput(),
                   "situation": forms.Textarea({"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = Organization.objects.filter(kind=OrgKind.COMMUNITY)
        self.limit_org(user)
        field = self.fields["org"]
        field.label = _("community")
        if user.org and user.org.kind != OrgKind.COMMUNITY:
            field.initial = None
        self.fields["name"].required = True

    def clean_id_number(self):
        value = normalise(self.cleaned_data.get("id_number") or "")
        if not value:
            return ""
        validate_resident_id(value)
        duplicate = Child.objects.filter(id_hash=lookup_hash(value, "resident_id"))
        if duplicate.exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("A child with this ID number is already registered."))
        return value

    def clean_birth_year(self):
        year = self.cleaned_data["birth_year"]
        this_year = timezone.localdate().year
        if not this_year - 18 <= year <= this_year:
            raise ValidationError(_("A child was born in the last 18 years."))
        return year


class UnmaskForm(forms.Form):
    reason = forms.CharField(label=_("Reason for showing in full"), max_length=200,
                             min_length=4)


class PairingForm(forms.ModelForm):
    class Meta:
        model = Pairing
        fields = ["mother_name", "mother_phone", "manager", "since", "until"]
        widgets = {"since": DateInput(), "until": DateInput()}

    def __init__(self, *args, child: Child, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.child = child
        self.fields["manager"].queryset = (
            User.objects.visible_to(user).filter(is_active=True)
            .exclude(role__in=["", Role.LEADER]).order_by("username"))

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("The pairing cannot end before it starts."))
        return cleaned


class VisitForm(forms.ModelForm):
    class Meta:
        model = Visit
        fields = ["visited_on", "visitor", "notes"]
        widgets = {"visited_on": DateInput(), "notes": forms.Textarea({"rows": 3})}

    def __init__(self, *args, child: Child, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.child = child

    def clean_visited_on(self):
        day = self.cleaned_data["visited_on"]
        if day > timezone.localdate():
            raise ValidationError(_("A visit cannot be dated in the future."))
        return day


class GrantForm(forms.ModelForm):
    class Meta:
        model = Grant
        fields = ["programme", "amount", "paid_on", "payer"]
        widgets = {"paid_on": DateInput()}

    def __init__(self, *args, child: Child, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.child = child
        self.fields["programme"].queryset = GrantProgramme.objects.active()

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount <= 0:
            raise ValidationError(_("Enter an amount above zero."))
        return amount
