"""Models of the cross-app layer (app label "federation")."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from orgs.scoping import ScopedQuerySet


class ReportRunQuerySet(ScopedQuerySet):
    def building(self):
        return self.filter(status__in=ReportRun.BUILDING)


class ReportRun(models.Model):
    """One build of the year-end summary for a year and a scope (an organization's subtree).

    At most one run per (year, scope) builds at a time, enforced by the database: asking again
    joins the build in progress. The task keeps its own attempt count because a broker keeps
    no redelivery count."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Building")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    BUILDING = (Status.QUEUED, Status.RUNNING)
    MAX_ATTEMPTS = 3
    scope_field = "org"

    year = models.PositiveSmallIntegerField(_("year"))
    org = models.ForeignKey("orgs.Organization", verbose_name=_("scope"),
                            on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("requested by"),
                                     on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    language = models.CharField(_("language"), max_length=10, default="zh-hans")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.QUEUED)
    stage = models.CharField(_("stage"), max_length=60, blank=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    workbook = models.FileField(_("workbook"), upload_to="reports/", blank=True)
    narrative = models.FileField(_("narrative draft"), upload_to="reports/", blank=True)

    objects = ReportRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("year-end summary run")
        verbose_name_plural = _("year-end summary runs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "org"], condition=models.Q(status__in=["queued", "running"]),
                name="one_building_run_per_year_and_scope"),
        ]

    def __str__(self) -> str:
        return f"{self.year} · {self.org}"

    @property
    def is_building(self) -> bool:
        return self.status in self.BUILDING

    @property
    def duration(self):
        if self.started_at and self.finished_at:
            return self.finished_at - self.started_at
        return None
