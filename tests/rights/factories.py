"""Factories for rights records; reference rows come from the data migration."""

from __future__ import annotations

import datetime

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from rights.models import (
    ActionType,
    Assistance,
    AssistanceKind,
    Case,
    CaseAction,
    Category,
    Channel,
    ColourLevel,
    Complainant,
    FundSource,
    Household,
    Mediation,
    Risk,
)

VALID_ID = "11010519491231002X"  # the textbook GB 11643 example


def received_this_year() -> datetime.date:
    """Five days ago, but within this year, which the statistics show by default."""
    today = timezone.localdate()
    return max(today - datetime.timedelta(5), today.replace(month=1, day=1))


def make_rights_staff(user):
    """Mark a district staff member as a rights handler (the documented group)."""
    user.groups.add(Group.objects.get(name="Rights case handlers"))
    return type(user).objects.get(pk=user.pk)  # fresh permission cache


class ComplainantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Complainant

    name = factory.Sequence(lambda n: f"李秀{n}")
    phone = factory.Sequence(lambda n: f"139{n:08d}")
    address = "东湖街道桃源社区12栋3单元"


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    complainant = factory.SubFactory(ComplainantFactory, org=factory.SelfAttribute("..org"))
    channel = factory.LazyFunction(lambda: Channel.objects.get(code="phone"))
    category = factory.LazyFunction(lambda: Category.objects.get(code="family_dispute"))
    risk = Risk.MEDIUM
    received_on = factory.LazyFunction(received_this_year)
    summary = "丈夫酗酒后多次争吵"
    other_party = "王建国"


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseAction

    type = factory.LazyFunction(lambda: ActionType.objects.get(code="consultation"))
    notes = "电话咨询"


class MediationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mediation

    parties = "李某、王某"
    mediators = "调解员甲"


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    head_name = factory.Sequence(lambda n: f"赵红{n}")
    phone = "13700001111"
    address = "东湖街道桃源社区5栋"
    colour = factory.LazyFunction(lambda: ColourLevel.objects.get(code="orange"))
    responsible = "社区网格员"


def resident_id(n: int, birth: str = "19800101") -> str:
    """A valid resident ID number (GB 11643 check digit), different for each n."""
    from federation.kernel.privacy import id_check_digit

    first17 = f"330102{birth}{n % 1000:03d}"
    return first17 + id_check_digit(first17)


class AssistanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assistance

    name = factory.Sequence(lambda n: f"王秀{n}")
    id_number = factory.Sequence(lambda n: resident_id(n))
    phone = factory.Sequence(lambda n: f"137{n:08d}")
    address = "东湖街道桃源社区5栋2单元"
    kind = factory.LazyFunction(lambda: AssistanceKind.objects.get(code="two_cancer"))
    amount = 10000
    given_on = factory.LazyFunction(received_this_year)
    fund_source = factory.LazyFunction(lambda: FundSource.objects.get(code="higher_special"))
