"""Who may see children's personal records: one function per rule, asked by the views
(`rule_required`) and by the templates (the filters of `{% load children_rules %}`), so a
menu entry is shown exactly when its page answers. Writing anything needs `user.can_write`;
which records a user sees is decided by the querysets (orgs.scoping)."""

from __future__ import annotations

from orgs.models import Role


def can_see_child_records(user) -> bool:
    """Children's records and grants are for caseworkers, never for leaders (even read-only:
    they see the figures)."""
    return user.is_authenticated and user.role != Role.LEADER
