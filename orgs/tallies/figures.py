"""The monthly tallies' numbers: the roll-up, targets, deadlines and THE completeness figure,
used by the tally pages, the dashboard, the API and the work summary alike."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from orgs.models import Organization, OrgKind
from orgs.scoping import children_q, street_of, street_path, subtree_q
from orgs.tallies.models import (
    COUNTED_STATES,
    TALLY_KINDS,
    AnnualTarget,
    ReportingDeadline,
    Tally,
    TallyValue,
    month_end,
    month_start,
)


def tally_totals(
    org: Organization, start: datetime.date, end: datetime.date,
    states: tuple[str, ...] = COUNTED_STATES,
) -> dict[int, Decimal]:
    """THE roll-up: totals by indicator for an organization's subtree over the months
    [start, end], in one query. Each organization's own entry counts once, so a street's total
    is its own work plus its communities'. An indicator nobody filled is absent: empty is
    not 0."""
    rows = (TallyValue.objects.filter(subtree_q("tally__org", org),
                                      tally__month__gte=month_start(start),
                                      tally__month__lte=end, tally__state__in=states)
            .order_by().values("indicator_id").annotate(total=Sum("value")))
    return {row["indicator_id"]: row["total"] for row in rows}


def org_month_values(org_id: int, month: datetime.date) -> dict[int, Decimal]:
    """One organization's own values for a month, whatever the state: one query."""
    rows = TallyValue.objects.filter(tally__org_id=org_id, tally__month=month)
    return dict(rows.values_list("indicator_id", "value"))


def child_orgs(org: Organization) -> QuerySet[Organization]:
    return Organization.objects.filter(children_q("", org), kind__in=TALLY_KINDS)


def children_totals(org: Organization, month: datetime.date,
                    states: tuple[str, ...] = COUNTED_STATES) -> dict[int, Decimal]:
    """What `org`'s direct children (a street's communities) reported for a month, by
    indicator: one query."""
    rows = (TallyValue.objects.filter(children_q("tally__org", org), tally__month=month,
                                      tally__org__kind__in=TALLY_KINDS,
                                      tally__state__in=states)
            .order_by().values("indicator_id").annotate(total=Sum("value")))
    return {row["indicator_id"]: row["total"] for row in rows}


def expected_orgs(org: Organization, start: datetime.date,
                  end: datetime.date) -> QuerySet[Organization]:
    """Organizations due to file a tally for some month in [start, end]: streets and
    communities that existed and were active then."""
    return (Organization.objects.within(org).filter(kind__in=TALLY_KINDS).active_in(start, end)
            .filter(Q(is_active=True) | Q(dissolved_on__isnull=False)))


def children_reporting(org: Organization, month: datetime.date) -> tuple[int, int]:
    """(children that submitted, children expected) for a month: one query."""
    due = expected_orgs(org, month, month_end(month)).filter(depth=org.depth + 1)
    counts = due.aggregate(
        expected=Count("pk", distinct=True),
        reported=Count("pk", distinct=True, filter=Q(
            tallies__month=month, tallies__first_submitted_at__isnull=False)))
    return counts["reported"], counts["expected"]


def target_progress(org: Organization, year: int) -> dict[int, tuple[Decimal, Decimal | None]]:
    """indicator id -> (annual target, year-to-date total of the subtree): two queries."""
    targets = dict(AnnualTarget.objects.filter(org=org, year=year)
                   .values_list("indicator_id", "target"))
    if not targets:
        return {}
    totals = tally_totals(org, datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    return {pk: (target, totals.get(pk)) for pk, target in targets.items()}


def deadlines(months: list[datetime.date]) -> dict[datetime.date, datetime.date]:
    """Each month's deadline: the stored one, else the 5th of the next month. One query."""
    stored = dict(ReportingDeadline.objects.filter(month__in=months)
                  .values_list("month", "due_on"))
    return {m: stored.get(m) or ReportingDeadline.default_for(m) for m in months}


class Cell:
    """A cell of completeness: how one organization did for one month."""

    NOT_EXPECTED, PENDING, MISSING, ON_TIME, LATE = ("none", "pending", "missing", "on_time",
                                                     "late")


def cell_status(founded, dissolved, month: datetime.date, submitted: datetime.datetime | None,
                due_on: datetime.date, today: datetime.date) -> str:
    if (founded and founded > month_end(month)) or (dissolved and dissolved < month):
        return Cell.NOT_EXPECTED
    if submitted is None:
        return Cell.MISSING if today > due_on else Cell.PENDING
    return Cell.ON_TIME if timezone.localdate(submitted) <= due_on else Cell.LATE


@dataclass
class StreetRate:
    org_id: int
    name: str
    expected: int = 0
    submitted: int = 0
    on_time: int = 0

    @property
    def completeness(self) -> int:
        return round(100 * self.submitted / self.expected) if self.expected else 0

    @property
    def timeliness(self) -> int:
        return round(100 * self.on_time / self.expected) if self.expected else 0


@dataclass
class Completeness:
    month: datetime.date
    due_on: datetime.date
    expected: int = 0
    submitted: int = 0
    on_time: int = 0
    streets: list[StreetRate] = field(default_factory=list)
    missing: list[Organization] = field(default_factory=list)
    late: list[Organization] = field(default_factory=list)

    @property
    def completeness(self) -> int:
        return round(100 * self.submitted / self.expected) if self.expected else 0

    @property
    def timeliness(self) -> int:
        return round(100 * self.on_time / self.expected) if self.expected else 0


def completeness(org: Organization, month: datetime.date,
                 today: datetime.date | None = None) -> Completeness:
    """THE completeness figure: completeness and timeliness of a month for the organizations
    of a subtree due to report, from real submission timestamps; a street's rate covers itself
    and its communities. A month whose deadline has not passed counts only what is in (its
    pending tallies are neither submitted nor missing). Three queries."""
    today = today or timezone.localdate()
    due_on = deadlines([month])[month]
    result = Completeness(month, due_on)
    expected = list(expected_orgs(org, month, month_end(month))
                    .only("pk", "name", "code", "kind", "path", "depth", "founded_on",
                          "dissolved_on").order_by("path"))
    submitted = dict(Tally.objects.filter(org__in=[o.pk for o in expected], month=month)
                     .values_list("org_id", "first_submitted_at"))
    streets: dict[str, StreetRate] = {}
    for member in expected:
        key = street_path(member)
        if member.kind == OrgKind.STREET:
            streets[key] = StreetRate(member.pk, member.name)
        rate = streets.setdefault(key, StreetRate(0, ""))
        member.street_name = rate.name if member.kind != OrgKind.STREET else ""  # who to call
        status = cell_status(None, None, month, submitted.get(member.pk), due_on, today)
        result.expected += 1
        rate.expected += 1
        if status in (Cell.ON_TIME, Cell.LATE):
            result.submitted += 1
            rate.submitted += 1
        if status == Cell.ON_TIME:
            result.on_time += 1
            rate.on_time += 1
        elif status == Cell.LATE:
            result.late.append(member)
        else:
            result.missing.append(member)
    result.streets = list(streets.values())
    return result


def completeness_grid(orgs: list[Organization], year: int,
                      today: datetime.date | None = None) -> list[tuple[Organization, list[str]]]:
    """Organizations x the 12 months of a year, each cell a Cell status. `orgs` is one page of
    organizations (with founded_on/dissolved_on); two queries whatever its length."""
    today = today or timezone.localdate()
    months = [datetime.date(year, m, 1) for m in range(1, 13)]
    due = deadlines(months)
    submitted = {(org_id, month): at for org_id, month, at in Tally.objects.filter(
        org__in=[o.pk for o in orgs], month__year=year).values_list(
        "org_id", "month", "first_submitted_at")}
    grid = []
    for org in orgs:
        cells = []
        for month in months:
            if month > today:
                cells.append(Cell.NOT_EXPECTED)
                continue
            cells.append(cell_status(org.founded_on, org.dissolved_on, month,
                                     submitted.get((org.pk, month)), due[month], today))
        grid.append((org, cells))
    return grid


def tally_by_month(org: Organization, year: int,
                   states: tuple[str, ...] = COUNTED_STATES) -> dict[tuple[int, int], Decimal]:
    """{(indicator id, month number): total} for a subtree over a year: one query."""
    rows = (TallyValue.objects.filter(subtree_q("tally__org", org), tally__month__year=year,
                                      tally__state__in=states)
            .order_by().values("indicator_id", "tally__month").annotate(total=Sum("value")))
    return {(r["indicator_id"], r["tally__month"].month): r["total"] for r in rows}


def tally_by_year_month(org: Organization, first_year: int, last_year: int,
                        states: tuple[str, ...] = COUNTED_STATES,
                        indicators: Iterable[int] | None = None,
                        ) -> dict[tuple[int, int, int], Decimal]:
    """{(indicator id, year, month): total} for a subtree over whole years, in one query: a
    year's totals, its months and last year's all come from it (the dashboard). `indicators`:
    only these (ids), where a page shows a few."""
    rows = TallyValue.objects.filter(subtree_q("tally__org", org),
                                     tally__month__gte=datetime.date(first_year, 1, 1),
                                     tally__month__lte=datetime.date(last_year, 12, 31),
                                     tally__state__in=states)
    if indicators is not None:
        rows = rows.filter(indicator_id__in=list(indicators))
    rows = rows.order_by().values("indicator_id", "tally__month").annotate(total=Sum("value"))
    return {(r["indicator_id"], r["tally__month"].year, r["tally__month"].month): r["total"]
            for r in rows}


def year_totals(by_year_month: dict[tuple[int, int, int], Decimal], year: int,
                ) -> dict[int, Decimal]:
    """A year's totals by indicator from tally_by_year_month(): absent stays absent."""
    totals: dict[int, Decimal] = {}
    for (indicator, y, _month), total in by_year_month.items():
        if y == year:
            totals[indicator] = totals.get(indicator, 0) + total
    return totals


def annual_targets(org: Organization, year: int) -> dict[int, Decimal]:
    """indicator id -> the organization's own annual target: one query."""
    return dict(AnnualTarget.objects.filter(org=org, year=year)
                .values_list("indicator_id", "target"))


def tally_by_street(org: Organization, start: datetime.date,
                    end: datetime.date, states: tuple[str, ...] = COUNTED_STATES,
                    indicators: list[int] | None = None,
                    ) -> dict[tuple[str, int], Decimal]:
    """{(street path, indicator id): total} over a period (of `indicators`, or all): each
    street's own entry plus its communities', in one query."""
    values = TallyValue.objects.all()
    if indicators is not None:
        values = values.filter(indicator_id__in=indicators)
    rows = (values.filter(subtree_q("tally__org", org), tally__month__gte=start,
                          tally__month__lte=end, tally__state__in=states,
                          tally__org__depth__gte=2)
            .order_by().annotate(street=street_of("tally__org"))
            .values("street", "indicator_id").annotate(total=Sum("value")))
    return {(r["street"], r["indicator_id"]): r["total"] for r in rows}
