"""Households in the beautiful-courtyard campaign, their inspections, plaques and rounds.

The tier follows the latest inspection (`apply_tier`); every plaque change is a new
`PlaqueEvent`, so the history is never overwritten.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from families.models.reference import CourtyardCategory, CourtyardTier, ScoreSheet, SheetItem
from families.photos import photo_path, validate_photo
from federation.kernel.privacy import mask_phone
from orgs.models import Organization, OrgKind, Person
from orgs.scoping import ScopedQuerySet, above_path_q, path_q, subtree_q


class HouseholdQuerySet(ScopedQuerySet):
    def search(self, text: str) -> HouseholdQuerySet:
        text = text.strip()
        if not text:
            return self
        return self.filter(models.Q(head_name__icontains=text) | models.Q(address__icontains=text))

    def in_campaign(self) -> HouseholdQuerySet:
        return self.filter(in_campaign=True)


class Household(models.Model):
    scope_field = "org"

    org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+",
                            verbose_name=_("community/village"))
    head_name = models.CharField(_("head of household"), max_length=60)
    members = models.PositiveSmallIntegerField(_("members"), default=1)
    address = models.CharField(_("address"), max_length=200)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    in_campaign = models.BooleanField(_("in the courtyard campaign"), default=False)
    joined_on = models.DateField(_("joined the campaign on"), null=True, blank=True)
    categories = models.ManyToManyField(CourtyardCategory, blank=True,
                                        verbose_name=_("special-courtyard categories"))
    # Kept in step with the latest inspection by apply_tier(): the list filters on them.
    tier = models.ForeignKey(CourtyardTier, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+", verbose_name=_("tier"))
    latest_score = models.DecimalField(_("latest score"), max_digits=5, decimal_places=1,
                                       null=True, blank=True)
    latest_inspected_on = models.DateField(_("last inspected"), null=True, blank=True)

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["org__path", "head_name", "pk"]
        indexes = [
            models.Index(fields=["org", "in_campaign", "tier"]),
            models.Index(fields=["org", "head_name", "address"]),
            models.Index(fields=["tier", "org"]),
            models.Index(fields=["latest_inspected_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.head_name} · {self.org}"

    def get_absolute_url(self) -> str:
        return reverse("families:household", args=[self.pk])

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)

    def leave_campaign(self, on: datetime.date) -> None:
        """Leaving the campaign takes the plaque down, on the record."""
        if self.tier_id:
            PlaqueEvent.objects.create(household=self, kind=PlaqueKind.DELISTED, tier=self.tier,
                                       on=on, reason=gettext("Left the courtyard campaign."))
        self.in_campaign, self.tier = False, None
        self.save(update_fields=["in_campaign", "tier"])


class ScoreSheetMismatch(ValueError):
    pass


class InspectionQuerySet(ScopedQuerySet):
    pass


class Inspection(models.Model):
    scope_field = "household__org"

    household = models.ForeignKey(Household, on_delete=models.CASCADE,
                                  related_name="inspections", verbose_name=_("household"))
    sheet = models.ForeignKey(ScoreSheet, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("score sheet"))
    inspected_on = models.DateField(_("inspected on"))
    inspectors = models.ManyToManyField(Person, blank=True, related_name="+",
                                        verbose_name=_("inspectors"))
    total = models.DecimalField(_("total score"), max_digits=5, decimal_places=1)
    remarks = models.TextField(_("remarks"), blank=True)
    round = models.ForeignKey("families.InspectionRound", on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="inspections", verbose_name=_("round"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InspectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-inspected_on", "-pk"]
        indexes = [models.Index(fields=["household", "-inspected_on", "-id"]),
                   models.Index(fields=["inspected_on"])]

    def __str__(self) -> str:
        return f"{self.household.head_name} {self.inspected_on}"

    def get_absolute_url(self) -> str:
        return reverse("families:inspection", args=[self.pk])


class InspectionScore(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="scores")
    item = models.ForeignKey(SheetItem, on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=1)

    class Meta:
        ordering = ["item__order", "item_id"]
        constraints = [models.UniqueConstraint(fields=["inspection", "item"],
                                               name="one_score_per_item")]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.points}"


class Photo(models.Model):
    """A photo of an inspection or an honour, served only through a scoped view."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, null=True, blank=True,
                                   related_name="photos")
    honour = models.ForeignKey("families.Honour", on_delete=models.CASCADE, null=True,
                               blank=True, related_name="photos")
    file = models.FileField(_("photo"), upload_to=photo_path, validators=[validate_photo])
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        constraints = [models.CheckConstraint(
            condition=models.Q(inspection__isnull=True) ^ models.Q(honour__isnull=True),
            name="photo_has_one_owner")]

    def __str__(self) -> str:
        return self.file.name


class PlaqueKind(models.TextChoices):
    AWARDED = "awarded", _("Awarded")
    DELISTED = "delisted", _("De-listed")
    RESTORED = "restored", _("Restored")


class PlaqueEvent(models.Model):
    household = models.ForeignKey(Household, on_delete=models.CASCADE,
                                  related_name="plaque_events")
    kind = models.CharField(_("event"), max_length=10, choices=PlaqueKind.choices)
    tier = models.ForeignKey(CourtyardTier, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("tier"))
    on = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    inspection = models.ForeignKey(Inspection, on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+")

    class Meta:
        verbose_name = _("plaque event")
        verbose_name_plural = _("plaque events")
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()} {self.tier}"


def tier_for(score: Decimal, tiers: list[CourtyardTier]) -> CourtyardTier | None:
    """The highest tier whose threshold the score meets (tiers sorted by threshold, high first)."""
    return next((t for t in tiers if score >= t.min_score), None)


def plaque_changes(current: CourtyardTier | None, new: CourtyardTier | None,
                   held_before: set[int], score: Decimal) -> list[tuple[str, CourtyardTier, str]]:
    """The plaque events a move from `current` to `new` tier produces (pure: no queries).

    A fall de-lists the current plaque with the reason; a rise to a tier held before restores
    it, to a tier never held awards it. A fall to a lower tier de-lists and then awards or
    restores the lower one."""
    events: list[tuple[str, CourtyardTier, str]] = []
    if current == new:
        return events
    if current is not None and (new is None or new.min_score < current.min_score):
        events.append((PlaqueKind.DELISTED, current, gettext(
            "Score %(score)s is below the %(tier)s threshold of %(min)s.") % {
            "score": score, "tier": current.name, "min": current.min_score}))
    if new is not None:
        kind = PlaqueKind.RESTORED if new.pk in held_before else PlaqueKind.AWARDED
        events.append((kind, new, ""))
    return events


def apply_tier(household: Household, tiers: list[CourtyardTier] | None = None) -> list:
    """Make the household's tier follow its latest inspection, recording plaque events."""
    latest = household.inspections.order_by("-inspected_on", "-pk").first()
    if latest is None:
        return []
    tiers = tiers if tiers is not None else list(CourtyardTier.objects.active())
    new = tier_for(latest.total, tiers)
    held = set(household.plaque_events.values_list("tier_id", flat=True))
    events = [PlaqueEvent(household=household, kind=kind, tier=tier, on=latest.inspected_on,
                          reason=reason, inspection=latest)
              for kind, tier, reason in plaque_changes(household.tier, new, held, latest.total)]
    PlaqueEvent.objects.bulk_create(events)
    household.tier = new
    household.latest_score = latest.total
    household.latest_inspected_on = latest.inspected_on
    household.save(update_fields=["tier", "latest_score", "latest_inspected_on"])
    return events


class InspectionRoundQuerySet(ScopedQuerySet):
    def visible_to(self, user) -> InspectionRoundQuerySet:
        """Rounds inside the user's subtree, and rounds run above her that reach into it
        (a village chair works on the district's round; she still sees only her households)."""
        path = getattr(user, "scope_path", None)
        if not user.is_authenticated or not user.is_active or path is None:
            return super().visible_to(user)
        return self.filter(path_q("org", path) | above_path_q("org", path))


class RoundKind(models.TextChoices):
    MONTHLY = "monthly", _("Monthly spot check")
    QUARTERLY = "quarterly", _("Quarterly review")


class InspectionRound(models.Model):
    """A monthly spot check (a reproducible random sample per village) or a quarterly review
    (every household in the campaign)."""

    scope_field = "org"

    org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+",
                            verbose_name=_("organization"))
    kind = models.CharField(_("kind"), max_length=10, choices=RoundKind.choices)
    period = models.DateField(_("first day of the period"))
    sample_size = models.PositiveSmallIntegerField(_("households per village"), null=True,
                                                   blank=True)
    seed = models.BigIntegerField(_("random seed"))
    sheet = models.ForeignKey(ScoreSheet, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("score sheet"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    households = models.ManyToManyField(Household, related_name="rounds",
                                        verbose_name=_("households to inspect"))

    objects = InspectionRoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("inspection round")
        verbose_name_plural = _("inspection rounds")
        ordering = ["-period", "-pk"]

    def __str__(self) -> str:
        if self.kind == RoundKind.QUARTERLY:
            quarter = (self.period.month - 1) // 3 + 1
            return gettext("%(org)s %(year)s Q%(q)s review") % {
                "org": self.org, "year": self.period.year, "q": quarter}
        return gettext("%(org)s %(month)s spot check") % {
            "org": self.org, "month": self.period.strftime("%Y-%m")}

    def get_absolute_url(self) -> str:
        return reverse("families:round", args=[self.pk])

    def draw(self) -> list[int]:
        """Household ids to inspect: the same seed and households give the same list."""
        rows = (Household.objects.in_campaign()
                .filter(subtree_q("org", self.org), org__kind=OrgKind.COMMUNITY)
                .order_by("org_id", "pk").values_list("org_id", "pk"))
        by_village: dict[int, list[int]] = {}
        for org_id, pk in rows:
            by_village.setdefault(org_id, []).append(pk)
        if self.kind == RoundKind.QUARTERLY:
            return [pk for pks in by_village.values() for pk in pks]
        chosen = []
        for org_id, pks in by_village.items():
            rng = random.Random(f"{self.seed}:{org_id}")
            chosen.extend(rng.sample(pks, min(self.sample_size or 0, len(pks))))
        return chosen

    @transaction.atomic
    def fill(self) -> int:
        ids = self.draw()
        through = InspectionRound.households.through
        through.objects.bulk_create(
            [through(inspectionround_id=self.pk, household_id=pk) for pk in ids],
            batch_size=2000)
        return len(ids)
