from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from orgs.models import ROLE_ORG_KINDS, Organization, OrgKind, Role, User
from orgs.scoping import ScopedFormMixin


def check_role_org(role: str, org: Organization | None) -> str | None:
    """A message if an account of `role` cannot belong to `org`, else None."""
    kinds = ROLE_ORG_KINDS.get(role, ())
    if org is not None and org.kind in kinds:
        return None
    return _("A %(role)s account belongs to a %(kinds)s.") % {
        "role": Role(role).label, "kinds": "、".join(str(OrgKind(k).label) for k in kinds)}


class UserForm(ScopedFormMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["username", "first_name", "org", "role", "phone", "email"]
        labels = {"first_name": _("full name")}

    def __init__(self, *args, manager: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.manager = manager
        self.fields["org"].queryset = Organization.objects.filter(
            kind__in={k for role, kinds in ROLE_ORG_KINDS.items()
                      if role != Role.EXECUTIVE_MEMBER for k in kinds})
        self.restrict_orgs(manager)
        self.fields["org"].required = True
        self.fields["role"].choices = manager.manageable_roles()
        self.fields["role"].required = True
        self.fields["first_name"].required = True
        if self.instance.pk:
            self.fields["username"].disabled = True

    def clean(self):
        cleaned = super().clean()
        role, org = cleaned.get("role"), cleaned.get("org")
        if role and org and (message := check_role_org(role, org)):
            self.add_error("org", message)
        return cleaned
