"""This app's part of the global search box: projects by name; a child's record only by its
record number, and only for those who may see it (never by name: names are encrypted)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from children.models import Child, Project
from federation.kernel.hooks import Hit, Section

LIMIT = 20


def search(user, text: str) -> list[Section]:
    projects = (Project.objects.visible_to(user).filter(name__icontains=text)
                .select_related("org").only("pk", "name", "org__name")[:LIMIT])
    children = Child.objects.visible_to(user).filter(record_no__iexact=text).only(
        "pk", "record_no")[:1]
    return [
        Section(_("Child-friendly projects"), [Hit(p.name, p.get_absolute_url(), p.org.name)
                                              for p in projects]),
        Section(_("Children's records"), [Hit(c.record_no, c.get_absolute_url())
                                         for c in children]),
    ]

