"""Nursing rooms (母婴室), the expert pool and expert assessments."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, DecimalField, OuterRef, Q, Subquery, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from children.models.reference import Facility, PlaceType, RoomAreaRule
from orgs.models import Organization
from orgs.scoping import ScopedQuerySet, above_path_q, path_q

#: Built rooms are assessed again after this many days (setting CHILDREN_REASSESS_DAYS).
DEFAULT_REASSESS_DAYS = 730
MAX_ITEM_SCORE = 5


def reassess_days() -> int:
    return getattr(settings, "CHILDREN_REASSESS_DAYS", DEFAULT_REASSESS_DAYS)


class RoomStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    BUILT = "built", _("Built")
    CLOSED = "closed", _("Closed")


def required_area_expression(rules: list[RoomAreaRule]) -> Case:
    """The minimum room area for each row's place, from the (few) configured rules."""
    whens = []
    for rule in sorted(rules, key=lambda r: -r.min_room_area):
        condition = Q()
        if rule.min_place_area:
            condition |= Q(place_area__gte=rule.min_place_area)
        if rule.min_daily_visitors:
            condition |= Q(daily_visitors__gte=rule.min_daily_visitors)
        if condition:
            whens.append(When(condition, then=Value(rule.min_room_area)))
    default = min((r.min_room_area for r in rules if not (r.min_place_area
                                                           or r.min_daily_visitors)),
                  default=Decimal("0"))
    output = DecimalField(max_digits=6, decimal_places=1)
    if not whens:
        return Value(default, output_field=output)
    return Case(*whens, default=Value(default), output_field=output)


class RoomQuerySet(ScopedQuerySet):
    def with_requirement(self) -> RoomQuerySet:
        """Annotate `required_area` and `below_standard` (one extra query for the rules)."""
        required = required_area_expression(list(RoomAreaRule.objects.all()))
        return self.annotate(
            required_area=required,
            below_standard=Case(When(area__lt=required, then=Value(True)),
                                default=Value(False), output_field=models.BooleanField()))

    @staticmethod
    def below_standard_q() -> Q:
        """The same rule as a condition, for aggregates (one query for the rules)."""
        return Q(area__lt=required_area_expression(list(RoomAreaRule.objects.all())))

    def with_last_assessment(self) -> RoomQuerySet:
        last = (Assessment.objects.filter(room=OuterRef("pk")).order_by("-assessed_on", "-pk")
                .values("assessed_on")[:1])
        rating = (Assessment.objects.filter(room=OuterRef("pk")).order_by("-assessed_on", "-pk")
                  .values("rating")[:1])
        return self.annotate(last_assessed=Subquery(last), last_rating=Subquery(rating))

    def due_for_assessment(self, today: datetime.date, days: int | None = None) -> RoomQuerySet:
        """Built rooms never assessed, or last assessed `days` or more ago."""
        cutoff = today - datetime.timedelta(days=days if days is not None else reassess_days())
        return (self.filter(status=RoomStatus.BUILT).with_last_assessment()
                .filter(Q(last_assessed__isnull=True) | Q(last_assessed__lte=cutoff)))

    def search(self, text: str) -> RoomQuerySet:
        text = text.strip()
        if not text:
            return self
        return self.filter(Q(name__icontains=text) | Q(place_name__icontains=text)
                           | Q(address__icontains=text))


class NursingRoom(models.Model):
    scope_field = "org"

    org = models.ForeignKey(Organization, verbose_name=_("organization"),
                            on_delete=models.PROTECT, related_name="nursing_rooms")
    name = models.CharField(_("room name"), max_length=120)
    place_name = models.CharField(_("public place"), max_length=120)
    place_type = models.ForeignKey(PlaceType, verbose_name=_("place type"),
                                   on_delete=models.PROTECT, related_name="rooms")
    place_area = models.PositiveIntegerField(_("place floor area (m²)"), null=True, blank=True)
    daily_visitors = models.PositiveIntegerField(_("visitors per day"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    area = models.DecimalField(_("room area (m²)"), max_digits=6, decimal_places=1)
    opening_hours = models.CharField(_("opening hours"), max_length=60, blank=True)
    facilities = models.ManyToManyField(Facility, verbose_name=_("facilities"), blank=True,
                                        related_name="rooms")
    status = models.CharField(_("status"), max_length=10, choices=RoomStatus.choices,
                              default=RoomStatus.PLANNED, db_index=True)
    built_on = models.DateField(_("built on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    objects = RoomQuerySet.as_manager()

    class Meta:
        verbose_name = _("nursing room")
        verbose_name_plural = _("nursing rooms")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["status", "built_on"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("children:room", args=[self.pk])

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.status == RoomStatus.BUILT and not self.built_on:
            raise ValidationError({"built_on": _("Give the date the room was opened.")})
        if self.status == RoomStatus.CLOSED and not self.closed_on:
            raise ValidationError({"closed_on": _("Give the date the room was closed.")})


class ExpertQuerySet(ScopedQuerySet):
    """The pool is shared downwards: a chair also sees the experts of the federations above
    her (to pick an assessor), but edits only those inside her own subtree."""

    def visible_to(self, user) -> ExpertQuerySet:
        if not user.is_authenticated or not user.is_active or not user.scope_path:
            return super().visible_to(user)
        path = user.scope_path
        return self.filter(path_q("org", path) | above_path_q("org", path))

    def managed_by(self, user) -> ExpertQuerySet:
        return super().visible_to(user)

    def annotate_assessments(self) -> ExpertQuerySet:
        return self.annotate(assessment_count=models.Count("assessments"),
                             last_assessed=models.Max("assessments__assessed_on"))


class Expert(models.Model):
    """A member of the expert pool who assesses nursing rooms."""

    scope_field = "org"

    org = models.ForeignKey(Organization, verbose_name=_("organization"),
                            on_delete=models.PROTECT, related_name="child_experts")
    name = models.CharField(_("full name"), max_length=60)
    field = models.CharField(_("field"), max_length=80)
    workplace = models.CharField(_("workplace"), max_length=120, blank=True)
    contact = models.CharField(_("contact"), max_length=60, blank=True)
    is_active = models.BooleanField(_("in the pool"), default=True)

    objects = ExpertQuerySet.as_manager()

    class Meta:
        verbose_name = _("expert")
        verbose_name_plural = _("expert pool")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class Assessment(models.Model):
    class Rating(models.IntegerChoices):
        ONE = 1, _("★ Fails the standard")
        TWO = 2, _("★★ Basic")
        THREE = 3, _("★★★ Good")
        FOUR = 4, _("★★★★ Very good")
        FIVE = 5, _("★★★★★ Excellent")

    scope_field = "room__org"

    room = models.ForeignKey(NursingRoom, on_delete=models.CASCADE, related_name="assessments")
    expert = models.ForeignKey(Expert, verbose_name=_("expert"), on_delete=models.PROTECT,
                               related_name="assessments")
    assessed_on = models.DateField(_("assessed on"))
    rating = models.PositiveSmallIntegerField(_("overall rating"), choices=Rating.choices)
    total_score = models.PositiveSmallIntegerField(_("total score"), default=0)
    max_score = models.PositiveSmallIntegerField(_("maximum score"), default=0)
    recommendations = models.TextField(_("recommendations"), blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-assessed_on", "-pk"]
        indexes = [models.Index(fields=["room", "assessed_on"])]

    def __str__(self) -> str:
        return f"{self.room} {self.assessed_on}"


class AssessmentScore(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    facility = models.ForeignKey(Facility, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(0), MaxValueValidator(MAX_ITEM_SCORE)])

    class Meta:
        ordering = ["facility__order"]
        constraints = [models.UniqueConstraint(fields=["assessment", "facility"],
                                               name="children_one_score_per_item")]

    def __str__(self) -> str:
        return f"{self.facility}: {self.score}"
