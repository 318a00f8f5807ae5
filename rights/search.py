"""This app's part of the global search box: a case only by its case number, and only for
those the case visibility rule lets see it."""

from __future__ import annotations

from django.utils.translation import gettext as _

from federation.kernel.hooks import Hit, Section
from rights.models import Case


def search(user, text: str) -> list[Section]:
    cases = Case.objects.visible_to(user).filter(number__iexact=text.strip()).only(
        "pk", "number", "status")[:1]
    return [Section(_("Rights cases"), [Hit(c.number, c.get_absolute_url(),
                                            c.get_status_display()) for c in cases])]
