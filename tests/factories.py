"""Factories for the organization tree and its people; apps add theirs under tests/<app>/."""

from __future__ import annotations

import datetime

import factory

from orgs.models import Organization, OrgKind, Person, Position, Post, Role, Term, User


class OrganizationFactory(factory.django.DjangoModelFactory):
    """Pass `parent=` to hang the node under another; without it, a root is created."""

    class Meta:
        model = Organization

    code = factory.Sequence(lambda n: f"T{n:05d}")
    name = factory.Sequence(lambda n: f"测试妇联{n}")
    kind = OrgKind.DISTRICT

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        node = model_class(**kwargs)
        if parent is None:
            return model_class.objects.add_root(instance=node)
        return model_class.objects.add_child(parent, instance=node)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.DISTRICT_STAFF
    password = factory.django.Password("test-pass-123")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"王秀{n}")
    birth_year = 1980


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term

    number = factory.Sequence(lambda n: n + 1)
    election_date = datetime.date(2021, 6, 1)
    starts_on = datetime.date(2021, 6, 1)
    ends_on = datetime.date(2026, 6, 1)


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    person = factory.SubFactory(PersonFactory, org=factory.SelfAttribute("..org"))
    post = Post.MEMBER
    started_on = datetime.date(2021, 6, 1)
