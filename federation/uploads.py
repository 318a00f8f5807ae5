"""One check for every uploaded file: size, and a type read from the content itself (the name
and the browser's Content-Type are only claims). Apps pass the kinds they accept:

    attachment = models.FileField(validators=[FileCheck(["pdf", "jpg", "png"])])
    FileCheck(["xlsx"])(request.FILES["file"])   # raises ValidationError

`.xlsx` files are further guarded against zip bombs by federation.spreadsheets.read_workbook.
"""

from __future__ import annotations

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

#: Kind -> (file name extensions, MIME types the content may be sniffed as).
KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "pdf": ((".pdf",), ("application/pdf",)),
    "jpg": ((".jpg", ".jpeg"), ("image/jpeg",)),
    "png": ((".png",), ("image/png",)),
    # An .xlsx is a zip archive: the sniffer may say either.
    "xlsx": ((".xlsx",), ("application/zip",
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")),
    "docx": ((".docx",), ("application/zip",
                          "application/vnd.openxmlformats-officedocument.wordprocessingml.document")),
}
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

    def __call__(self, upload) -> None:
        size = getattr(upload, "size", None)
        if size is not None and size > self.limit:
            raise ValidationError(
                _("The file is too big (%(size)s); the largest accepted is %(limit)s.") % {
                    "size": filesizeformat(size), "limit": filesizeformat(self.limit)},
                code="file_too_big")
        name = (getattr(upload, "name", "") or "").lower()
        kind = next((k for k in self.kinds if name.endswith(KINDS[k][0])), None)
        if kind is None or sniff(upload) not in KINDS[kind][1]:
            allowed = ", ".join(ext for k in self.kinds for ext in KINDS[k][0])
            raise ValidationError(
                _("This file is not of an accepted type (%(allowed)s), or its content does not "
                  "match its name.") % {"allowed": allowed}, code="file_type")


def sniff(upload) -> str | None:
    """The MIME type the file's first bytes say, leaving the file where it was."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(position)
    guess = filetype.guess(head)
    return guess.mime if guess else None
