"""One check for every uploaded file: size, and a type read from the content itself (the name
and the browser's Content-Type are only claims). Every attachment and photo of every app passes
through it; apps pass the kinds they accept:

    attachment = models.FileField(validators=[FileCheck(["pdf", "jpg", "png"])])
    FileCheck(["xlsx"])(request.FILES["file"])   # raises ValidationError
    content_type = FileCheck(["pdf"]).check(upload)  # the type to store and serve it as

Spreadsheet imports go through federation.kernel.spreadsheets.read_workbook instead, which checks
the same size limit, that the file is a zip at all, and guards against zip bombs before parsing.
"""

from __future__ import annotations

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from filetype.types.base import Type

OLE_MIME = "application/x-ole-storage"


class OleCompound(Type):
    """Old Office files (.doc, .xls, .ppt, also WPS): an OLE compound file, which `filetype`
    does not know."""

    def __init__(self):
        super().__init__(mime=OLE_MIME, extension="ole")

    def match(self, buf):
        return buf[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


filetype.add_type(OleCompound())

#: Kind -> (file name extensions, MIME types the content may be sniffed as). The last MIME
#: type is the one the file is stored and served as.
KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "pdf": ((".pdf",), ("application/pdf",)),
    "jpg": ((".jpg", ".jpeg"), ("image/jpeg",)),
    "png": ((".png",), ("image/png",)),
    "gif": ((".gif",), ("image/gif",)),
    "webp": ((".webp",), ("image/webp",)),
    "doc": ((".doc",), (OLE_MIME, "application/msword")),
    # The Office Open XML files are zip archives: the sniffer may say either.
    "xlsx": ((".xlsx",), ("application/zip",
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")),
    "docx": ((".docx",), ("application/zip",
                          "application/vnd.openxmlformats-officedocument.wordprocessingml.document")),
    "pptx": ((".pptx",), (
        "application/zip",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation")),
}
PHOTOS = ("jpg", "png", "webp")
HEAD_BYTES = 8192


@deconstructible
class FileCheck:
    def __init__(self, kinds: list[str] | tuple[str, ...], max_bytes: int | None = None):
        unknown = set(kinds) - set(KINDS)
        if unknown:
            raise ValueError(f"unknown upload kinds: {sorted(unknown)}")
        self.kinds = tuple(kinds)
        self.max_bytes = max_bytes

    def __eq__(self, other):
        return isinstance(other, FileCheck) and (self.kinds, self.max_bytes) == (
            other.kinds, other.max_bytes)

    @property
    def limit(self) -> int:
        return self.max_bytes or settings.MAX_UPLOAD_BYTES

    @property
    def extensions(self) -> str:
        return ", ".join(ext for k in self.kinds for ext in KINDS[k][0])

    def __call__(self, upload) -> None:
        self.check(upload)

    def check(self, upload) -> str:
        """The MIME type to store and serve the upload as; ValidationError if it is refused."""
        size = getattr(upload, "size", None)
        if size is not None and size > self.limit:
            raise ValidationError(
                _("The file is too big (%(size)s); the largest accepted is %(limit)s.") % {
                    "size": filesizeformat(size), "limit": filesizeformat(self.limit)},
                code="file_too_big")
        name = (getattr(upload, "name", "") or "").lower()
        kind = next((k for k in self.kinds if name.endswith(KINDS[k][0])), None)
        if kind is None or sniff(upload) not in KINDS[kind][1]:
            raise ValidationError(
                _("This file is not of an accepted type (%(allowed)s), or its content does not "
                  "match its name.") % {"allowed": self.extensions}, code="file_type")
        return KINDS[kind][1][-1]


def sniff(upload) -> str | None:
    """The MIME type the file's first bytes say, leaving the file where it was."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(position)
    guess = filetype.guess(head)
    return guess.mime if guess else None


def check_each(check: FileCheck, uploads) -> list[tuple[object, str]]:
    """(upload, MIME type) of several files at once; one ValidationError naming every refused
    file, so the user can fix them all in one go."""
    checked, errors = [], []
    for upload in uploads:
        try:
            checked.append((upload, check.check(upload)))
        except ValidationError as exc:
            errors.extend(_("“%(name)s”: %(problem)s") % {"name": upload.name, "problem": p}
                          for p in exc.messages)
    if errors:
        raise ValidationError(errors)
    return checked
