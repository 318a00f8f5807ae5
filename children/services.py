"""State changes of children's records, projects and nursing rooms, and retention.

Each function opens its own transaction and locks the row it changes (the child, the project,
the room), so a failure half-way leaves nothing half-done: a change to a child's record and
its line in the personal-data access log are written together or not at all. Views call
these and never open transactions.

Retention: children's records are anonymized once assistance has ended and the archive
period has passed (PIPL; DOMAIN.md §4 "delete or anonymise after closure + archive period")."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from children.models import Child, NursingRoom, Pairing, Project, ProjectFile, Visit
from federation.kernel.models import AccessLog, log_access

DEFAULT_ARCHIVE_YEARS = 3


def _lock(model, pk: int):
    return model.objects.select_for_update(of=("self",)).get(pk=pk)


@transaction.atomic
def save_child(form, request) -> Child:
    """Register a child or save the edit form, with its access-log line."""
    creating = form.instance.pk is None
    if not creating:
        _lock(Child, form.instance.pk)
    child = form.save()
    if creating:
        log_access(request, child, AccessLog.Action.CREATE, label=child.record_no)
    else:
        log_access(request, child, AccessLog.Action.CHANGE, label=child.record_no,
                   detail="edit form")
    return child


@transaction.atomic
def save_for_child(form, request):
    """A pairing, visit or grant added to (or a pairing changed on) a child's record: the
    child's row is locked, and the access log records it as a change to the child."""
    child = _lock(Child, form.instance.child_id)
    adding = form.instance.pk is None
    saved = form.save()
    name = saved._meta.model_name
    log_access(request, child, AccessLog.Action.CHANGE, label=child.record_no,
               detail=f"added {name}" if adding else f"changed {name}")
    return saved


@transaction.atomic
def save_room(form) -> NursingRoom:
    """A nursing room with its checklist of facilities (the room's row, then its links)."""
    if form.instance.pk:
        _lock(NursingRoom, form.instance.pk)
    return form.save()


@transaction.atomic
def record_site_event(form):
    """An activity at a child-friendly site: the activity log's entry and the site's record."""
    _lock(Project, form.project.pk)
    return form.save()


@transaction.atomic
def record_assessment(form):
    """An expert's assessment of a nursing room with one score per checklist item."""
    _lock(NursingRoom, form.instance.room_id)
    return form.save()


@transaction.atomic
def remove_project_file(item: ProjectFile) -> None:
    """The record goes now; the stored file only once that is committed, so a failure never
    leaves a record pointing at a missing file."""
    _lock(Project, item.project_id)
    file, storage = item.file.name, item.file.storage
    item.delete()
    transaction.on_commit(lambda: storage.delete(file))


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
