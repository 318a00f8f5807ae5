"""Password rules beyond Django's own validators, and the record of when a password was set."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.forms import AdminPasswordChangeForm, AdminUserCreationForm
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

CLASSES = (str.islower, str.isupper, str.isdigit)


def character_classes(password: str) -> int:
    """How many of lowercase, uppercase, digits and other characters the password uses."""
    found = {i for c in password for i, test in enumerate(CLASSES) if test(c)}
    if any(not (c.islower() or c.isupper() or c.isdigit()) for c in password):
        found.add(len(CLASSES))
    return len(found)


class CharacterClassesValidator:
    """Require `PASSWORD_CHARACTER_CLASSES` of the four classes (等保 practice; 0 switches it off).

    OWASP ASVS 5 (2.1.9 in v4) advises against composition rules; the setting lets a deployment
    that is not assessed under 等保 follow ASVS instead."""

    def __init__(self, min_classes: int | None = None):
        self.min_classes = min_classes

    @property
    def required(self) -> int:
        if self.min_classes is not None:
            return self.min_classes
        return getattr(settings, "PASSWORD_CHARACTER_CLASSES", 3)

    def validate(self, password, user=None):
        if self.required and character_classes(password) < self.required:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self):
        return ngettext(
            "Your password must mix at least %(n)d kind of character: lowercase letters, "
            "uppercase letters, digits, other characters.",
            "Your password must mix at least %(n)d kinds of characters: lowercase letters, "
            "uppercase letters, digits, other characters.",
            self.required) % {"n": self.required} if self.required else ""


class MaximumLengthValidator:
    """An upper bound well above 64 characters (ASVS), so hashing stays cheap."""

    def __init__(self, max_length: int = 128):
        self.max_length = max_length

    def validate(self, password, user=None):
        if len(password) > self.max_length:
            raise ValidationError(self.get_help_text(), code="password_too_long")

    def get_help_text(self):
        return _("Your password can have at most %(n)d characters.") % {"n": self.max_length}


class PasswordChangeRecorder:
    """Not a rule: Django calls `password_changed` after every new password is saved."""

    def validate(self, password, user=None):
        return None

    def password_changed(self, password, user=None):
        if user is not None and user.pk:
            from federation.kernel.models import PasswordState

            PasswordState.objects.update_or_create(user=user,
                                                   defaults={"changed_at": timezone.now()})

    def get_help_text(self):
        return ""


def password_expired(user) -> bool:
    """True when PASSWORD_MAX_AGE_DAYS is set and the user's password is older than that."""
    days = getattr(settings, "PASSWORD_MAX_AGE_DAYS", 0)
    if not days:
        return False
    state = getattr(user, "password_state", None)
    changed_at = state.changed_at if state else user.date_joined
    return changed_at < timezone.now() - datetime.timedelta(days=days)


class InitialPasswordForm(AdminUserCreationForm):
    """Admin's new-user form: the password it sets must be changed at first login."""

    def save(self, commit=True):
        self.instance.must_change_password = True
        return super().save(commit=commit)


class ResetPasswordForm(AdminPasswordChangeForm):
    """Admin's set-password form: a reset password must be changed at the next login."""

    def save(self, commit=True):
        self.user.must_change_password = True
        return super().save(commit=commit)
