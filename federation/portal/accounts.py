"""Account security: the gate every request passes (session age, two-factor step, forced
password change), the password-change view that lifts the force, and ending a user's sessions."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from federation.kernel.passwords import password_expired
from federation.portal.hooks import app_hooks

SESSION_STARTED = "federation_auth_started"
SESSION_SEEN = "federation_last_seen"
SESSION_NO_DEVICE = "federation_no_otp_device"
SESSION_HANDLES_CASES = "federation_handles_cases"
#: In TWO_FACTOR_REQUIRED_ROLES: anyone a rights case is assigned to, whatever her role (a
#: street chair may handle the cases of her street).
CASE_HANDLER = "case_handler"
#: The idle expiry moves on at most this often (a session write), not on every request.
SESSION_REFRESH_SECONDS = 60


def two_factor_required(user, handles_cases: bool) -> bool:
    """District admins and case handlers (settings.TWO_FACTOR_REQUIRED_ROLES) must use TOTP.
    `handles_cases` is what the session noted at login (is_case_handler)."""
    roles = settings.TWO_FACTOR_REQUIRED_ROLES
    if not roles:
        return False
    if user.role in roles or user.is_superuser:
        return True
    return CASE_HANDLER in roles and handles_cases


def is_case_handler(user) -> bool:
    """Whether an app says this user handles its sensitive records (a rights case assigned to
    her, say): each app's `security.py` may define `requires_two_factor(user) -> bool`."""
    return any(module.requires_two_factor(user) for module in app_hooks("security"))


def has_two_factor(user) -> bool:
    from django_otp import user_has_device

    return user_has_device(user, confirmed=True)


def must_change_password(user) -> bool:
    return user.must_change_password or password_expired(user)


@receiver(user_logged_in)
def remember_login_time(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[SESSION_STARTED] = request.session[SESSION_SEEN] = now
        # Looked up once here rather than on every request.
        request.session[SESSION_NO_DEVICE] = not has_two_factor(user)
        request.session[SESSION_HANDLES_CASES] = is_case_handler(user)


class SecurityGateMiddleware:
    """Runs after authentication and django-otp's middleware, before any view:

    1. a session older than SESSION_ABSOLUTE_SECONDS ends, however active it was, and an
       active one has its idle expiry (SESSION_COOKIE_AGE) moved on once a minute;
    2. a user with a TOTP device must enter a code after the password;
    3. a user with an initial, reset or expired password must change it;
    4. a user whose role requires two-factor must enrol a device.
    """

    OPEN_PATHS = ("/static/", "/health/", "/i18n/", "/accounts/login/", "/accounts/logout/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith(self.OPEN_PATHS):
            return self.get_response(request)
        session, now = request.session, int(time.time())
        session.setdefault(SESSION_STARTED, now)  # sessions from before this rule
        if now - session[SESSION_STARTED] > settings.SESSION_ABSOLUTE_SECONDS:
            logout(request)
            return self.send_to(request, f"{reverse('login')}?{urlencode({'next': request.path})}")
        if now - session.get(SESSION_SEEN, 0) > SESSION_REFRESH_SECONDS:
            session[SESSION_SEEN] = now  # saving the session pushes its expiry on
        target = self.required_step(request, user)
        if target and request.path != target:
            return self.send_to(request, f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def send_to(request, url: str) -> HttpResponse:
        """A redirect; but an htmx fragment request (the navbar's to-do count) gets an empty
        204, which htmx leaves unswapped: the page around it is already held at the gate, and
        following the redirect would swap a whole page into the fragment."""
        if request.headers.get("HX-Request"):
            return HttpResponse(status=204)
        return redirect(url)

    @staticmethod
    def required_step(request, user) -> str | None:
        verified = user.is_verified() if hasattr(user, "is_verified") else False
        if not verified and not request.session.get(SESSION_NO_DEVICE, False):
            return reverse("two_factor_verify")
        if must_change_password(user):
            return reverse("password_change")
        if not verified and two_factor_required(
                user, request.session.get(SESSION_HANDLES_CASES, False)):
            return reverse("two_factor_setup")
        return None


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's view; saving a new password lifts the forced change and keeps the session."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["forced"] = must_change_password(self.request.user)
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        user = self.request.user
        if user.must_change_password:
            user.must_change_password = False
            user.save(update_fields=["must_change_password"])
        next_url = self.request.GET.get("next", "")
        if url_has_allowed_host_and_scheme(next_url, {self.request.get_host()}):
            messages.success(self.request, _("Your password was changed."))
            return redirect(next_url)
        return response
