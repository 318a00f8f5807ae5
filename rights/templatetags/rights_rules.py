"""The rules of rights.permissions as template filters: `{% if user|can_assign_case:case %}`."""

from django import template

from rights import permissions

register = template.Library()

register.filter("can_assign_case", permissions.can_assign_case)
register.filter("can_unmask_case", permissions.can_unmask_case)
register.filter("can_manage_case", permissions.can_manage_case)
register.filter("can_keep_registry", permissions.can_keep_registry)
