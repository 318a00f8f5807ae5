"""The rules of children.permissions as template filters:
`{% if user|can_see_child_records %}`."""

from django import template

from children import permissions

register = template.Library()

register.filter("can_see_child_records", permissions.can_see_child_records)
