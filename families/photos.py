"""Photo uploads: only small JPEG/PNG/WebP images, checked by their first bytes, not by name."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_PHOTO_BYTES = 5 * 1024 * 1024
SIGNATURES = {b"\xff\xd8\xff": "jpg", b"\x89PNG\r\n\x1a\n": "png"}


def photo_kind(head: bytes) -> str | None:
    for signature, ext in SIGNATURES.items():
        if head.startswith(signature):
            return ext
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None


def validate_photo(upload) -> None:
    if upload.size > MAX_PHOTO_BYTES:
        raise ValidationError(_("A photo may be at most %(mb)s MB.") % {
            "mb": MAX_PHOTO_BYTES // (1024 * 1024)})
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if photo_kind(head) is None:
        raise ValidationError(_("Upload a JPEG, PNG or WebP photo."))


def photo_path(instance, filename: str) -> str:
    """A random name: the original file name may hold personal data."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    if ext not in ("jpg", "jpeg", "png", "webp"):
        ext = "jpg"
    return f"families/{instance._meta.model_name}/{uuid.uuid4().hex}.{ext}"
