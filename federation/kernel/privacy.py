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


# Published counts (statistics pages, the year-end summary): a count below SMALL_COUNT in a
# sensitive category could single a woman or a child out, so it shows as "<3"; a count that
# would give a hidden one away (the group's total minus the others) is withheld as "—".
SMALL_COUNT = 3
WITHHELD = "—"


def small_count(count: int, sensitive: bool = True) -> int | str:
    return f"<{SMALL_COUNT}" if sensitive and 0 < count < SMALL_COUNT else count


def withhold_one_more(group: list[dict], total: dict | None = None, key: str = "shown") -> None:
    """Secondary suppression over rows {"count", key}: where exactly one count of a group
    whose total is published is hidden, the smallest other count is withheld too, or, with no
    other, the group's `total` row."""
    if sum(not isinstance(row[key], int) for row in group) != 1:
        return
    visible = [row for row in group if isinstance(row[key], int)]
    if visible:
        min(visible, key=lambda row: row["count"])[key] = WITHHELD
    elif total is not None and isinstance(total[key], int):
        total[key] = WITHHELD


#: Searches by name, phone or ID number never travel in a URL (and so never reach a web
#: server's access log): the form is POSTed, kept in the session under an opaque token for a
#: short while, and the list is shown at ?s=<token> (pagination adds &page=N).
PRIVATE_SEARCHES = "private_searches"
PRIVATE_SEARCH_SECONDS = 30 * 60
PRIVATE_SEARCHES_KEPT = 20


def private_query(request, public: tuple[str, ...] = ()):
    """The search data of a list searched by personal data: a QueryDict, or (after a POST of
    the search form) a redirect to the tokenised URL. Without a token, only the `public`
    (non-personal) query parameters are read, so links such as ?mine=true keep working."""
    import secrets
    import time

    from django.contrib import messages
    from django.http import HttpResponseRedirect, QueryDict

    now = time.time()
    kept = {token: entry for token, entry in request.session.get(PRIVATE_SEARCHES, {}).items()
            if now - entry["at"] < PRIVATE_SEARCH_SECONDS}
    if request.method == "POST":
        data = request.POST.copy()
        data.pop("csrfmiddlewaretoken", None)
        token = secrets.token_urlsafe(12)
        kept[token] = {"at": now, "path": request.path, "data": data.urlencode()}
        newest = sorted(kept.items(), key=lambda item: item[1]["at"])[-PRIVATE_SEARCHES_KEPT:]
        request.session[PRIVATE_SEARCHES] = dict(newest)
        return HttpResponseRedirect(f"{request.path}?s={token}")
    if kept != request.session.get(PRIVATE_SEARCHES, kept):
        request.session[PRIVATE_SEARCHES] = kept
    token = request.GET.get("s", "")
    entry = kept.get(token)
    if token and entry is None:
        messages.info(request, _("That search has expired; please search again."))
    if entry:
        return QueryDict(entry["data"], mutable=True)
    data = QueryDict(mutable=True)
    for key in public:
        if key in request.GET:
            data.setlist(key, request.GET.getlist(key))
    return data


def private_search_url(request, view_name: str) -> str:
    """The URL of another view (e.g. the export) with the same search token."""
    from django.urls import reverse
    from django.utils.http import urlencode

    token = request.GET.get("s", "")
    return reverse(view_name) + (f"?{urlencode({'s': token})}" if token else "")
