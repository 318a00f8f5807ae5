"""The rules of federation.portal.permissions as template filters:
`{% if user|can_request_summary %}`."""

from django import template

from federation.portal import permissions

register = template.Library()

register.filter("can_request_summary", permissions.can_request_summary)
register.filter("can_write_plan", permissions.can_write_plan)
register.filter("can_read_access_log", permissions.can_read_access_log)
