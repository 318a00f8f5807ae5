"""Models of the cross-app layer (app label "federation")."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
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
    #: federation.kernel.periods: Y, H1, H2, Q1-Q4 or YTD<month>
    period = models.CharField(_("period"), max_length=6, default="Y")
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
                fields=["year", "period", "org"],
                condition=models.Q(status__in=["queued", "running"]),
                name="one_building_run_per_period_and_scope"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.period} · {self.org}"

    @property
    def period_label(self) -> str:
        """"Whole year", "First half-year" … in the reader's language."""
        from federation.kernel.periods import CHOICES

        return str(dict(CHOICES).get(self.period[:3] if self.period.startswith("YTD")
                                     else self.period, self.period))

    @property
    def reporting_period(self):
        from federation.kernel.periods import Period

        if self.period.startswith("YTD"):
            return Period(self.year, "YTD", int(self.period[3:] or 12))
        return Period(self.year, self.period)

    @property
    def is_building(self) -> bool:
        return self.status in self.BUILDING

    @property
    def duration(self):
        if self.started_at and self.finished_at:
            return self.finished_at - self.started_at
        return None


class PlanItem(models.Model):
    """One task of a year's work plan (工作要点), kept by staff per line of work: the task in
    one sentence, a target figure where there is one, the lead organization and the month it
    is due. Next year's items draft the summary's plan part (工作思路); this year's, with the
    figure that measures them (`measure`: a summary item's key, e.g. "tally:lectures",
    "honours:most_beautiful_family", "children:rooms"), give that figure its annual target
    and report their progress in a half-year summary."""

    scope_field = "org"

    org = models.ForeignKey("orgs.Organization", verbose_name=_("organization"),
                            on_delete=models.CASCADE, related_name="+",
                            help_text=_("The federation whose plan it is."))
    year = models.PositiveSmallIntegerField(_("year"))
    line = models.ForeignKey("federation.LineOfWork", verbose_name=_("line of work"),
                             on_delete=models.PROTECT, related_name="+")
    task = models.CharField(_("task"), max_length=300)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2, null=True,
                                 blank=True)
    unit = models.CharField(_("unit"), max_length=10, blank=True)
    measure = models.CharField(
        _("measured by"), max_length=80, blank=True,
        help_text=_("The summary's figure that measures the task (a monthly tally indicator, "
                    "an honour, a campaign, a registry): its target and progress are stated "
                    "with that figure."))
    lead = models.ForeignKey("orgs.Organization", verbose_name=_("lead organization"),
                             on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    due_month = models.PositiveSmallIntegerField(
        _("due month"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)])
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["year", "line__order", "order", "pk"]
        indexes = [models.Index(fields=["org", "year"])]

    def __str__(self) -> str:
        return self.task

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("summary:plan") + f"?year={self.year}"
