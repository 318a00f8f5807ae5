"""State changes of children's records, projects and rooms are all-or-nothing and lock the
row they change: a failure at the second write (the access-log line, the site's record, the
item scores, the row of a removed file) leaves nothing half-done."""

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from children import services
from children.forms import AssessmentForm, ChildForm, SiteEventForm, VisitForm
from children.models import (
    Assessment,
    AssessmentScore,
    Child,
    Facility,
    ProjectFile,
    SiteEvent,
    Visit,
)
from federation.kernel.models import AccessLog
from orgs.activities.models import Activity
from tests.children.factories import ChildFactory, ExpertFactory, ProjectFactory, RoomFactory

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _fail(*args, **kwargs):
    raise OperationalError("the server closed the connection")


def _request(rf, user):
    request = rf.post("/")
    request.user = user
    return request


def _child_form(world, child):
    data = {"name": "林小梅", "id_number": child.id_number or "", "gender": "F",
            "birth_year": 2015, "category": "left_behind", "org": world.c1.pk, "school": "桃源小学",
            "guardian_name": "林奶奶", "guardian_relation": "祖母", "is_active": "on"}
    form = ChildForm(data, instance=child, user=world.users["community_chair"])
    assert form.is_valid(), form.errors
    return form


def test_child_edit_whose_access_log_fails_changes_nothing(world, rf, monkeypatch):
    child = ChildFactory(org=world.c1, school="旧学校")
    form = _child_form(world, Child.objects.get(pk=child.pk))
    monkeypatch.setattr(AccessLog.objects, "create", _fail)
    with pytest.raises(OperationalError):
        services.save_child(form, _request(rf, world.users["community_chair"]))
    assert Child.objects.get(pk=child.pk).school == "旧学校"


def test_child_edit_locks_the_record_and_logs_the_change(world, rf):
    child = ChildFactory(org=world.c1)
    form = _child_form(world, Child.objects.get(pk=child.pk))
    with CaptureQueriesContext(connection) as queries:
        services.save_child(form, _request(rf, world.users["community_chair"]))
    # SQLite (the embedded default) has no row locks: it runs one writer at a time.
    assert any("FOR UPDATE" in q["sql"] for q in queries.captured_queries) \
        or not connection.features.has_select_for_update
    assert Child.objects.get(pk=child.pk).school == "桃源小学"
    entry = AccessLog.objects.get()
    assert (entry.action, entry.object_id, entry.detail) == ("change", str(child.pk),
                                                             "edit form")


def test_registering_a_child_whose_access_log_fails_keeps_no_record(world, rf, monkeypatch):
    form = _child_form(world, Child())
    monkeypatch.setattr(AccessLog.objects, "create", _fail)
    with pytest.raises(OperationalError):
        services.save_child(form, _request(rf, world.users["community_chair"]))
    assert not Child.objects.exists()


def test_visit_whose_access_log_fails_is_not_recorded(world, rf, monkeypatch):
    child = ChildFactory(org=world.c1)
    form = VisitForm({"visited_on": "2025-02-01", "visitor": "周秀英", "notes": "学习良好"},
                     child=child)
    assert form.is_valid(), form.errors
    monkeypatch.setattr(AccessLog.objects, "create", _fail)
    with pytest.raises(OperationalError):
        services.save_for_child(form, _request(rf, world.users["community_chair"]))
    assert not Visit.objects.exists()


def test_site_event_whose_site_record_fails_leaves_no_activity(world, monkeypatch):
    project = ProjectFactory(org=world.c1)
    form = SiteEventForm({"starts_on": timezone.localdate().isoformat(), "kind": "council",
                          "title": "儿童议事会", "children": "24", "participants": "30"},
                         project=project, user=world.users["community_chair"])
    assert form.is_valid(), form.errors
    monkeypatch.setattr(SiteEvent.objects, "create", _fail)
    with pytest.raises(OperationalError):
        services.record_site_event(form)
    assert not Activity.objects.exists()


def test_assessment_whose_scores_fail_is_not_recorded(world, monkeypatch):
    room = RoomFactory(org=world.c1)
    data = {"expert": ExpertFactory(org=world.district).pk, "assessed_on": "2025-03-02",
            "rating": 4, **{f"score_{f.code}": 5 for f in Facility.objects.active()}}
    form = AssessmentForm(data, room=room, user=world.users["district_staff"])
    assert form.is_valid(), form.errors
    monkeypatch.setattr(AssessmentScore.objects, "bulk_create", _fail)
    with pytest.raises(OperationalError):
        services.record_assessment(form)
    assert not Assessment.objects.exists()


def test_a_removed_file_goes_from_storage_only_once_committed(
        world, monkeypatch, django_capture_on_commit_callbacks):
    project = ProjectFactory(org=world.c1)
    item = ProjectFile.objects.create(
        project=project, kind="photo", title="现场",
        file=SimpleUploadedFile("site.png", PNG), uploaded_by=world.users["community_chair"])
    path = item.file.path
    monkeypatch.setattr(ProjectFile, "delete", _fail)
    with pytest.raises(OperationalError):
        services.remove_project_file(ProjectFile.objects.get(pk=item.pk))
    assert os.path.exists(path) and ProjectFile.objects.filter(pk=item.pk).exists()
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_project_file(ProjectFile.objects.get(pk=item.pk))
    assert not os.path.exists(path) and not ProjectFile.objects.exists()



def test_a_room_whose_facilities_fail_is_not_saved(world, monkeypatch):
    from children.forms import RoomForm
    from children.models import NursingRoom, PlaceType

    form = RoomForm({"name": "母婴室", "org": world.c1.pk, "place_name": "万达广场",
                     "place_type": PlaceType.objects.get(code="mall").pk, "area": "12",
                     "status": "built", "built_on": "2024-05-01",
                     "facilities": [f.pk for f in Facility.objects.active()[:2]]},
                    user=world.users["community_chair"])
    assert form.is_valid(), form.errors
    original = QuerySet.bulk_create

    def failing(self, objs, *args, **kwargs):  # the second write: the many-to-many links
        if self.model is NursingRoom.facilities.through:
            raise OperationalError("the server closed the connection")
        return original(self, objs, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "bulk_create", failing)
    with pytest.raises(OperationalError):
        services.save_room(form)
    assert not NursingRoom.objects.exists()


def test_a_new_childs_record_number_is_taken_under_a_lock(world):
    """Two registrations at the same moment would otherwise both read the same highest
    number: the number is worked out and saved while holding one advisory lock."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.children.factories import ChildFactory

    first = ChildFactory(org=world.c1)
    with CaptureQueriesContext(connection) as queries:
        second = ChildFactory(org=world.c1)
    sql = [q["sql"] for q in queries.captured_queries]
    if connection.vendor == "postgresql":
        lock = next(i for i, q in enumerate(sql) if "pg_advisory_xact_lock" in q)
        number = next(i for i, q in enumerate(sql) if "record_no" in q and "LIKE" in q)
        assert lock < number
    assert int(second.record_no[-5:]) == int(first.record_no[-5:]) + 1
    with CaptureQueriesContext(connection) as queries:
        second.save()  # an edit keeps its number and takes no lock
    assert not any("pg_advisory" in q["sql"] for q in queries.captured_queries)
