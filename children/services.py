"""Retention: children's records are anonymized once assistance has ended and the archive
period has passed (PIPL; DOMAIN.md §4 "delete or anonymise after closure + archive period")."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from children.models import Child, Pairing, Visit
from federation.kernel.models import AccessLog

DEFAULT_ARCHIVE_YEARS = 3


def archive_years() -> int:
    return getattr(settings, "CHILDREN_ARCHIVE_YEARS", DEFAULT_ARCHIVE_YEARS)


@transaction.atomic
def anonymize_closed(today: datetime.date, years: int | None = None) -> int:
    """Blank the personal fields of children whose assistance ended `years` ago or more.

    Counts, categories, organizations, grants and dates stay for the statistics. Returns the
    number of records anonymized; each is recorded in the access log."""
    years = archive_years() if years is None else years
    cutoff = today - datetime.timedelta(days=round(365.25 * years))
    due = Child.objects.filter(is_active=False, closed_on__lte=cutoff, anonymized_at__isnull=True)
    ids = list(due.values_list("pk", "record_no"))
    if not ids:
        return 0
    pks = [pk for pk, _number in ids]
    Child.objects.filter(pk__in=pks).update(
        name=None, name_hash="", id_number=None, id_hash="", guardian_name=None,
        guardian_phone=None, situation=None, anonymized_at=timezone.now())
    Visit.objects.filter(child__in=pks).update(notes=None)
    Pairing.objects.filter(child__in=pks).update(mother_phone=None)
    AccessLog.objects.bulk_create(
        AccessLog(username="system", action=AccessLog.Action.ANONYMIZE,
                  object_type="children.child", object_id=str(pk), object_label=number,
                  reason=f"assistance ended over {years} years ago")
        for pk, number in ids)
    return len(ids)
