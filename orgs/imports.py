"""Excel import of organizations and committee members: all rows valid, or nothing saved."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from federation.kernel.db import analyze
from federation.kernel.spreadsheets import (
    CellError,
    Column,
    SheetSpec,
    UploadRejected,
    build_template,
    read_workbook,
    upload_bytes,
)
from orgs.models import (
    Education,
    Gender,
    Joined,
    Organization,
    OrgKind,
    Person,
    PoliticalStatus,
    Position,
    Post,
)


def labels_to_values(choices) -> dict[str, str]:
    """Accept a choice by its label in any language, or by its stored value."""
    mapping = {}
    for value, label in choices.choices:
        mapping[value] = value
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                mapping[str(label)] = value
    return mapping


def org_sheet() -> SheetSpec:
    return SheetSpec(gettext_lazy("Organizations"), (
        Column("code", gettext_lazy("code"), required=True),
        Column("name", gettext_lazy("name"), required=True, width=28),
        Column("kind", gettext_lazy("kind"), required=True, width=22,
               choices=labels_to_values(OrgKind)),
        Column("parent", gettext_lazy("parent code"), required=True),
        Column("address", gettext_lazy("address"), width=28),
        Column("contact_person", gettext_lazy("contact person")),
        Column("contact_phone", gettext_lazy("contact phone")),
        Column("founded_on", gettext_lazy("founded on"), kind="date"),
        Column("population", gettext_lazy("resident population"), kind="int"),
        Column("female_population", gettext_lazy("female population"), kind="int"),
        Column("households", gettext_lazy("households"), kind="int"),
        Column("venue", gettext_lazy("activity venue")),
        Column("venue_area", gettext_lazy("venue area (m²)"), kind="decimal"),
    ))


def member_sheet() -> SheetSpec:
    return SheetSpec(gettext_lazy("Committee members"), (
        Column("org", gettext_lazy("organization code"), required=True),
        Column("name", gettext_lazy("full name"), required=True),
        Column("gender", gettext_lazy("gender"), choices=labels_to_values(Gender)),
        Column("birth_year", gettext_lazy("birth year"), kind="int"),
        Column("ethnicity", gettext_lazy("ethnicity")),
        Column("education", gettext_lazy("education"), choices=labels_to_values(Education)),
        Column("phone", gettext_lazy("phone")),
        Column("workplace", gettext_lazy("workplace"), width=24),
        Column("political_status", gettext_lazy("political status"),
               choices=labels_to_values(PoliticalStatus)),
        Column("on_village_committee", gettext_lazy("on the village/community committee"),
               kind="bool"),
        Column("post", gettext_lazy("post"), required=True, width=20,
               choices=labels_to_values(Post)),
        Column("started_on", gettext_lazy("started on"), kind="date", required=True),
        Column("joined", gettext_lazy("how joined"), choices=labels_to_values(Joined)),
    ))


def template_bytes() -> bytes:
    note = _(
        "Fill one row per organization and one row per committee post. Parent and organization "
        "codes may refer to existing organizations or to rows of this file. Choices (kind, post, "
        "gender, education, political status) must be written as in the portal. Nothing is "
        "saved unless every row is valid.")
    return build_template([org_sheet(), member_sheet()], note=note)


@dataclass
class ImportResult:
    errors: list[CellError] = field(default_factory=list)
    orgs: int = 0
    people: int = 0


def import_workbook(upload, user) -> ImportResult:
    try:
        sheets, cell_errors = read_workbook(upload_bytes(upload), [org_sheet(), member_sheet()])
    except UploadRejected as exc:
        return ImportResult(errors=exc.errors)
    org_rows = sheets[str(org_sheet().name)].rows
    member_rows = sheets[str(member_sheet().name)].rows
    result = ImportResult(errors=cell_errors)
    try:
        with transaction.atomic():
            created = _create_orgs(org_rows, user, result.errors, str(org_sheet().name))
            people = _create_members(member_rows, user, created, result.errors,
                                     str(member_sheet().name))
            if result.errors:
                raise UploadRejected(result.errors)
            analyze(Organization, Person, Position)
    except UploadRejected:
        return result
    result.orgs, result.people = len(created), people
    return result


def _create_orgs(rows, user, errors, sheet) -> dict[str, Organization]:
    codes = [row["code"] for row in rows]
    visible = Organization.objects.visible_to(user)
    existing = set(Organization.objects.filter(code__in=codes).values_list("code", flat=True))
    parents = {o.code: o for o in visible.filter(code__in=[r["parent"] for r in rows])}
    seen: set[str] = set()
    pending = []
    header = {c.key: str(c.header) for c in org_sheet().columns}
    for row in rows:
        code = row["code"]
        if code in existing:
            errors.append(CellError(sheet, row["_row"], header["code"], _(
                "The code %(code)s is already used by an organization.") % {"code": code}))
        elif code in seen:
            errors.append(CellError(sheet, row["_row"], header["code"], _(
                "The code %(code)s appears twice in this file.") % {"code": code}))
        seen.add(code)
        pending.append(row)
    created: dict[str, Organization] = {}
    # Parents may come after their children in the file: resolve in passes.
    while pending:
        still = []
        for row in pending:
            parent = parents.get(row["parent"]) or created.get(row["parent"])
            if parent is None:
                still.append(row)
                continue
            created[row["code"]] = _create_org(row, parent, errors, sheet, header)
        if len(still) == len(pending):
            for row in still:
                errors.append(CellError(sheet, row["_row"], header["parent"], _(
                    "Unknown parent code %(code)s (or outside your organization).")
                    % {"code": row["parent"]}))
            break
        pending = still
    return created


def _create_org(row, parent, errors, sheet, header) -> Organization:
    fields = {k: v for k, v in row.items() if k not in ("_row", "parent") and v is not None}
    org = Organization(**fields)
    try:
        org.check_parent(parent)
    except ValidationError as exc:
        errors.extend(CellError(sheet, row["_row"], header["parent"], m) for m in exc.messages)
    try:
        org.full_clean(exclude=["path", "depth", "numchild"], validate_unique=False)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            column = header.get(name, header["code"])
            errors.extend(CellError(sheet, row["_row"], column, m) for m in messages)
    if errors:  # keep collecting problems, but stop writing
        return org
    return Organization.objects.add_child(parent, instance=org)


def _create_members(rows, user, created, errors, sheet) -> int:
    header = {c.key: str(c.header) for c in member_sheet().columns}
    orgs = {o.code: o for o in Organization.objects.visible_to(user).filter(
        code__in=[r["org"] for r in rows])}
    orgs.update(created)
    positions = []
    this_year = timezone.localdate().year
    for row in rows:
        org = orgs.get(row["org"])
        if org is None:
            errors.append(CellError(sheet, row["_row"], header["org"], _(
                "Unknown organization code %(code)s (or outside your organization).")
                % {"code": row["org"]}))
            continue
        if row["birth_year"] and not (this_year - 100 <= row["birth_year"] <= this_year - 16):
            errors.append(CellError(sheet, row["_row"], header["birth_year"],
                                    _("Enter a plausible birth year.")))
        if errors:
            continue
        person_fields = {k: row[k] for k in (
            "name", "gender", "birth_year", "ethnicity", "education", "phone", "workplace",
            "political_status", "on_village_committee") if row[k] is not None}
        person = Person.objects.create(org=org, **person_fields)
        positions.append(Position(person=person, org=org, post=row["post"],
                                  started_on=row["started_on"],
                                  joined=row["joined"] or Joined.ELECTED))
    if not errors:
        Position.objects.bulk_create(positions)
    return len(positions)
