"""Account operations used by the user-management pages and the user import."""

from __future__ import annotations

import secrets

from orgs.models import User

# No look-alike characters: chairs type these from a phone message.
ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def temporary_password() -> str:
    """12 random characters with a digit, a lower and an upper case letter."""
    while True:
        password = "".join(secrets.choice(ALPHABET) for _ in range(12))
        if (any(c.isdigit() for c in password) and any(c.islower() for c in password)
                and any(c.isupper() for c in password)):
            return password


def set_temporary_password(user: User) -> str:
    """Give the account a one-time password that must be changed at the next login."""
    password = temporary_password()
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    return password
