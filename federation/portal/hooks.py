"""Finds each project app's hook modules (`<app>/<hook>.py`, see federation.kernel.hooks),
in INSTALLED_APPS order. A project app is one whose code lives in this checkout; a new app
joins the dashboard, to-do list, search, home page, demo data and summary by having the
module, without being named anywhere."""

from __future__ import annotations

import importlib
import importlib.util
from functools import cache
from pathlib import Path
from types import ModuleType

from django.apps import apps
from django.conf import settings


def project_apps() -> list[str]:
    """The installed apps whose code lives in this project (not in site-packages)."""
    root = Path(settings.BASE_DIR).resolve()
    return [config.name for config in apps.get_app_configs()
            if Path(config.path).resolve().is_relative_to(root)
            and ".venv" not in Path(config.path).parts]


@cache
def app_hooks(hook: str) -> tuple[ModuleType, ...]:
    """The `<app>.<hook>` module of every project app that has one."""
    modules = []
    for name in project_apps():
        module = f"{name}.{hook}"
        if importlib.util.find_spec(module) is not None:
            modules.append(importlib.import_module(module))
    return tuple(modules)
