"""Child-friendly site projects (儿童友好), their milestones, files and site events."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from children.models.reference import ProjectDomain
from orgs.models import Organization
from orgs.scoping import ScopedQuerySet


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DESIGNING = "designing", _("Designing")
    BUILDING = "building", _("Under construction")
    COMPLETED = "completed", _("Completed")
    ACCEPTED = "accepted", _("Accepted (assessment passed)")


FINISHED_STATUSES = (ProjectStatus.COMPLETED, ProjectStatus.ACCEPTED)


def _count(model, **filters) -> Coalesce:
    rows = (model.objects.filter(project=OuterRef("pk"), **filters).order_by()
            .values("project").annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


class ProjectQuerySet(ScopedQuerySet):
    def with_progress(self) -> ProjectQuerySet:
        """Milestone counts as subqueries, so `progress` needs no query per row."""
        return self.annotate(
            milestones_total=_count(Milestone),
            milestones_done=_count(Milestone, done_on__isnull=False),
        )

    def search(self, text: str) -> ProjectQuerySet:
        text = text.strip()
        if not text:
            return self
        return self.filter(Q(name__icontains=text) | Q(lead_unit__icontains=text)
                           | Q(address__icontains=text))


class Project(models.Model):
    scope_field = "org"

    org = models.ForeignKey(Organization, verbose_name=_("organization"),
                            on_delete=models.PROTECT, related_name="child_projects")
    name = models.CharField(_("project name"), max_length=120)
    domain = models.ForeignKey(ProjectDomain, verbose_name=_("domain"), on_delete=models.PROTECT,
                               related_name="projects")
    lead_unit = models.CharField(_("lead unit"), max_length=120, blank=True)
    partner_units = models.CharField(_("partner units"), max_length=300, blank=True,
                                     help_text=_("Separate several units with commas."))
    address = models.CharField(_("address"), max_length=200, blank=True)
    planned_area = models.DecimalField(_("planned area (m²)"), max_digits=10, decimal_places=1,
                                       null=True, blank=True)
    completed_area = models.DecimalField(_("completed area (m²)"), max_digits=10,
                                         decimal_places=1, default=Decimal("0"))
    budget = models.DecimalField(_("budget (yuan)"), max_digits=12, decimal_places=2,
                                 null=True, blank=True)
    spent = models.DecimalField(_("spent (yuan)"), max_digits=12, decimal_places=2,
                                default=Decimal("0"))
    starts_on = models.DateField(_("start date"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=ProjectStatus.choices,
                              default=ProjectStatus.PLANNED, db_index=True)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("child-friendly project")
        verbose_name_plural = _("child-friendly projects")
        ordering = ["-starts_on", "-pk"]
        indexes = [models.Index(fields=["domain", "status"]),
                   models.Index(fields=["completed_on"]), models.Index(fields=["starts_on"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("children:project", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.planned_area and self.completed_area and self.completed_area > self.planned_area:
            errors["completed_area"] = _("The completed area cannot exceed the planned area.")
        if self.starts_on and self.planned_end and self.planned_end < self.starts_on:
            errors["planned_end"] = _("The planned end is before the start.")
        if self.status in FINISHED_STATUSES and not self.completed_on:
            errors["completed_on"] = _("Give the date a completed project was finished.")
        if self.completed_on and self.status not in FINISHED_STATUSES:
            errors["status"] = _("A project with a completion date is completed or accepted.")
        if errors:
            raise ValidationError(errors)

    @property
    def progress(self) -> int | None:
        """Per cent done: completed area over planned area, else milestones done; never typed."""
        if self.planned_area:
            return min(100, int(self.completed_area * 100 / self.planned_area))
        total = getattr(self, "milestones_total", None)
        if total is None:
            total = self.milestones.count()
            done = self.milestones.filter(done_on__isnull=False).count()
        else:
            done = self.milestones_done
        if not total:
            return 100 if self.status in FINISHED_STATUSES else None
        return done * 100 // total

    @property
    def progress_basis(self) -> str:
        return str(_("area") if self.planned_area else _("milestones"))


class Milestone(models.Model):
    scope_field = "project__org"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=120)
    due_on = models.DateField(pgettext_lazy("milestone", "due"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title


def project_upload_to(instance: ProjectFile, filename: str) -> str:
    return f"children/projects/{instance.project_id}/{filename}"


class ProjectFile(models.Model):
    class Kind(models.TextChoices):
        DOCUMENT = "document", _("Guideline or document")
        PHOTO = "photo", _("Photo")

    scope_field = "project__org"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=120)
    file = models.FileField(_("file"), upload_to=project_upload_to, max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("project file")
        verbose_name_plural = _("project files")
        ordering = ["kind", "-uploaded_at"]

    def __str__(self) -> str:
        return self.title


SITE_ACTIVITY_CATEGORY = "child_friendly"  # 儿童友好, the activity log's category (orgs' seed)


class SiteEvent(models.Model):
    """An activity held at a project site (study tour, children's council). The activity itself
    (date, title, participants, photos) is an entry of the activity log, entered once: the
    monthly tallies and the year-end summary count it with the organization's other work."""

    class Kind(models.TextChoices):
        STUDY_TOUR = "study_tour", _("Study tour (研学)")
        COUNCIL = "council", _("Children's council (儿童议事会)")
        OBSERVERS = "observers", _("Children's observer group")
        OTHER = "other", _("Other activity")

    scope_field = "project__org"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="events")
    activity = models.OneToOneField("orgs.Activity", verbose_name=_("activity"),
                                    on_delete=models.CASCADE, related_name="site_event")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("site activity")
        verbose_name_plural = _("site activities")
        ordering = ["-activity__starts_on", "-pk"]

    def __str__(self) -> str:
        return self.activity.title
