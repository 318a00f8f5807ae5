"""Scoping in one place. Two questions, two spellings:

- `Model.objects.visible_to(user)`: the rows a user may open. A user sees her organization and
  its subtree; sensitive models (rights cases, children's records) narrow it further in their
  own queryset.
- `Model.objects.within(org)`: the rows counted inside an organization's subtree, for figures
  (the dashboard, the API, the work summary, the statistics pages). Every figure function takes
  the organization whose subtree it counts as its first argument; a page passes the
  organization its user sees (`scope_root(user)`), a job the organization it reports on. No
  personal data leaves a figure function, so counting needs no user.

The tree stores a materialized path, so "inside the subtree" is one indexed prefix filter,
spelled `subtree_q(field, org)`; `street_of(field)` is the street (second level) a row belongs
to, as an SQL expression, and `street_path(org)` the same in Python. Models declare how they
reach an organization with `scope_field` (a lookup path such as "org" or "case__org"; "" for
the organization itself).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models.functions import Substr
from django.http import Http404
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from orgs.models import Organization, User

#: Characters of a path per tree level (treebeard's steplen for the Organization model).
STEPLEN = 4
#: The street (second) level of the tree: a street and everything below it share this prefix.
STREET_DEPTH = 2


def _lookup(field: str, name: str) -> str:
    return f"{field}__{name}" if field else name


def subtree_q(field: str, org: Organization) -> models.Q:
    """Rows whose organization (reached through `field`, "" for organizations themselves) is
    `org` or below it."""
    return models.Q(**{_lookup(field, "path__startswith"): org.path})


def path_q(field: str, path: str) -> models.Q:
    """The same as subtree_q for a path prefix (a user's scope path)."""
    return models.Q(**{_lookup(field, "path__startswith"): path})


def lineage_paths(path: str) -> list[str]:
    """The paths of an organization (by its path) and of every organization above it."""
    return [path[:i] for i in range(STEPLEN, len(path) + 1, STEPLEN)]


def lineage_q(field: str, org: Organization) -> models.Q:
    """Rows of `org` and of the organizations above it (its street, its district)."""
    return models.Q(**{_lookup(field, "path__in"): lineage_paths(org.path)})


def above_path_q(field: str, path: str) -> models.Q:
    """Rows of the organizations strictly above the one at `path`."""
    return models.Q(**{_lookup(field, "path__in"): lineage_paths(path)[:-1]})


def street_of(field: str = "org") -> Substr:
    """The path of the street a row's organization belongs to (itself for a street; the
    district's own rows give the district's path), as an SQL expression to group by."""
    return Substr(_lookup(field, "path"), 1, STREET_DEPTH * STEPLEN)


def child_of(field: str, org: Organization) -> Substr:
    """The path of the organization one level below `org` that a row's organization belongs
    to (`org`'s own rows give `org`'s path), as an SQL expression to group by: the streets of
    the district, the communities of a street."""
    return Substr(_lookup(field, "path"), 1, (org.depth + 1) * STEPLEN)


def street_path(org: Organization) -> str:
    """street_of() in Python, for one organization."""
    return org.path[:STREET_DEPTH * STEPLEN]


def parent_path(org: Organization) -> str:
    return org.path[:-STEPLEN]


def children_q(field: str, org: Organization) -> models.Q:
    """Rows of `org`'s direct children."""
    return subtree_q(field, org) & models.Q(**{_lookup(field, "depth"): org.depth + 1})


class ScopedQuerySet(models.QuerySet):
    def visible_to(self, user: User | AnonymousUser) -> ScopedQuerySet:
        if not user.is_authenticated or not user.is_active:
            return self.none()
        path = user.scope_path
        if path is None:
            return self.all() if user.is_superuser else self.none()
        return self.filter(path_q(self.model.scope_field, path))

    def within(self, org: Organization | None) -> ScopedQuerySet:
        """The rows counted inside `org`'s subtree (figures only; see the module docstring)."""
        if org is None:
            return self.none()
        return self.filter(subtree_q(self.model.scope_field, org))


ScopedManager = models.Manager.from_queryset(ScopedQuerySet)


def scope_root(user) -> Organization | None:
    """The organization whose subtree a user's figures count: her own; for a superuser without
    an organization, the top of the tree."""
    if not user.is_authenticated:
        return None
    if user.org_id:
        return user.org
    if user.is_superuser:
        from django.apps import apps

        return apps.get_model("orgs", "Organization").get_first_root_node()
    return None


def get_visible_or_404(queryset_or_model, user, **lookup):
    """Look an object up inside the user's scope: out of scope is simply not found."""
    qs = queryset_or_model
    if isinstance(qs, type):
        qs = qs._default_manager.all()
    try:
        return qs.visible_to(user).get(**lookup)
    except qs.model.DoesNotExist as exc:
        raise Http404 from exc


#: Separates the levels of an organization's label in pickers ("东湖街道妇联 › 桃源社区妇联").
TREE_SEPARATOR = " › "


def tree_label(path: str, names: dict[str, str]) -> str:
    """An organization's label by its place in the tree, from the street down (the district
    keeps its own name): "东湖街道妇联 › 桃源社区妇联"."""
    steplen = STEPLEN
    if len(path) <= steplen:
        return names.get(path, "")
    chain = (path[:steplen * depth] for depth in range(2, len(path) // steplen + 1))
    return TREE_SEPARATOR.join(names[p] for p in chain if p in names)


class _TreeLabeller:
    """`label_from_instance` of an organization field: the tree label, with the names of the
    user's street (or district) fetched in one query per form, not one per option."""

    def __init__(self, user):
        self.user = user
        self.names: dict[str, str] | None = None

    def __call__(self, org) -> str:
        if self.names is None:
            from django.apps import apps

            scope = self.user.scope_path or ""
            root = scope[:STEPLEN * STREET_DEPTH]
            self.names = dict(apps.get_model("orgs", "Organization").objects
                              .filter(path__startswith=root).values_list("path", "name"))
        return tree_label(org.path, self.names) or org.name


def org_fields(form):
    """The names of a form's fields that choose organizations."""
    from django import forms

    return [name for name, field in form.fields.items()
            if isinstance(field, forms.ModelChoiceField)
            and getattr(getattr(field.queryset, "model", None), "_meta", None) is not None
            and field.queryset.model._meta.label == "orgs.Organization"]


def restrict_org_fields(form, user) -> None:
    """Every organization field of `form` offers only the user's subtree, ordered by the tree
    (path) and labelled by it, as a searchable picker (static/js/org-picker.js)."""
    labeller = _TreeLabeller(user)
    for name in org_fields(form):
        field = form.fields[name]
        field.queryset = (field.queryset.visible_to(user).order_by("path").defer(None)
                          .only("pk", "name", "path", "depth", "kind"))
        field.label_from_instance = labeller
        field.widget.attrs["data-org-picker"] = "true"
        field.widget.attrs["data-org-picker-empty"] = _("No organization matches.")


class ScopedFormMixin:
    """For any form that picks an organization: `restrict_orgs(user)` (call it at the end of
    `__init__`, once the form has set its own querysets) narrows every organization field to
    the user's subtree, and after validation the organization saved (each organization field,
    and the instance's own `org`) is checked again to be inside that subtree."""

    scope_user = None

    def restrict_orgs(self, user) -> None:
        self.scope_user = user
        restrict_org_fields(self, user)

    def _post_clean(self):
        super()._post_clean()
        user = self.scope_user
        if user is None:
            return
        path = user.scope_path
        if path is None and user.is_superuser:
            return
        message = _("Choose an organization inside your own scope.")
        for name in org_fields(self):
            org = self.cleaned_data.get(name)
            if org is not None and (path is None or not org.path.startswith(path)):
                self.add_error(name, message)
        instance = getattr(self, "instance", None)
        org = getattr(instance, "org", None) if instance is not None else None
        if org is not None and hasattr(org, "path") and (path is None
                                                         or not org.path.startswith(path)):
            self.add_error(None, message)
