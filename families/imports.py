"""Excel imports of households, of an inspection round and of a mass honour's award list: every
row valid, or nothing saved."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from families import services
from families.models import (
    AwardList,
    AwardListEntry,
    CourtyardCategory,
    Honour,
    HonourLevel,
    HonourType,
    Household,
    Inspection,
    InspectionRound,
    PlaqueEvent,
    ScoreSheet,
    State,
    Subject,
)
from families.services import record_inspection
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
from orgs.models import Organization, OrgKind, Person, Position
from orgs.scoping import lineage_paths

SPLIT = re.compile(r"[、,，;；\s]+")


@dataclass
class ImportResult:
    errors: list[CellError] = field(default_factory=list)
    saved: int = 0


def _unknown_community(sheet: str, row: dict, header: dict) -> CellError:
    """The error of a row whose community code is unknown or outside the user's scope."""
    return CellError(sheet, row["_row"], header["org"], _(
        "Unknown community/village code %(code)s (or outside your organization).")
        % {"code": row["org"]})


def household_sheet() -> SheetSpec:
    return SheetSpec(gettext_lazy("Households"), (
        Column("org", gettext_lazy("community/village code"), required=True),
        Column("head_name", gettext_lazy("head of household"), required=True),
        Column("members", gettext_lazy("members"), kind="int", required=True),
        Column("address", gettext_lazy("address"), required=True, width=30),
        Column("phone", gettext_lazy("phone")),
        Column("in_campaign", gettext_lazy("in the courtyard campaign"), kind="bool"),
        Column("joined_on", gettext_lazy("joined the campaign on"), kind="date"),
        Column("categories", gettext_lazy("special-courtyard categories"), width=24),
    ))


def household_template() -> bytes:
    names = "、".join(c.name_zh for c in CourtyardCategory.objects.active())
    note = _("One row per household. The community/village code is the organization's code. "
             "Categories, separated by 、: %(names)s. Nothing is saved unless every row is "
             "valid; a household with the same head and address in the same village is "
             "refused as a duplicate.") % {"names": names}
    return build_template([household_sheet()], note=note)


def _category_lookup() -> dict[str, CourtyardCategory]:
    lookup = {}
    for c in CourtyardCategory.objects.active():
        lookup.update({c.code: c, c.name_zh: c, c.name_en.lower(): c})
    return lookup


def import_households(upload, user) -> ImportResult:
    spec = household_sheet()
    try:
        sheets, errors = read_workbook(upload_bytes(upload), [spec])
    except UploadRejected as exc:
        return ImportResult(errors=exc.errors)
    rows, name = sheets[str(spec.name)].rows, str(spec.name)
    header = {c.key: str(c.header) for c in spec.columns}
    orgs = {o.code: o for o in Organization.objects.visible_to(user).filter(
        kind=OrgKind.COMMUNITY, code__in={r["org"] for r in rows})}
    existing = set(Household.objects.filter(org__in=orgs.values()).values_list(
        "org_id", "head_name", "address"))
    categories = _category_lookup()
    seen: dict[tuple, int] = {}
    pending = []
    for row in rows:
        org = orgs.get(row["org"])
        if org is None:
            errors.append(_unknown_community(name, row, header))
            continue
        key = (org.pk, (row["head_name"] or "").strip(), (row["address"] or "").strip())
        if key in existing:
            errors.append(CellError(name, row["_row"], header["head_name"], _(
                "This household (same head and address) is already registered in %(org)s.")
                % {"org": org.name}))
        elif key in seen:
            errors.append(CellError(name, row["_row"], header["head_name"], _(
                "Duplicate of row %(row)s (same head and address in the same village).")
                % {"row": seen[key]}))
        seen.setdefault(key, row["_row"])
        chosen = []
        for word in filter(None, SPLIT.split(row["categories"] or "")):
            category = categories.get(word) or categories.get(word.lower())
            if category is None:
                errors.append(CellError(name, row["_row"], header["categories"], _(
                    "Unknown category “%(name)s”.") % {"name": word}))
            else:
                chosen.append(category)
        if row["in_campaign"] and not row["joined_on"]:
            errors.append(CellError(name, row["_row"], header["joined_on"], _(
                "Give the date the household joined the campaign.")))
        if row["members"] is not None and not 1 <= row["members"] <= 50:
            errors.append(CellError(name, row["_row"], header["members"], _(
                "Enter between 1 and 50 members.")))
        pending.append((row, org, chosen))
    if errors:
        return ImportResult(errors=errors)
    with transaction.atomic():
        households = Household.objects.bulk_create([Household(
            org=org, head_name=row["head_name"].strip(), members=row["members"],
            address=row["address"].strip(), phone=row["phone"] or "",
            in_campaign=bool(row["in_campaign"]), joined_on=row["joined_on"])
            for row, org, _chosen in pending])
        through = Household.categories.through
        through.objects.bulk_create([
            through(household_id=h.pk, courtyardcategory_id=c.pk)
            for h, (_row, _org, chosen) in zip(households, pending, strict=True) for c in chosen])
        analyze(Household, through)
    return ImportResult(saved=len(households))


def round_sheet(sheet: ScoreSheet) -> SheetSpec:
    items = tuple(Column(f"item_{item.pk}", f"{item.name_zh}（≤{item.max_points}）",
                         kind="decimal", required=True) for item in sheet.items.all())
    return SheetSpec(gettext_lazy("Inspections"), (
        Column("household", gettext_lazy("household number"), kind="int", required=True),
        Column("head_name", gettext_lazy("head of household")),
        Column("address", gettext_lazy("address"), width=30),
        Column("inspected_on", gettext_lazy("inspected on"), kind="date", required=True),
        Column("inspectors", gettext_lazy("inspectors"), width=20),
        *items,
        Column("remarks", gettext_lazy("remarks"), width=30),
    ))


def round_template(inspection_round: InspectionRound, user) -> bytes:
    spec = round_sheet(inspection_round.sheet)
    households = (inspection_round.households.visible_to(user).order_by("org__path", "pk")
                  .values_list("pk", "head_name", "address"))
    note = _("One row per household drawn for this round; keep the household number. "
             "Inspectors are executive members' names separated by 、. Scores may not exceed "
             "each item's maximum. Nothing is saved unless every row is valid.")
    return build_template([spec], rows={str(spec.name): [list(h) for h in households]},
                          note=note)


def import_round(upload, inspection_round: InspectionRound, user) -> ImportResult:
    sheet = inspection_round.sheet
    spec = round_sheet(sheet)
    try:
        sheets, errors = read_workbook(upload_bytes(upload), [spec])
    except UploadRejected as exc:
        return ImportResult(errors=exc.errors)
    rows, name = sheets[str(spec.name)].rows, str(spec.name)
    header = {c.key: str(c.header) for c in spec.columns}
    households = {h.pk: h for h in inspection_round.households.visible_to(user)
                  .select_related("org", "tier")}
    items = list(sheet.items.all())
    # Inspectors: serving executive members of the villages, their streets or the district.
    chain = {path for h in households.values() for path in lineage_paths(h.org.path)}
    serving = Position.objects.current().filter(person=OuterRef("pk"))
    people = {}
    for person in Person.objects.filter(Exists(serving), org__path__in=chain).order_by(
            "-org__depth", "pk").only("pk", "name"):
        people.setdefault(person.name, person)  # the nearest member of that name wins
    pending, seen = [], set()
    for row in rows:
        household = households.get(row["household"])
        if household is None:
            errors.append(CellError(name, row["_row"], header["household"], _(
                "Household %(n)s is not in this round.") % {"n": row["household"]}))
            continue
        if household.pk in seen:
            errors.append(CellError(name, row["_row"], header["household"], _(
                "Household %(n)s appears twice.") % {"n": household.pk}))
        seen.add(household.pk)
        if row["inspected_on"] and row["inspected_on"] > timezone.localdate():
            errors.append(CellError(name, row["_row"], header["inspected_on"], _(
                "An inspection cannot be dated in the future.")))
        for item in items:
            value = row[f"item_{item.pk}"]
            if value is not None and value > item.max_points:
                errors.append(CellError(name, row["_row"], header[f"item_{item.pk}"], _(
                    "At most %(max)s points.") % {"max": item.max_points}))
        inspectors = []
        for word in filter(None, SPLIT.split(row["inspectors"] or "")):
            if word not in people:
                errors.append(CellError(name, row["_row"], header["inspectors"], _(
                    "No executive member called %(name)s.") % {"name": word}))
            else:
                inspectors.append(people[word])
        pending.append((row, household, inspectors))
    if errors:
        return ImportResult(errors=errors)
    with transaction.atomic():
        for row, household, inspectors in sorted(pending, key=lambda p: p[0]["inspected_on"]):
            record_inspection(household, sheet, row["inspected_on"],
                              {i.pk: row[f"item_{i.pk}"] for i in items},
                              inspectors=inspectors, remarks=row["remarks"] or "", user=user,
                              round=inspection_round)
        analyze(Household, Inspection, PlaqueEvent)
    return ImportResult(saved=len(pending))


def award_list_sheet() -> SheetSpec:
    return SheetSpec(gettext_lazy("Award list"), (
        Column("org", gettext_lazy("community/village code"), required=True),
        Column("name", gettext_lazy("household or unit name"), width=24),
        Column("household", gettext_lazy("household number"), kind="int"),
        Column("citation", gettext_lazy("citation"), width=30),
    ))


def award_list_template() -> bytes:
    note = _("One row per household or unit awarded. The community/village code is the "
             "organization's code (a unit may also stand under its street's code). A household "
             "may be named by its number in the household registry, its name then being the "
             "head's; otherwise give the household's or unit's name. Nothing is saved unless "
             "every row is valid; the list is awarded when it is approved.")
    return build_template([award_list_sheet()], note=note)


@dataclass
class AwardListResult(ImportResult):
    award_list: object = None


def import_award_list(upload, honour_type: HonourType, level: HonourLevel, year: int,
                      user) -> AwardListResult:
    """Validate a mass honour's list whole: every row valid, or nothing saved. A row names a
    community/village (or, for units, a street) in the user's scope, and a household of it
    or a name; no recipient twice, nor one that already holds (or is listed for) the honour
    that year."""
    spec = award_list_sheet()
    try:
        sheets, errors = read_workbook(upload_bytes(upload), [spec])
    except UploadRejected as exc:
        return AwardListResult(errors=exc.errors)
    rows, name = sheets[str(spec.name)].rows, str(spec.name)
    header = {c.key: str(c.header) for c in spec.columns}
    kinds = [OrgKind.COMMUNITY] if honour_type.subject == Subject.FAMILY else [
        OrgKind.COMMUNITY, OrgKind.STREET]
    orgs = {o.code: o for o in Organization.objects.visible_to(user).filter(
        kind__in=kinds, code__in={r["org"] for r in rows}).only("pk", "code", "name")}
    numbers = {r["household"] for r in rows if r["household"]}
    households = {h.pk: h for h in Household.objects.visible_to(user).filter(
        pk__in=numbers).only("pk", "org_id", "head_name")} if (
        numbers and honour_type.subject == Subject.FAMILY) else {}

    def key_of(org_id, household_id, text):
        return ("household", household_id) if household_id else ("name", org_id, text)

    held = set()
    for r in Honour.objects.filter(
            honour_type=honour_type, year=year, org__in=orgs.values()).exclude(
            state__in=[State.REJECTED, State.DISQUALIFIED]).values(
            "org_id", "recipient__household_id", "recipient__name"):
        held.add(key_of(r["org_id"], r["recipient__household_id"], r["recipient__name"]))
    listed = {key_of(e["org_id"], e["household_id"], e["name"]) for e in
              AwardListEntry.objects.filter(
                  award_list__honour_type=honour_type, award_list__year=year,
                  award_list__status=AwardList.Status.PENDING,
                  org__in=orgs.values()).values("org_id", "household_id", "name")}
    seen: dict[tuple, int] = {}
    entries = []
    for row in rows:
        org = orgs.get(row["org"])
        if org is None:
            errors.append(_unknown_community(name, row, header))
            continue
        household = None
        if row["household"]:
            household = households.get(row["household"])
            if honour_type.subject != Subject.FAMILY:
                errors.append(CellError(name, row["_row"], header["household"], _(
                    "%(type)s is not awarded to households: leave the household number "
                    "blank.") % {"type": honour_type.name}))
                continue
            if household is None or household.org_id != org.pk:
                errors.append(CellError(name, row["_row"], header["household"], _(
                    "Household %(n)s is not registered in %(org)s.")
                    % {"n": row["household"], "org": org.name}))
                continue
        text = (row["name"] or "").strip() or (
            _("%(head)s's family") % {"head": household.head_name} if household else "")
        if not text:
            errors.append(CellError(name, row["_row"], header["name"], _(
                "Give the household's or unit's name, or the household number.")))
            continue
        if len(text) > 120:
            errors.append(CellError(name, row["_row"], header["name"], _(
                "At most 120 characters.")))
            continue
        key = key_of(org.pk, household.pk if household else None, text)
        if key in seen:
            errors.append(CellError(name, row["_row"], header["name"], _(
                "Duplicate of row %(row)s.") % {"row": seen[key]}))
        elif key in held:
            errors.append(CellError(name, row["_row"], header["name"], _(
                "%(name)s already holds or is nominated for %(type)s in %(year)s.")
                % {"name": text, "type": honour_type.name, "year": year}))
        elif key in listed:
            errors.append(CellError(name, row["_row"], header["name"], _(
                "%(name)s is already on a list of %(type)s awaiting approval.")
                % {"name": text, "type": honour_type.name}))
        seen.setdefault(key, row["_row"])
        entries.append(services.Entry(row=row["_row"], org_id=org.pk, name=text,
                                      household_id=household.pk if household else None,
                                      citation=(row["citation"] or "").strip()[:300]))
    if not errors and not entries:
        errors.append(CellError(name, None, "", _("The list has no rows.")))
    if errors:
        return AwardListResult(errors=errors)
    award_list = services.create_award_list(honour_type, level, year, entries, user)
    return AwardListResult(saved=len(entries), award_list=award_list)
