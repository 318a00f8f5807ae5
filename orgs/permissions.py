"""Who may do what with the organization tree's reference data: one function per rule, asked
by the pages that link there (the filters of `{% load orgs_rules %}`), so a link is shown
exactly when its page answers."""

from __future__ import annotations


def can_edit_in_admin(user, model: str) -> bool:
    """The admin site's own rule for a model's change list ("app_label.model_name"): staff
    status and the model's view or change permission. A district admin whose account lacks
    staff status gets no link to a page that would refuse her."""
    app_label, name = model.split(".")
    return bool(user.is_authenticated and user.is_active and user.is_staff and (
        user.has_perm(f"{app_label}.view_{name}") or user.has_perm(f"{app_label}.change_{name}")))
