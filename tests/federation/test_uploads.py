"""The shared upload check: size and content type read from the bytes, not the name."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook

from federation.kernel.uploads import FileCheck, check_each

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"0" * 64


def xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("name, content, kinds", [
    ("photo.png", PNG, ["png", "jpg"]),
    ("report.PDF", PDF, ["pdf"]),
    ("tally.xlsx", None, ["xlsx"]),
])
def test_accepted(name, content, kinds):
    upload = SimpleUploadedFile(name, content or xlsx_bytes())
    upload.seek(5)
    FileCheck(kinds)(upload)
    assert upload.tell() == 5  # left where it was


@pytest.mark.parametrize("name, content", [
    ("evil.pdf", b"MZ\x90\x00 this is a Windows program"),  # content does not match the name
    ("photo.png", PDF),
    ("notes.txt", b"plain text"),                          # kind not accepted
    ("tally.xlsx", b"not a zip at all"),
])
def test_refused_with_a_clear_chinese_message(name, content):
    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        FileCheck(["pdf", "png", "xlsx"])(SimpleUploadedFile(name, content))
    assert error.value.code == "file_type"
    assert "文件类型不被接受" in error.value.messages[0]


def test_too_big(settings):
    settings.MAX_UPLOAD_BYTES = 1000
    with pytest.raises(ValidationError) as error:
        FileCheck(["png"])(SimpleUploadedFile("big.png", PNG + b"\x00" * 2000))
    assert error.value.code == "file_too_big"
    FileCheck(["png"], max_bytes=5000)(SimpleUploadedFile("big.png", PNG + b"\x00" * 2000))


def test_usable_as_a_model_field_validator():
    check = FileCheck(["pdf"])
    path, args, kwargs = check.deconstruct()
    assert path == "federation.kernel.uploads.FileCheck" and FileCheck(*args, **kwargs) == check
    with pytest.raises(ValueError):
        FileCheck(["exe"])


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64  # an old Word (.doc) file's header


@pytest.mark.parametrize("name, content, stored_as", [
    ("notice.doc", OLE, "application/msword"),
    ("report.PDF", PDF, "application/pdf"),
    ("tally.xlsx", None,
     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
])
def test_check_returns_the_type_to_store_and_serve_as(name, content, stored_as):
    upload = SimpleUploadedFile(name, content or xlsx_bytes())
    assert FileCheck(["doc", "pdf", "xlsx"]).check(upload) == stored_as


def test_several_files_are_refused_each_by_name():
    files = [SimpleUploadedFile("good.png", PNG), SimpleUploadedFile("假照片.png", PDF),
             SimpleUploadedFile("病毒.exe", b"MZ")]
    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        check_each(FileCheck(["png"]), files)
    assert len(error.value.messages) == 2
    assert error.value.messages[0].startswith("“假照片.png”：")
    assert error.value.messages[1].startswith("“病毒.exe”：")
    assert check_each(FileCheck(["png"]), files[:1]) == [(files[0], "image/png")]


@pytest.mark.django_db
def test_every_app_checks_its_uploads_with_the_shared_check(world, monkeypatch):
    """Activity attachments, courtyard photos and children's project files all go through
    FileCheck: make it refuse everything, and each of them refuses a good photo."""
    from children.forms import ProjectFileForm
    from families.forms import PhotosField
    from orgs.activities.forms import ActivityForm

    def refuse(self, upload):
        raise ValidationError("refused by the shared check")

    monkeypatch.setattr(FileCheck, "check", refuse)

    def photo():
        return SimpleUploadedFile("good.png", PNG)

    form = ActivityForm(user=world.users["community_chair"])
    form.cleaned_data = {"files": [photo()]}
    with pytest.raises(ValidationError, match="refused by the shared check"):
        form.clean_files()
    with pytest.raises(ValidationError, match="refused by the shared check"):
        PhotosField().clean([photo()])
    form = ProjectFileForm({"kind": "photo", "title": "照片"}, {"file": photo()})
    assert form.errors["file"] == ["refused by the shared check"]
