"""This app's part of the global search box."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from federation.kernel.hooks import Hit, Section
from orgs.models import Organization, Person

LIMIT = 20


def search(user, text: str) -> list[Section]:
    orgs = Organization.objects.visible_to(user).filter(
        Q(name__icontains=text) | Q(code__iexact=text)).only("pk", "name", "code", "kind")
    people = (Person.objects.visible_to(user).filter(name__icontains=text)
              .select_related("org").only("pk", "name", "org__name"))
    return [
        Section(_("Organizations"), [
            Hit(o.name, reverse("orgs:detail", args=[o.pk]), f"{o.code} · {o.get_kind_display()}")
            for o in orgs[:LIMIT]]),
        Section(_("Committee members"), [
            Hit(p.name, reverse("orgs:person", args=[p.pk]), p.org.name) for p in people[:LIMIT]]),
    ]
