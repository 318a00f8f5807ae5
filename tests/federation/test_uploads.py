"""The shared upload check: size and content type read from the bytes, not the name."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook

from federation.uploads import FileCheck

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
    assert path == "federation.uploads.FileCheck" and FileCheck(*args, **kwargs) == check
    with pytest.raises(ValueError):
        FileCheck(["exe"])
