"""This app's part of the global search box: households and honours in the user's scope."""

from __future__ import annotations

from django.utils.translation import gettext as _

from families.models import Honour, Household
from federation.kernel.hooks import Hit, Section

LIMIT = 20


def search(user, text: str) -> list[Section]:
    households = (Household.objects.visible_to(user).search(text).select_related("org")
                  .only("pk", "head_name", "org__name")[:LIMIT])
    honours = (Honour.objects.visible_to(user).search(text)
               .select_related("recipient", "honour_type", "org")
               .only("pk", "year", "recipient__name", "honour_type__name_zh",
                     "honour_type__name_en", "org__name")[:LIMIT])
    return [
        Section(_("Households"), [Hit(h.head_name, h.get_absolute_url(), h.org.name)
                                  for h in households]),
        Section(_("Honours"), [Hit(h.recipient.name, h.get_absolute_url(),
                                   f"{h.year} · {h.honour_type.name} · {h.org.name}")
                               for h in honours]),
    ]
