"""Ready for more than one machine: every file the portal writes or serves goes through
Django's storage API (settings.STORAGES), never a path under MEDIA_ROOT. Here the web process's
MEDIA_ROOT is a folder of its own that stays empty, and the files live in a store it reaches
only through the API (Django's InMemoryStorage: no folder at all, like an S3-compatible store),
as when a Celery worker on another host builds the summary into the shared store."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.storage import InMemoryStorage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from children.models import ProjectFile
from families.models import Photo, ScoreSheet
from federation.portal.models import ReportRun
from orgs.activities.models import ActivityAttachment, ActivityCategory
from tests.children.factories import ProjectFactory
from tests.factories import PositionFactory
from tests.families.factories import HouseholdFactory

ROOT = Path(__file__).resolve().parents[2]
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n" + b"0" * 64


@pytest.fixture
def store(settings, tmp_path):
    web_only = tmp_path / "web-media"
    web_only.mkdir()
    settings.MEDIA_ROOT = web_only
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.InMemoryStorage"}}
    shared = storages["default"]
    assert isinstance(shared, InMemoryStorage)
    yield shared
    assert not list(web_only.iterdir()), "a file was written beside the storage API"


def test_summary_built_into_the_shared_store_is_downloaded_through_the_web(
        world, login, store, django_capture_on_commit_callbacks):
    client = login(world.users["leader"])
    with django_capture_on_commit_callbacks(execute=True):  # the task runs (eagerly)
        response = client.post(reverse("summary:home"), {"year": 2025, "org": world.district.pk})
    assert response.status_code == 302
    run = ReportRun.objects.get()
    assert run.status == ReportRun.Status.DONE
    assert store.exists(run.workbook.name) and store.exists(run.narrative.name)
    xlsx = client.get(reverse("summary:download", args=[run.pk, "xlsx"]))
    assert xlsx.status_code == 200
    assert load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).sheetnames[0] == "关键指标"
    docx = client.get(reverse("summary:download", args=[run.pk, "docx"]))
    assert b"".join(docx.streaming_content)[:2] == b"PK"


def test_activity_attachments_are_stored_and_served_through_the_store(
        world, login, store, django_capture_on_commit_callbacks):
    client = login(world.users["community_chair"])
    response = client.post(reverse("orgs:activity_create"), {
        "org": world.c1.pk, "category": ActivityCategory.objects.get(code="health").pk,
        "title": "两癌筛查进社区", "starts_on": "2025-03-08", "place": "党群服务中心",
        "women": "120", "participants": "130",
        "files": [SimpleUploadedFile("现场.png", PNG, "image/png")]})
    assert response.status_code == 302
    attachment = ActivityAttachment.objects.get()
    assert store.exists(attachment.file.name)
    download = client.get(reverse("orgs:attachment", args=[attachment.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PNG
    with django_capture_on_commit_callbacks(execute=True):  # the file goes on commit
        client.post(reverse("orgs:attachment_delete", args=[attachment.pk]))
    assert not store.exists(attachment.file.name)


def test_courtyard_photos_are_stored_and_served_through_the_store(world, login, store):
    client = login(world.users["community_chair"])
    household = HouseholdFactory(org=world.c1)
    member = PositionFactory(org=world.c1).person
    scores = {f"item_{i.pk}": 23 for i in ScoreSheet.current().items.all()}
    response = client.post(reverse("families:inspection_create", args=[household.pk]), {
        "inspected_on": "2025-06-01", "inspectors": [member.pk], **scores,
        "photos": [SimpleUploadedFile("yard.png", PNG, "image/png")]})
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert store.exists(photo.file.name)
    download = client.get(reverse("families:photo", args=[photo.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PNG


def test_childrens_project_files_are_stored_and_served_through_the_store(world, login, store):
    client = login(world.users["community_chair"])
    project = ProjectFactory(org=world.c1)
    response = client.post(reverse("children:file_upload", args=[project.pk]), {
        "kind": "document", "title": "方案", "file": SimpleUploadedFile("guide.pdf", PDF)})
    assert response.status_code == 302
    item = ProjectFile.objects.get()
    assert store.exists(item.file.name)
    download = client.get(reverse("children:file", args=[item.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF


def configured_storage(**env) -> list[str]:
    """The default storage the settings choose for these environment variables: its class
    and where it keeps the files."""
    script = ("import django; django.setup(); from django.core.files.storage import storages; "
              "s = storages['default']; print(type(s).__module__ + '.' + type(s).__name__, "
              "getattr(s, 'bucket_name', None) or s.location, getattr(s, 'file_overwrite', '-'),"
              " getattr(s, 'endpoint_url', '-'), sep='|')")
    clean = {k: v for k, v in os.environ.items() if not k.startswith("STORAGE_S3_")}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True,
        env={**clean, "DJANGO_SETTINGS_MODULE": "federation.settings", "DEBUG": "true",
             "MEDIA_ROOT": "/srv/shared/media", **env})
    return result.stdout.strip().split("|")


def test_settings_choose_the_shared_folder_or_an_s3_compatible_store():
    assert configured_storage() == [
        "django.core.files.storage.filesystem.FileSystemStorage", "/srv/shared/media", "-", "-"]
    assert configured_storage(
        STORAGE_S3_BUCKET="federation-files", STORAGE_S3_ENDPOINT_URL="http://minio:9000",
        STORAGE_S3_ACCESS_KEY="key", STORAGE_S3_SECRET_KEY="secret",
    ) == ["storages.backends.s3.S3Storage", "federation-files", "False", "http://minio:9000"]
