"""The activity log's writes go through orgs.activities.services, each in one transaction:
a failure saving an attachment keeps no activity, and a removed attachment's file goes only
once the removal is committed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from orgs.activities import services
from orgs.activities.models import Activity, ActivityAttachment
from tests.orgs.test_activities import PNG, activity_data

pytestmark = pytest.mark.django_db


def test_a_failing_attachment_keeps_no_activity(world, login, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("storage failed")

    monkeypatch.setattr(ActivityAttachment.objects, "create", broken)
    client = login(world.users["community_chair"])
    client.raise_request_exception = False
    response = client.post(reverse("orgs:activity_create"), {
        **activity_data(world), "files": [SimpleUploadedFile("a.png", PNG)]})
    assert response.status_code == 500
    assert not Activity.objects.exists()


def test_an_attachment_file_goes_only_when_its_removal_is_committed(
        world, login, django_capture_on_commit_callbacks):
    client = login(world.users["community_chair"])
    client.post(reverse("orgs:activity_create"), {
        **activity_data(world), "files": [SimpleUploadedFile("a.png", PNG)]})
    attachment = Activity.objects.get().attachments.get()
    storage, name = attachment.file.storage, attachment.file.name
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.remove_attachment(attachment)
    assert storage.exists(name) and len(callbacks) == 1  # not before the commit
    callbacks[0]()
    assert not storage.exists(name)
    assert not ActivityAttachment.objects.exists()
