"""Who may do what with rights cases and the women's assistance registry: one function per
rule, asked by the views (decorators, PermissionDenied) and by the templates (the filters of
`{% load rights_rules %}`), so a link is shown exactly when its page answers. Which records a
user sees is decided by the querysets (orgs.scoping), not here."""

from __future__ import annotations

from rights.models import Case, Status, is_rights_staff
from rights.models.assistance import CHAIR_ROLES


def can_assign_case(user, case: Case) -> bool:
    """Assign (or reassign) the handler of an open case: rights staff only (district admins,
    district staff with the `rights.handle_case` permission), never a street chair, whatever
    permissions her account carries."""
    return user.can_write and is_rights_staff(user) and case.status != Status.CLOSED


def can_unmask_case(user, case: Case) -> bool:
    """Full personal data: rights staff, the registering user and the assigned handler
    (a supervising street chair sees masked data only)."""
    return user.can_write and (is_rights_staff(user) or user.pk in (
        case.registered_by_id, case.handler_id))


def can_manage_case(user, case: Case) -> bool:
    """Close, extend, follow up: rights staff and the assigned handler."""
    return user.can_write and (is_rights_staff(user) or user.pk == case.handler_id)


def can_keep_registry(user) -> bool:
    """The women's assistance registry: district admins and rights staff, street and
    community chairs."""
    return user.is_authenticated and user.can_write and (
        is_rights_staff(user) or user.role in CHAIR_ROLES)
