"""Factories for child-friendly projects, nursing rooms and children's records.

Reference rows come from the data migration; factories look them up by code."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory

from children.models import (
    Assessment,
    Child,
    Expert,
    Facility,
    Grant,
    GrantProgramme,
    Milestone,
    NursingRoom,
    Pairing,
    PlaceType,
    Project,
    ProjectDomain,
    Visit,
)
from children.models.assistance import ChildCategory
from federation.kernel.privacy import id_check_digit


def resident_id(serial: int, birth: str = "20150601") -> str:
    first17 = f"110105{birth}{serial % 1000:03d}"
    return first17 + id_check_digit(first17)


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    name = factory.Sequence(lambda n: f"儿童友好公园{n}")
    domain = factory.LazyFunction(lambda: ProjectDomain.objects.get(code="park"))
    planned_area = None
    starts_on = datetime.date(2025, 3, 1)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    title = factory.Sequence(lambda n: f"节点{n}")
    due_on = datetime.date(2025, 6, 1)


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NursingRoom

    name = factory.Sequence(lambda n: f"母婴室{n}")
    place_name = factory.Sequence(lambda n: f"万达广场{n}")
    place_type = factory.LazyFunction(lambda: PlaceType.objects.get(code="mall"))
    area = Decimal("12")
    status = "built"
    built_on = datetime.date(2024, 5, 1)


class ExpertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expert

    name = factory.Sequence(lambda n: f"专家{n}")
    field = "妇幼保健"


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    expert = factory.SubFactory(ExpertFactory, org=factory.SelfAttribute("..room.org"))
    assessed_on = datetime.date(2025, 1, 10)
    rating = 4


class ChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Child

    name = factory.Sequence(lambda n: f"林小梅{n}")
    id_number = factory.Sequence(lambda n: resident_id(n))
    gender = "F"
    birth_year = 2015
    category = ChildCategory.LEFT_BEHIND
    guardian_name = "林奶奶"
    situation = "父母在外务工"


class PairingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pairing

    mother_name = "周秀英"
    since = datetime.date(2024, 1, 1)


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Visit

    visited_on = datetime.date(2025, 2, 1)
    visitor = "周秀英"
    notes = "学习情况良好"


class GrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Grant

    programme = factory.LazyFunction(lambda: GrantProgramme.objects.get(code="spring_bud"))
    amount = Decimal("500")
    paid_on = factory.LazyFunction(datetime.date.today)
    payer = "区妇联"


def facilities() -> list[Facility]:
    return list(Facility.objects.all())
