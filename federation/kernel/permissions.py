"""Role checks shared by every app's views. Which *objects* a user may touch is decided by
querysets (orgs.scoping); these decorators only decide which *actions* a role may take."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def write_required(view):
    """Leaders read; every other role may record work in its own scope."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.can_write:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def role_required(*roles):
    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not (request.user.is_superuser or request.user.role in roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def rule_required(predicate):
    """The view answers only users for whom `predicate(user)` holds. Predicates live in each
    app's `permissions.py` and are exposed to templates as filters (`<app>_rules` template
    libraries), so a link is shown by the same function that lets its view answer."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not predicate(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
