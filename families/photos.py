"""Photo uploads: only small JPEG/PNG/WebP images, checked by their content
(federation.kernel.uploads)."""

from __future__ import annotations

import uuid

from federation.kernel.uploads import PHOTOS, FileCheck

MAX_PHOTO_BYTES = 5 * 1024 * 1024
PHOTO_CHECK = FileCheck(PHOTOS, max_bytes=MAX_PHOTO_BYTES)


def validate_photo(upload) -> None:
    PHOTO_CHECK(upload)


def photo_path(instance, filename: str) -> str:
    """A random name: the original file name may hold personal data."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    if ext not in ("jpg", "jpeg", "png", "webp"):
        ext = "jpg"
    return f"families/{instance._meta.model_name}/{uuid.uuid4().hex}.{ext}"
