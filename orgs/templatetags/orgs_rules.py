"""The rules of orgs.permissions as template filters:
`{% if user|can_edit_in_admin:"orgs.indicator" %}`."""

from django import template

from orgs import permissions

register = template.Library()

register.filter("can_edit_in_admin", permissions.can_edit_in_admin)
