"""Registries that answer tally indicators. The monthly tally (orgs) pre-fills an indicator
from the activity log; a domain app's registry (the women's assistance registry in rights …)
answers others. orgs may not import the domain apps, so each app registers its answer
function here from its AppConfig.ready(); orgs asks every registered function.

An answer function takes an organization's pk and the first day of a month and returns
{indicator pk: value} for that organization's own records of the month, in one query."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal

Answers = Callable[[int, datetime.date], dict[int, Decimal]]

_registries: list[Answers] = []


def register(answers: Answers) -> Answers:
    if answers not in _registries:
        _registries.append(answers)
    return answers


def registry_answers(org_id: int, month: datetime.date) -> dict[int, Decimal]:
    found: dict[int, Decimal] = {}
    for answers in _registries:
        found.update(answers(org_id, month))
    return found
