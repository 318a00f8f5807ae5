"""Cross-app records: the append-only access log (personal data, logins), password ages and
the beat heartbeat."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from orgs.scoping import ScopedQuerySet


class AppendOnlyError(Exception):
    pass


class AccessLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("the access log is append-only")

    def delete(self):
        raise AppendOnlyError("the access log is append-only")


class AccessLog(models.Model):
    """Who viewed, changed, exported or unmasked which record, from where and why.

    Holds no personal data itself: objects are named by type, id and a non-personal label
    (e.g. a case number). On PostgreSQL a trigger also refuses UPDATE and DELETE."""

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        UNMASK = "unmask", _("Showed in full")
        CREATE = "create", _("Created")
        CHANGE = "change", _("Changed")
        EXPORT = "export", _("Exported")
        DELETE = "delete", _("Deleted")
        ANONYMIZE = "anonymize", _("Anonymized")
        LOGIN = "login", _("Logged in")
        LOGIN_FAILED = "login_failed", _("Failed login")
        LOGOUT = "logout", _("Logged out")
        SESSIONS_ENDED = "sessions_end", _("Sessions ended")

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"),
                             on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+")
    username = models.CharField(_("username"), max_length=150)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    object_type = models.CharField(_("record type"), max_length=60, db_index=True)
    object_id = models.CharField(_("record id"), max_length=40, blank=True)
    object_label = models.CharField(_("record"), max_length=120, blank=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["object_type", "object_id"]),
                   models.Index(fields=["user", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.object_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("the access log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("the access log is append-only")


def client_ip(request) -> str | None:
    # Behind the reverse proxy, REMOTE_ADDR is the proxy: trust its X-Forwarded-For only then.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and getattr(settings, "TRUST_X_FORWARDED_FOR", False):
        return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR")


def log_access(request, obj, action: str, *, label: str = "", reason: str = "",
               detail: str = "", user=None) -> AccessLog:
    """Record one access to a personal-data record. `label` must not be personal data."""
    if user is None:
        user = getattr(request, "user", None)
        user = user if user is not None and user.is_authenticated else None
    if action == AccessLog.Action.EXPORT:
        request.export_logged = True  # federation.audit.AuditMiddleware need not add one
    return AccessLog.objects.create(
        user=user, username=user.get_username() if user else "", ip=client_ip(request),
        action=action, object_type=obj._meta.label_lower if hasattr(obj, "_meta") else str(obj),
        object_id=str(getattr(obj, "pk", "") or ""), object_label=label[:120],
        reason=reason[:200], detail=detail[:300])


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
class PasswordState(models.Model):
    """When the user's password was last set (for the optional maximum password age)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="password_state")
    changed_at = models.DateTimeField(_("password changed"))

    class Meta:
        verbose_name = _("password state")
        verbose_name_plural = _("password states")

    def __str__(self) -> str:
        return f"{self.user_id} {self.changed_at:%Y-%m-%d}"


class Heartbeat(models.Model):
    """The last run of a beat-scheduled task, written by the worker (see federation.tasks)."""

    name = models.CharField(max_length=40, primary_key=True)
    at = models.DateTimeField()

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self) -> str:
        return f"{self.name} {self.at:%Y-%m-%d %H:%M:%S}"
