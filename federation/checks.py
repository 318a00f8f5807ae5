"""System checks of the portal's own settings."""

from __future__ import annotations

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def demo_mode_is_not_for_production(app_configs, **kwargs):
    if getattr(settings, "DEMO", False):
        return [checks.Error(
            "DEMO is on: development keys, plain HTTP and no secure cookies.",
            hint="Unset DEMO in production (it is for `make run` only).",
            id="federation.E001")]
    return []
