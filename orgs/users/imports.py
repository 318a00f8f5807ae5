"""Excel import of user accounts: all rows valid, or none created."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from federation.kernel.spreadsheets import (
    CellError,
    Column,
    SheetSpec,
    UploadRejected,
    build_template,
    read_workbook,
    upload_bytes,
)
from orgs.imports import labels_to_values
from orgs.models import Organization, Role, User
from orgs.users.forms import check_role_org
from orgs.users.services import temporary_password


def user_sheet() -> SheetSpec:
    return SheetSpec(gettext_lazy("Users"), (
        Column("username", gettext_lazy("username"), required=True),
        Column("first_name", gettext_lazy("full name"), required=True),
        Column("org", gettext_lazy("organization code"), required=True),
        Column("role", gettext_lazy("role"), required=True, width=22,
               choices=labels_to_values(Role)),
        Column("phone", gettext_lazy("phone")),
        Column("email", gettext_lazy("email")),
    ))


def template_bytes() -> bytes:
    return build_template([user_sheet()], note=_(
        "One row per account. Each new account gets a one-time password, shown once after the "
        "upload, that must be changed at the first login. Nothing is saved unless every row "
        "is valid."))


@dataclass
class UserImport:
    errors: list[CellError] = field(default_factory=list)
    created: list[tuple[User, str]] = field(default_factory=list)  # (user, one-time password)


def import_users(upload, manager: User) -> UserImport:
    spec = user_sheet()
    try:
        sheets, errors = read_workbook(upload_bytes(upload), [spec])
    except UploadRejected as exc:
        return UserImport(errors=exc.errors)
    rows, sheet = sheets[str(spec.name)].rows, str(spec.name)
    header = {c.key: str(c.header) for c in spec.columns}
    orgs = {o.code: o for o in Organization.objects.visible_to(manager).filter(
        code__in=[r["org"] for r in rows])}
    taken = set(User.objects.filter(username__in=[r["username"] for r in rows])
                .values_list("username", flat=True))
    allowed_roles = {value for value, _label in manager.manageable_roles()}
    seen: set[str] = set()
    for row in rows:
        def problem(key: str, message: str, row=row) -> None:
            errors.append(CellError(sheet, row["_row"], header[key], message))

        if row["username"] in taken or row["username"] in seen:
            problem("username", _("The username %(name)s is already taken.")
                    % {"name": row["username"]})
        seen.add(row["username"])
        org = orgs.get(row["org"])
        if row["org"] and org is None:
            problem("org", _("Unknown organization code %(code)s (or outside your organization).")
                    % {"code": row["org"]})
        if row["role"] and row["role"] not in allowed_roles:
            problem("role", _("You may not create accounts with this role."))
        elif row["role"] and org is not None and (message := check_role_org(row["role"], org)):
            problem("org", message)
    result = UserImport(errors=errors)
    if errors:
        return result
    with transaction.atomic():
        for row in rows:
            password = temporary_password()
            user = User(username=row["username"], first_name=row["first_name"],
                        org=orgs[row["org"]], role=row["role"], phone=row["phone"] or "",
                        email=row["email"] or "", must_change_password=True)
            user.set_password(password)
            user.save()
            result.created.append((user, password))
    return result
