"""Activity log: what an organization did, with its category, participants and attachments.

Imported by orgs.models so that Django registers these models in the orgs app.
"""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from federation.kernel.reference import ReferenceData
from orgs.scoping import ScopedQuerySet, lineage_q, path_q

MAX_ATTACHMENTS = 10


class ActivityCategory(ReferenceData):
    line = models.ForeignKey("federation.LineOfWork", verbose_name=_("line of work"),
                             on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    #: How the summary states the category's activities outside campaigns, when no tally
    #: indicator already counts them: {activities} and {people} are the counts.
    phrase = models.CharField(_("summary phrase"), max_length=200, blank=True, help_text=_(
        "e.g. 开展家风家教活动{activities}，服务{people}. Empty: not stated on its own."))

    class Meta(ReferenceData.Meta):
        verbose_name = _("activity category")
        verbose_name_plural = _("activity categories")


class CampaignQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """A campaign applies to the organization that owns it and to everything below: a
        user sees the campaigns of her organization and above it (they apply to her) and of
        her subtree."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        path = user.scope_path
        if path is None:
            return self.all() if user.is_superuser else self.none()
        return self.filter(path_q(self.model.scope_field, path)
                           | lineage_q(self.model.scope_field, user.org))

    def running_in(self, year: int):
        return self.filter(models.Q(last_year__isnull=True) | models.Q(last_year__gte=year),
                           first_year__lte=year)


class Campaign(models.Model):
    """A named campaign or series (品牌活动 / 专项行动): "百合之约" 婚恋交友, "巾帼心向党" 宣讲.
    Activities belong to at most one; the work summary states each campaign's activities and
    people reached ("开展'百合之约'婚恋交友活动12场，服务860人次")."""

    scope_field = "org"

    name = models.CharField(_("name"), max_length=100)
    #: How the summary states it; {activities} and {people} are the campaign's counts.
    phrase = models.CharField(
        _("summary phrase"), max_length=200, blank=True,
        help_text=_("e.g. 开展“百合之约”婚恋交友活动{activities}，服务{people}. Empty: "
                    "开展“<name>”系列活动{activities}，服务{people}."))
    line = models.ForeignKey("federation.LineOfWork", verbose_name=_("line of work"),
                             on_delete=models.PROTECT, related_name="+")
    org = models.ForeignKey("orgs.Organization", verbose_name=_("owning organization"),
                            on_delete=models.CASCADE, related_name="campaigns")
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True,
                                                 help_text=_("Empty: still running."))
    description = models.TextField(_("description"), blank=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("orgs:campaign", args=[self.pk])

    def clean(self) -> None:
        if self.last_year and self.first_year and self.last_year < self.first_year:
            raise ValidationError({"last_year": _("A campaign cannot end before it starts.")})

    def runs_in(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or self.last_year >= year)

    def applies_to(self, org) -> bool:
        """The campaign's organization is `org` or above it."""
        return org.path.startswith(self.org.path)


class ActivityQuerySet(ScopedQuerySet):
    def in_period(self, start: datetime.date | None, end: datetime.date | None):
        """Activities that took place (at least partly) within [start, end]."""
        qs = self
        if start:
            qs = qs.filter(models.Q(ends_on__gte=start) | models.Q(
                ends_on__isnull=True, starts_on__gte=start))
        if end:
            qs = qs.filter(starts_on__lte=end)
        return qs

    def search(self, text: str):
        text = text.strip()
        if not text:
            return self
        return self.filter(models.Q(title__icontains=text) | models.Q(place__icontains=text)
                           | models.Q(partners__icontains=text))


class Activity(models.Model):
    scope_field = "org"

    # Organizations close with a date and keep their records; one is deleted only when it was
    # entered by mistake, and then its records go with it.
    org = models.ForeignKey("orgs.Organization", verbose_name=_("organization"),
                            on_delete=models.CASCADE, related_name="activities")
    category = models.ForeignKey(ActivityCategory, verbose_name=_("category"),
                                 on_delete=models.PROTECT, related_name="activities")
    title = models.CharField(_("title"), max_length=200)
    starts_on = models.DateField(_("date"))
    ends_on = models.DateField(_("until"), null=True, blank=True,
                               help_text=_("Only for activities lasting several days."))
    description = models.TextField(_("description"), blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    women = models.PositiveIntegerField(_("women taking part"), null=True, blank=True)
    children = models.PositiveIntegerField(_("children taking part"), null=True, blank=True)
    participants = models.PositiveIntegerField(_("participants in total"), null=True,
                                               blank=True)
    partners = models.CharField(_("partner units"), max_length=300, blank=True)
    # What the activity delivered, beside its participants (its outputs): they pre-fill the
    # tally indicators of the same kind (orgs.tallies.models.Prefill) and the summary states
    # their sums.
    households = models.PositiveIntegerField(_("households reached"), null=True, blank=True,
                                             help_text=_("Households visited at home (入户)."))
    materials = models.PositiveIntegerField(_("materials distributed (份)"), null=True,
                                            blank=True)
    cash_donations = models.DecimalField(
        _("donations in cash (元)"), max_digits=12, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Money donated through the activity; goods go in the list below."))
    campaign = models.ForeignKey(Campaign, verbose_name=_("campaign"), on_delete=models.SET_NULL,
                                 null=True, blank=True, related_name="activities")
    team = models.ForeignKey("orgs.Team", verbose_name=_("team"), on_delete=models.SET_NULL,
                             null=True, blank=True, related_name="activities",
                             help_text=_("The team (队伍) that ran it, if any."))
    #: A highlight (亮点) of the year: the summary states its one line as written.
    highlight = models.CharField(
        _("highlight (亮点)"), max_length=200, blank=True,
        help_text=_("Only for a highlight of the year, in one line as the summary should say "
                    "it, e.g. 在桃源社区成立了全市首个小区婚调室."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-starts_on", "-pk"]
        indexes = [models.Index(fields=["org", "starts_on"]),
                   models.Index(fields=["category", "starts_on"]),
                   models.Index(fields=["starts_on"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("orgs:activity", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("An activity cannot end before it starts.")
        parts = (self.women or 0) + (self.children or 0)
        if self.participants is not None and parts > self.participants:
            errors["participants"] = _(
                "The total cannot be less than the women and children taking part.")
        if errors:
            raise ValidationError(errors)


class DonorKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise")
    INDIVIDUAL = "individual", _("Individual")
    SOCIAL_ORG = "social_org", _("Social organization")
    PUBLIC_BODY = "public_body", _("Government body or public institution")
    FEDERATION = "federation", _("Women's federation")
    OTHER = "other", _("Other")


class Donation(models.Model):
    """A donation in kind through an activity (捐物): what, how many, what it is worth and who
    gave it by kind (no donor's name: a person's name is not needed for the figures)."""

    scope_field = "activity__org"

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE,
                                 related_name="donations")
    description = models.CharField(_("goods"), max_length=200,
                                   help_text=_("e.g. 米面油, 书包文具"))
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])
    value = models.DecimalField(_("value (元)"), max_digits=12, decimal_places=2,
                                validators=[MinValueValidator(0)])
    donor_kind = models.CharField(_("donor"), max_length=20, choices=DonorKind.choices)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("donation in kind")
        verbose_name_plural = _("donations in kind")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.description} ×{self.quantity}"


def attachment_path(instance: ActivityAttachment, filename: str) -> str:
    # A random name: the original (maybe a person's name) stays out of URLs and the disk.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"activities/{instance.activity_id}/{uuid.uuid4().hex}.{suffix}"


class ActivityAttachment(models.Model):
    scope_field = "activity__org"

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE,
                                 related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")
