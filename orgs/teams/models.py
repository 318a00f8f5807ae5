"""Teams and rosters (队伍): 巾帼宣讲队, 巾帼志愿者队伍, 巾帼林长护林队, 调解员队伍, 妇联妈妈 …
A team has a kind (reference data on a line of work), an organization, a leader and a member
count; the summary counts the teams standing and their members per kind. Personal data:
only the leader's name, no member's.

Imported by orgs.models (OrgsConfig.package_models) so that the models join the orgs app."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from federation.kernel.reference import ReferenceData
from orgs.scoping import ScopedQuerySet


class TeamKind(ReferenceData):
    line = models.ForeignKey("federation.LineOfWork", verbose_name=_("line of work"),
                             on_delete=models.PROTECT, related_name="+")
    #: How the summary states the kind: {teams} the teams standing, {members} their members.
    phrase = models.CharField(_("summary phrase"), max_length=200, blank=True, help_text=_(
        "e.g. 组建巾帼宣讲队{teams}，队员{members}. Empty: not stated."))
    member_word = models.CharField(_("members are called"), max_length=20, blank=True,
                                   help_text=_("e.g. 队员, 志愿者, 调解员"))

    class Meta(ReferenceData.Meta):
        verbose_name = _("team kind")
        verbose_name_plural = _("team kinds")


class TeamQuerySet(ScopedQuerySet):
    def standing_on(self, day: datetime.date) -> TeamQuerySet:
        """Teams formed by `day` (or with no date) and not disbanded by then."""
        return self.filter(models.Q(formed_on__isnull=True) | models.Q(formed_on__lte=day),
                           models.Q(disbanded_on__isnull=True) | models.Q(disbanded_on__gt=day))


class Team(models.Model):
    scope_field = "org"

    kind = models.ForeignKey(TeamKind, verbose_name=_("kind of team"),
                             on_delete=models.PROTECT, related_name="teams")
    org = models.ForeignKey("orgs.Organization", verbose_name=_("organization"),
                            on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(_("name"), max_length=100)
    leader_name = models.CharField(_("team leader"), max_length=50, blank=True)
    members = models.PositiveIntegerField(pgettext_lazy("team", "members"),
                                          validators=[MinValueValidator(1)])
    formed_on = models.DateField(_("formed on"), null=True, blank=True)
    disbanded_on = models.DateField(_("disbanded on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TeamQuerySet.as_manager()

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["kind__order", "name", "pk"]
        indexes = [models.Index(fields=["org", "kind"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("orgs:team", args=[self.pk])

    def clean(self) -> None:
        if self.formed_on and self.disbanded_on and self.disbanded_on < self.formed_on:
            raise ValidationError({"disbanded_on": _(
                "A team cannot be disbanded before it is formed.")})

    def serves(self, org) -> bool:
        """The team may run an activity of `org`: an organization in its line of descent (its
        own, one above it, one below it)."""
        return org.path.startswith(self.org.path) or self.org.path.startswith(org.path)
