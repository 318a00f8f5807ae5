"""TOTP two-factor: enrolment with a QR code drawn on the server, and the code step after the
password. Devices are django-otp's; a district admin deletes a lost one in the admin."""

from __future__ import annotations

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from federation.kernel.models import AccessLog, log_access
from federation.portal.accounts import SESSION_NO_DEVICE, has_two_factor


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("6-digit code from the authenticator app"), max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                      "autofocus": True}))

    def clean_token(self) -> str:
        return self.cleaned_data["token"].strip().replace(" ", "")


def next_url(request, default: str = "home") -> str:
    url = request.GET.get("next") or request.POST.get("next") or ""
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}):
        return url
    return default


def qr_svg(data: str) -> str:
    """An inline SVG QR code: no image service, no script."""
    return mark_safe(segno.make(data, error="m").svg_inline(scale=5, dark="#000", light="#fff"))


@login_required
def setup(request):
    """Enrol a TOTP device: scan the code, type one code back to confirm it works."""
    if has_two_factor(request.user):
        messages.info(request, _("Two-factor authentication is already set up."))
        return redirect("home")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, confirmed=False,
                                           name=_("Authenticator app"))
    form = TokenForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, _("Two-factor authentication is now on."))
            return redirect(next_url(request))
        form.add_error("token", _("The code is wrong or has expired. Try the current one."))
    return render(request, "registration/two_factor_setup.html", {
        "form": form, "qr": qr_svg(device.config_url), "secret": secret_text(device),
        "next": next_url(request, "")})


def secret_text(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for typing into the app by hand."""
    from base64 import b32encode

    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i:i + 4] for i in range(0, len(key), 4))


@login_required
def verify(request):
    """The second step of the login for users with a device."""
    if request.user.is_verified():
        return redirect(next_url(request))
    if not has_two_factor(request.user):  # e.g. the device was removed by an admin
        request.session[SESSION_NO_DEVICE] = True
        return redirect(next_url(request))
    form = TokenForm(request.POST or None)
    if form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(next_url(request))
        log_access(request, request.user, AccessLog.Action.LOGIN_FAILED,
                   label=request.user.get_username(), detail="two-factor code")
        form.add_error("token", _("The code is wrong or has expired. Try the current one."))
    return render(request, "registration/two_factor_verify.html",
                  {"form": form, "next": next_url(request, "")})
