"""The portal's security hook: whoever handles a rights case must use two-factor."""

from __future__ import annotations

from rights.models import Case


def requires_two_factor(user) -> bool:
    return Case.objects.filter(handler=user).exists()
