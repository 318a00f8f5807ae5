"""Project documents and photos: type, content and size checks; served through the scope."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from children.models import ProjectFile
from tests.children.factories import ProjectFactory

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
PDF = b"%PDF-1.4\n" + b"x" * 64


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(client, project, kind, name, content):
    return client.post(reverse("children:file_upload", args=[project.pk]), {
        "kind": kind, "title": "文件", "file": SimpleUploadedFile(name, content)})


def test_photo_and_document_are_stored_and_served(world, login):
    project = ProjectFactory(org=world.c1)
    client = login(world.users["community_chair"])
    assert upload(client, project, "photo", "site.png", PNG).status_code == 302
    assert upload(client, project, "document", "guide.pdf", PDF).status_code == 302
    photo = ProjectFile.objects.get(kind="photo")
    assert photo.size == len(PNG) and photo.uploaded_by == world.users["community_chair"]
    response = client.get(reverse("children:file", args=[photo.pk]))
    assert b"".join(response.streaming_content) == PNG
    page = client.get(project.get_absolute_url()).content.decode()
    assert reverse("children:file", args=[photo.pk]) in page


@pytest.mark.parametrize("kind, name, content", [
    ("photo", "site.exe", PNG),          # wrong extension
    ("photo", "site.png", PDF),          # content does not match
    ("document", "guide.pdf", b"hello"),  # not a PDF
    ("document", "photo.png", PNG),      # a photo is not a document
])
def test_wrong_files_are_refused(world, login, kind, name, content):
    project = ProjectFactory(org=world.c1)
    response = upload(login(world.users["district_staff"]), project, kind, name, content)
    assert response.status_code == 200 and "file" in response.context["form"].errors
    assert not ProjectFile.objects.exists()


def test_huge_files_are_refused(world, login, settings):
    settings.MAX_UPLOAD_BYTES = 1024
    project = ProjectFactory(org=world.c1)
    response = upload(login(world.users["district_staff"]), project, "photo", "big.png",
                      PNG + b"\0" * 2048)
    assert "file" in response.context["form"].errors
    assert not ProjectFile.objects.exists()


def test_a_file_and_a_milestone_can_be_removed(world, login, tmp_path,
                                              django_capture_on_commit_callbacks):
    from tests.children.factories import MilestoneFactory

    project = ProjectFactory(org=world.c1)
    milestone = MilestoneFactory(project=project)
    client = login(world.users["street_chair"])
    upload(client, project, "photo", "site.png", PNG)
    photo = ProjectFile.objects.get()
    path = photo.file.path
    assert client.get(reverse("children:file_delete", args=[photo.pk])).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):  # the file goes once committed
        response = client.post(reverse("children:file_delete", args=[photo.pk]))
    assert response.status_code == 302 and not ProjectFile.objects.exists()
    import os

    assert not os.path.exists(path)
    client.post(reverse("children:milestone_delete", args=[milestone.pk]))
    assert not project.milestones.exists()
