"""The audit trail: django-auditlog records every create, change and delete of the project's
models (who, when, from which IP, what changed); logins, failed logins, logouts and every file
download (an export) go to the append-only AccessLog beside the personal-data accesses.

Personal data never enters the trail in clear: encrypted fields, password/OTP secrets and
fields whose names say they hold identifiers, phones, addresses or health data are masked
("changed" without values). Records of models with encrypted columns (cases, children) are
named by type and id only, never by their `__str__`, and their name fields are masked too.
"""

from __future__ import annotations

from auditlog.context import set_extra_data
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.apps import apps
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import models
from django.db.models.signals import pre_save
from django.dispatch import receiver

from federation.kernel.models import AccessLog, client_ip, log_access

MASK = "***"
#: Field names (or parts of them) that hold personal data or secrets.
SENSITIVE_NAME_PARTS = ("password", "secret", "key", "token", "hash", "id_number", "id_card",
                        "phone", "mobile", "address", "birth", "health", "diagnos", "result",
                        "victim", "complainant", "guardian", "note", "narrative", "detail",
                        "description", "contact_person")
#: Models never tracked: the logs themselves, sessions, framework bookkeeping.
EXCLUDED_MODELS = {"federation.accesslog", "federation.heartbeat", "federation.passwordstate",
                   "auditlog.logentry", "sessions.session", "contenttypes.contenttype",
                   "admin.logentry", "auth.permission"}
#: Besides the project apps (those living in the repository), track these.
EXTRA_MODELS = {"auth.group", "otp_totp.totpdevice"}
#: Fields whose changes are noise (logins are recorded separately).
IGNORED_FIELDS = ("last_login", "last_used_at", "last_t", "throttling_failure_timestamp",
                  "throttling_failure_count", "drift")


def mask(value: str) -> str:
    return MASK


def is_encrypted(field: models.Field) -> bool:
    from encrypted_fields.fields import EncryptedFieldMixin

    return isinstance(field, EncryptedFieldMixin)


def is_sensitive(field: models.Field) -> bool:
    name = field.name.lower()
    return is_encrypted(field) or any(part in name for part in SENSITIVE_NAME_PARTS)


def holds_protected_data(model) -> bool:
    """Models with encrypted columns (cases, children...) hold the data PIPL calls sensitive."""
    return any(is_encrypted(f) for f in model._meta.concrete_fields)


def tracked_models() -> list[type[models.Model]]:
    base = str(settings.BASE_DIR)
    found = []
    for model in apps.get_models():
        label = model._meta.label_lower
        in_project = str(model._meta.app_config.path).startswith(base)
        if label in EXCLUDED_MODELS or not model._meta.managed:
            continue
        if in_project or label in EXTRA_MODELS:
            found.append(model)
    return found


def is_name(field: models.Field) -> bool:
    return field.name in ("name", "full_name") or (
        field.name.endswith("_name") and not field.name.startswith("name_"))


def sensitive_fields(model) -> list[str]:
    """Fields to mask; in a model holding protected data, the names of people too."""
    fields = model._meta.concrete_fields
    found = [f.name for f in fields if is_sensitive(f)]
    if holds_protected_data(model):
        found += [f.name for f in fields if is_name(f) and f.name not in found]
    return found


def register_models() -> None:
    """Register every tracked model with auditlog, masking its sensitive fields."""
    for model in tracked_models():
        concrete = {f.name for f in model._meta.concrete_fields}
        auditlog.register(
            model,
            exclude_fields=[f for f in IGNORED_FIELDS if f in concrete],
            mask_fields=sensitive_fields(model),
            mask_callable="federation.kernel.audit.mask",
            m2m_fields={f.name for f in model._meta.many_to_many},
        )


def entry_label(model, object_pk: str, label: str) -> str:
    """A record holding protected data is named by type and id, never by its __str__."""
    if model is not None and holds_protected_data(model):
        return f"{model._meta.verbose_name} #{object_pk}"
    return label


@receiver(pre_save, sender=LogEntry)
def anonymise_label(sender, instance: LogEntry, **kwargs):
    model = instance.content_type.model_class() if instance.content_type_id else None
    instance.object_repr = entry_label(model, instance.object_pk, instance.object_repr)


class AuditMiddleware:
    """Ties each audit entry to the request's user and its trusted client IP (auditlog's own
    middleware would believe any X-Forwarded-For header)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(("/health/", "/static/")):
            return self.get_response(request)  # must answer even with the database down
        user = getattr(request, "user", None)
        actor = user if user is not None and user.is_authenticated else None
        with set_extra_data(context_data={"actor": actor, "remote_addr": client_ip(request)}):
            response = self.get_response(request)
        if actor is not None and is_download(response) and not getattr(
                request, "export_logged", False):
            log_export(request, response)
        return response


def is_download(response) -> bool:
    return response.status_code == 200 and "attachment" in response.get(
        "Content-Disposition", "")


def log_export(request, response) -> None:
    """Every file a user downloads is an export: which page, which file, when, from where."""
    match = request.resolver_match
    disposition = response["Content-Disposition"]
    filename = disposition.split("filename=", 1)[-1].strip('"') if "filename=" in disposition \
        else ""
    AccessLog.objects.create(
        user=request.user, username=request.user.get_username(), ip=client_ip(request),
        action=AccessLog.Action.EXPORT, object_type=(match.view_name if match else "")[:60],
        object_label=filename[:120], detail=request.path[:300])


def over_http(request) -> bool:
    """A login through the portal, not a programmatic one (e.g. the test client's
    force_login, whose bare request has no client address): only the former is audited."""
    return request is not None and bool(request.META.get("REMOTE_ADDR"))


@receiver(user_logged_in)
def audit_login(sender, request, user, **kwargs):
    if over_http(request):
        log_access(request, user, AccessLog.Action.LOGIN, label=user.get_username(), user=user)


@receiver(user_logged_out)
def audit_logout(sender, request, user, **kwargs):
    if over_http(request) and user is not None:
        log_access(request, user, AccessLog.Action.LOGOUT, label=user.get_username(),
                   user=user)


@receiver(user_login_failed)
def audit_login_failure(sender, credentials, request=None, **kwargs):
    if not over_http(request):
        return
    username = str(credentials.get("username", ""))[:150]
    AccessLog.objects.create(username=username, ip=client_ip(request),
                             action=AccessLog.Action.LOGIN_FAILED, object_type="auth.user",
                             object_label=username[:120])
