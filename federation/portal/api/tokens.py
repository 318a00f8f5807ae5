"""Read-API tokens: who may have one, making, renewing and revoking them, and authenticating
the API's requests with them (every use written to the access log).

A token is made only by a user who has two-factor authentication set up when her role
requires it; leaders (who change nothing) get one only if settings.API_TOKENS_FOR_LEADERS.
Tokens expire after settings.API_TOKEN_DAYS (default 90) unless renewed; the key is stored as
a SHA-256 hash and shown once."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from federation.kernel.models import AccessLog, ApiToken, log_access
from federation.portal.accounts import has_two_factor, is_case_handler, two_factor_required
from orgs.models import Role


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def refusal(user) -> str | None:
    """Why this user may not have a token, or None."""
    if user.role == Role.LEADER and not settings.API_TOKENS_FOR_LEADERS:
        return _("Leaders' accounts do not get API tokens on this portal.")
    if two_factor_required(user, is_case_handler(user)) and not has_two_factor(user):
        return _("Your role requires two-factor authentication: set it up before you create "
                 "an API token.")
    return None


def expiry() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=settings.API_TOKEN_DAYS)


def issue(user) -> tuple[ApiToken, str]:
    key = secrets.token_urlsafe(30)
    token = ApiToken.objects.create(user=user, key_hash=key_hash(key), prefix=key[:8],
                                    expires_at=expiry())
    return token, key


def revoke(token: ApiToken, by) -> None:
    if token.revoked_at is None:
        token.revoked_at, token.revoked_by = timezone.now(), by
        token.save(update_fields=["revoked_at", "revoked_by"])


class ExpiringTokenAuthentication(BaseAuthentication):
    """`Authorization: Token <key>`: a live token of an active user who may still hold one."""

    keyword = "Token"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        try:
            key = parts[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        token = (ApiToken.objects.select_related("user__org")
                 .filter(key_hash=key_hash(key)).first())
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("This token has been revoked."))
        if token.is_expired:
            raise exceptions.AuthenticationFailed(_("This token has expired: renew it on your "
                                                    "API token page."))
        if token.user.role == Role.LEADER and not settings.API_TOKENS_FOR_LEADERS:
            raise exceptions.AuthenticationFailed(_("Leaders' accounts do not get API tokens "
                                                    "on this portal."))
        log_access(request, token, AccessLog.Action.API, label=f"token {token.prefix}",
                   detail=f"{request.method} {request.path}"[:300], user=token.user)
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword


@login_required
def token_page(request):
    """The user's tokens with their expiry and last use; POST makes, renews or revokes one."""
    user, new_key = request.user, None
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "create":
            problem = refusal(user)
            if problem:
                messages.error(request, problem)
                return redirect("api_token")
            token, new_key = issue(user)
            log_access(request, token, AccessLog.Action.CREATE, label=f"token {token.prefix}")
        else:
            pk = request.POST.get("token", "")
            token = get_object_or_404(ApiToken, user=user,
                                      pk=int(pk) if pk.isdigit() and len(pk) < 18 else 0)
            if action == "renew" and token.revoked_at is None:
                if refusal(user):
                    messages.error(request, refusal(user))
                    return redirect("api_token")
                token.expires_at = expiry()
                token.save(update_fields=["expires_at"])
                messages.success(request, _("The token now expires on %(date)s.") % {
                    "date": timezone.localtime(token.expires_at).strftime("%Y-%m-%d")})
            elif action == "revoke":
                revoke(token, user)
                log_access(request, token, AccessLog.Action.CHANGE,
                           label=f"token {token.prefix}", detail="revoked")
                messages.success(request, _("The token was revoked."))
            return redirect("api_token")
    tokens = list(ApiToken.objects.filter(user=user))
    used = dict(AccessLog.objects.filter(
        action=AccessLog.Action.API, object_type="federation.apitoken",
        object_id__in=[str(t.pk) for t in tokens]).order_by().values("object_id")
        .annotate(last=Max("at")).values_list("object_id", "last"))
    for token in tokens:
        token.last_used = used.get(str(token.pk))
    return render(request, "api_token.html", {
        "tokens": tokens, "new_key": new_key, "refusal": refusal(user),
        "needs_two_factor": two_factor_required(user, is_case_handler(user))
        and not has_two_factor(user),
        "days": settings.API_TOKEN_DAYS}, status=201 if new_key else 200)


class ExpiringTokenScheme(OpenApiAuthenticationExtension):
    """The API schema's description of the token header."""

    target_class = "federation.portal.api.tokens.ExpiringTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": "Authorization",
                "description": "Token <key>"}
