"""Cross-app records: the append-only access log (personal data, logins), password ages and
the beat heartbeat."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from federation.kernel.reference import ReferenceData


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
        API = "api", _("Used the API")

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


class ApiToken(models.Model):
    """A read-API token: stored as a hash (the key is shown once, when it is made), expires
    after settings.API_TOKEN_DAYS unless renewed, revocable by its user or a district admin.
    Every use is written to the access log (federation.portal.api.tokens)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"),
                             on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("token begins"), max_length=8, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("revoked by"),
                                   on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user_id})"

    @property
    def is_expired(self) -> bool:
        from django.utils import timezone

        return self.expires_at <= timezone.now()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and not self.is_expired


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
        request.export_logged = True  # federation.kernel.audit.AuditMiddleware need not add one
    return AccessLog.objects.create(
        user=user, username=user.get_username() if user else "", ip=client_ip(request),
        action=action, object_type=obj._meta.label_lower if hasattr(obj, "_meta") else str(obj),
        object_id=str(getattr(obj, "pk", "") or ""), object_label=label[:120],
        reason=reason[:200], detail=detail[:300])


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
    """The last run of a beat-scheduled task, written by the worker (federation.portal.tasks)."""

    name = models.CharField(max_length=40, primary_key=True)
    at = models.DateTimeField()

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self) -> str:
        return f"{self.name} {self.at:%Y-%m-%d %H:%M:%S}"


class LineOfWork(ReferenceData):
    """A line of work (工作条线): 思想引领, 家庭文明建设, 维权服务 … The work summary and the
    leader's workbook are organised by line; indicators, activity categories, honour types
    and each registry's figures belong to one. A district admin renames and orders them (a
    report's heading such as "抓思想领航，引领妇女更有力" is a name like any other); each
    app's summary items name their line by `code`, which stays."""

    #: The section's opening sentence, before its "一是…二是…" items.
    intro = models.CharField(_("opening sentence"), max_length=300, blank=True)

    class Meta(ReferenceData.Meta):
        verbose_name = _("line of work")
        verbose_name_plural = _("lines of work")
