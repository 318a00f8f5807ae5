"""The children's work in numbers: pure query functions taking a scope and a period.

Pages, exports, the home panel and the year-end summary call these. Scopes are querysets the
caller has already narrowed (`visible_to`, or `in_scope` for children's records, whose
figures carry counts and sums only, never names).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from children.models import (
    Child,
    Grant,
    GrantProgramme,
    NursingRoom,
    Project,
    ProjectDomain,
    ProjectStatus,
    RoomStatus,
)
from children.models.assistance import ChildCategory
from children.models.projects import FINISHED_STATUSES
from children.models.rooms import reassess_days
from federation.kernel.privacy import small_count, withhold_one_more


def projects_by_domain_status(projects: QuerySet[Project]) -> list[dict]:
    """One row per domain in use or in the list: counts per status and the total; one query
    for the counts and one for the domains."""
    rows = projects.order_by().values("domain", "status").annotate(n=Count("pk"))
    counts: dict[int, dict[str, int]] = {}
    for row in rows:
        counts.setdefault(row["domain"], {})[row["status"]] = row["n"]
    table = []
    for domain in ProjectDomain.objects.all():
        by_status = counts.get(domain.pk, {})
        if not by_status and not domain.is_active:
            continue
        cells = [by_status.get(status, 0) for status in ProjectStatus.values]
        table.append({"domain": domain, "code": domain.code, "counts": cells,
                      "total": sum(cells)})
    return table


def area_rebuilt(projects: QuerySet[Project], year: int) -> Decimal:
    """Square metres of the projects completed in the year (completed or accepted)."""
    total = projects.filter(status__in=FINISHED_STATUSES, completed_on__year=year).aggregate(
        area=Sum("completed_area"))["area"]
    return total or Decimal("0")


def project_money(projects: QuerySet[Project]) -> dict[str, Decimal]:
    sums = projects.aggregate(budget=Sum("budget"), spent=Sum("spent"))
    return {key: value or Decimal("0") for key, value in sums.items()}


def rooms_built(rooms: QuerySet[NursingRoom], year: int) -> int:
    return rooms.filter(built_on__year=year).exclude(status=RoomStatus.PLANNED).count()


def room_counts(rooms: QuerySet[NursingRoom]) -> dict[str, int]:
    """Rooms by status, and open rooms below the required area: two queries (rules + rooms)."""
    below = NursingRoom.objects.below_standard_q()
    return rooms.aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in RoomStatus.values},
        below_standard=Count("pk", filter=Q(status=RoomStatus.BUILT) & below),
    )


def panel_numbers(projects: QuerySet[Project], rooms: QuerySet[NursingRoom],
                  grants: QuerySet[Grant], year: int, today: datetime.date) -> dict:
    """The home panel's five numbers in three queries."""
    cutoff = today - datetime.timedelta(days=reassess_days())
    numbers = projects.aggregate(projects=Count("pk"), area_rebuilt=Sum(
        "completed_area", filter=Q(status__in=FINISHED_STATUSES, completed_on__year=year)))
    numbers.update(rooms.with_last_assessment().aggregate(
        rooms_built=Count("pk", filter=Q(built_on__year=year) & ~Q(status=RoomStatus.PLANNED)),
        rooms_due=Count("pk", filter=Q(status=RoomStatus.BUILT) & (
            Q(last_assessed__isnull=True) | Q(last_assessed__lte=cutoff)))))
    numbers["grants"] = grants.filter(paid_on__year=year).aggregate(s=Sum("amount"))["s"]
    numbers["area_rebuilt"] = numbers["area_rebuilt"] or Decimal("0")
    numbers["grants"] = numbers["grants"] or Decimal("0")
    return numbers


def grants_paid(grants: QuerySet[Grant], year: int) -> dict:
    """Grants paid in the year: total, count, children aided, and per programme."""
    paid = grants.filter(paid_on__year=year)
    totals = paid.aggregate(amount=Sum("amount"), count=Count("pk"),
                            children=Count("child", distinct=True))
    rows = {row["programme"]: row for row in paid.order_by().values("programme").annotate(
        amount=Sum("amount"), count=Count("pk"))}
    programmes = [
        {"programme": p, "code": p.code, "amount": rows.get(p.pk, {}).get("amount") or 0,
         "count": rows.get(p.pk, {}).get("count", 0)}
        for p in GrantProgramme.objects.all()
    ]
    return {"amount": totals["amount"] or Decimal("0"), "count": totals["count"],
            "children": totals["children"], "programmes": programmes}


def children_by_category(children: QuerySet[Child], year: int | None = None) -> list[dict]:
    """Children per category: on the register now, or, with `year`, those aided with a grant
    paid that year (the year-end summary, whose narrative publishes their total). Counts
    below 3 show as "<3", and one more is withheld where the others would give it away."""
    if year is None:
        children = children.filter(is_active=True)
        counted = Count("pk")
    else:
        children = children.filter(grants__paid_on__year=year)
        counted = Count("pk", distinct=True)
    rows = dict(children.order_by().values_list("category").annotate(n=counted))
    result = []
    for value, label in ChildCategory.choices:
        n = rows.get(value, 0)
        result.append({"code": value, "label": label, "count": n, "shown": small_count(n)})
    if year is not None:
        withhold_one_more(result)
    return result


def year_summary(projects, rooms, grants, children, year: int) -> dict:
    """The line the year-end summary takes from this app."""
    return {
        "year": year,
        "projects": projects.count(),
        "projects_completed": projects.filter(completed_on__year=year).count(),
        "area_rebuilt": area_rebuilt(projects, year),
        "rooms_built": rooms_built(rooms, year),
        "grants": grants_paid(grants, year),
        "children": children_by_category(children, year),
    }


def this_year() -> int:
    return timezone.localdate().year
