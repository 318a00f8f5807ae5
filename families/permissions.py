"""Who may do what with inspection rounds: one function per rule, asked by the views
(`rule_required`) and by the templates (the filters of `{% load families_rules %}`), so a
link is shown exactly when its page answers. Which households a user sees is decided by the
querysets (orgs.scoping), not here; household pages need `user.can_write`."""

from __future__ import annotations

from orgs.models import Role

#: Rounds are drawn by the district office and the street chairs.
ROUND_ROLES = (Role.DISTRICT_STAFF, Role.DISTRICT_ADMIN, Role.STREET_CHAIR)


def _has_role(user, roles) -> bool:
    return user.is_authenticated and (user.is_superuser or user.role in roles)


def can_start_round(user) -> bool:
    """Draw a new inspection round."""
    return _has_role(user, ROUND_ROLES)


def can_fill_round(user) -> bool:
    """Download a round's inspection sheet and import the filled-in sheet: whoever draws
    rounds, and the village chairs who inspect their households in them."""
    return _has_role(user, (*ROUND_ROLES, Role.COMMUNITY_CHAIR))
