"""Scoping in one place: every scoped model's queryset answers `visible_to(user)`.

A user sees her organization and its subtree. The tree stores a materialized path, so
"inside the subtree" is one indexed `path__startswith` filter. Models declare how they reach
an organization with `scope_field` (a lookup path such as "org" or "case__org"; "" for the
organization itself). Sensitive models narrow `visible_to` further in their own queryset.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.http import Http404

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from orgs.models import User


def scope_filter(scope_field: str, path: str) -> models.Q:
    lookup = f"{scope_field}__path__startswith" if scope_field else "path__startswith"
    return models.Q(**{lookup: path})


class ScopedQuerySet(models.QuerySet):
    def visible_to(self, user: User | AnonymousUser) -> ScopedQuerySet:
        if not user.is_authenticated or not user.is_active:
            return self.none()
        path = user.scope_path
        if path is None:
            return self.all() if user.is_superuser else self.none()
        return self.filter(scope_filter(self.model.scope_field, path))


ScopedManager = models.Manager.from_queryset(ScopedQuerySet)


def get_visible_or_404(queryset_or_model, user, **lookup):
    """Look an object up inside the user's scope: out of scope is simply not found."""
    qs = queryset_or_model
    if isinstance(qs, type):
        qs = qs._default_manager.all()
    try:
        return qs.visible_to(user).get(**lookup)
    except qs.model.DoesNotExist as exc:
        raise Http404 from exc


class ScopedViewMixin:
    """For class-based views: querysets come only through `visible_to`."""

    model: type[models.Model]

    def get_queryset(self):
        return self.model._default_manager.visible_to(self.request.user)


class OrgScope:
    """Stands in for a user when a job without one (the year-end summary, scheduled reports)
    needs the figures of a subtree: it sees that subtree as a district admin placed there
    would. Only aggregate figures are computed through it; it never renders a page."""

    is_authenticated = True
    is_active = True
    is_superuser = False
    is_anonymous = False
    pk = None
    org_id = None

    def __init__(self, org):
        self.org = org
        self.org_id = org.pk
        self.role = "district_admin"

    @property
    def scope_path(self) -> str:
        return self.org.path

    is_district = True
    is_district_admin = True
    can_write = False

    def has_perm(self, perm: str, obj=None) -> bool:
        return True

    def __str__(self) -> str:
        return f"scope:{self.org.code}"
