"""Factories for the activity log and monthly tallies."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from orgs.activities.models import Activity, ActivityCategory
from orgs.duties.models import Duty, DutyKind, VoiceRequest
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


class DutyFactory(factory.django.DjangoModelFactory):
    """A duty of `person` (pass person=; org defaults to hers)."""

    class Meta:
        model = Duty

    org = factory.SelfAttribute("person.org")
    kind = factory.LazyFunction(lambda: DutyKind.objects.get(code="contact"))
    # 10 March of this year, or today early in January (a duty is never in the future)
    done_on = factory.LazyFunction(
        lambda: min(datetime.date(timezone.localdate().year, 3, 10), timezone.localdate()))
    women_reached = 5
    text = "入户走访联系妇女"


def voice_request(duty, **fields) -> VoiceRequest:
    """A request passed up from `duty` (its kind becomes the voice kind)."""
    duty.kind = DutyKind.objects.get(code="voice")
    duty.save(update_fields=["kind"])
    fields = {"subject": "小区缺少托育点", "woman_name": "张美玲", "woman_phone": "13812345678",
              "detail": "双职工家庭接送困难", **fields}
    return VoiceRequest.objects.create(duty=duty, org=duty.org, **fields)
