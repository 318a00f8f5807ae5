"""Personal data helpers shared by rights and children: lookup hashes, masking, ID checks.

Encrypted columns (django-fernet-encrypted-fields, keys in FIELD_ENCRYPTION_KEYS) cannot be
filtered, so a keyed hash of the normalised value is stored beside them for look-ups and
duplicate checks. Masks follow GB/T 35273: phone 138****5678, ID 110***********1234, name 张*.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def normalise(value: str) -> str:
    return re.sub(r"[\s-]", "", value or "").upper()


def lookup_hash(value: str, kind: str) -> str:
    """A keyed hash (HMAC-SHA256) of a normalised identifier; '' for an empty value."""
    value = normalise(value)
    if not value:
        return ""
    message = f"{kind}:{value}".encode()
    return hmac.new(settings.PII_HASH_KEY.encode(), message, hashlib.sha256).hexdigest()


def id_check_digit(first17: str) -> str:
    return ID_CHECK[sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def validate_resident_id(value: str) -> None:
    """An 18-character resident ID: digits, a valid birth date and the GB 11643 check digit."""
    value = normalise(value)
    if not re.fullmatch(r"\d{17}[\dX]", value):
        raise ValidationError(_("A resident ID number has 17 digits and a final digit or X."))
    try:
        birth = datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        message = _("The birth date inside the ID number is not a real date.")
        raise ValidationError(message) from None
    if not datetime.date(1900, 1, 1) <= birth <= timezone.localdate():
        raise ValidationError(_("The birth date inside the ID number is not plausible."))
    if id_check_digit(value[:17]) != value[17]:
        raise ValidationError(_("The ID number's check digit is wrong: please check it again."))


def birth_date_from_id(value: str) -> datetime.date | None:
    value = normalise(value)
    try:
        return datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return None


def mask_name(name: str) -> str:
    name = (name or "").strip()
    if len(name) <= 1:
        return name and "*"
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_phone(phone: str) -> str:
    digits = normalise(phone)
    if len(digits) < 8:
        return "****" if digits else ""
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def mask_id_number(value: str) -> str:
    value = normalise(value)
    if len(value) < 8:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_address(address: str) -> str:
    """Keep the address down to its village/community, hide the rest."""
    address = (address or "").strip()
    if not address:
        return ""
    match = re.search(r"(社区|村|小区|街道|镇|乡)", address)
    keep = address[: match.end()] if match else address[:6]
    return keep + "****" if keep != address else keep
