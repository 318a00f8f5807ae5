"""Factories for the activity log and monthly tallies."""

from __future__ import annotations

import datetime

import factory

from orgs.activities.models import Activity, ActivityCategory
from orgs.tallies.models import Indicator, Tally, TallyValue


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    title = factory.Sequence(lambda n: f"巾帼宣讲{n}")
    category = factory.LazyFunction(lambda: ActivityCategory.objects.get(code="ideology"))
    starts_on = datetime.date(2025, 3, 10)
    participants = 40
    women = 30


class TallyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tally

    month = datetime.date(2025, 3, 1)


def put(tally: Tally, **values) -> Tally:
    """Store values by indicator code directly (for set-up, not the code under test)."""
    for code, value in values.items():
        TallyValue.objects.update_or_create(
            tally=tally, indicator=Indicator.objects.get(code=code), defaults={"value": value})
    return tally


def ind(code: str) -> Indicator:
    return Indicator.objects.get(code=code)
