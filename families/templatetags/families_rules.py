"""The rules of families.permissions as template filters: `{% if user|can_fill_round %}`."""

from django import template

from families import permissions

register = template.Library()

register.filter("can_start_round", permissions.can_start_round)
register.filter("can_fill_round", permissions.can_fill_round)
