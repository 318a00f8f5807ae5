"""Who may use the cross-app pages: one function per rule, asked by the views
(`rule_required`) and by the templates (the filters of `{% load portal_rules %}`), so a menu
entry is shown exactly when its page answers."""

from __future__ import annotations

from orgs.models import Role

#: The year-end (or half-year) work summary: leaders read it, chairs of streets build theirs.
SUMMARY_ROLES = (Role.DISTRICT_ADMIN, Role.DISTRICT_STAFF, Role.LEADER, Role.STREET_CHAIR)
#: Next year's work plan is written by the district office and the street chairs.
PLAN_WRITERS = (Role.DISTRICT_ADMIN, Role.DISTRICT_STAFF, Role.STREET_CHAIR)


def _has_role(user, roles) -> bool:
    return user.is_authenticated and (user.is_superuser or user.role in roles)


def can_request_summary(user) -> bool:
    """Open the work summary, build one and download its files."""
    return _has_role(user, SUMMARY_ROLES)


def can_write_plan(user) -> bool:
    """Add, change and delete items of the work plan."""
    return _has_role(user, PLAN_WRITERS)


def can_read_access_log(user) -> bool:
    """The personal-data access log and the change history: district admins."""
    return _has_role(user, (Role.DISTRICT_ADMIN,))
