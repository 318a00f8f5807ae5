"""The children's work in numbers: pure query functions taking an organization (the subtree
they count, orgs.scoping) and a period. Pages, exports, the home panel, the dashboard, the API
and the work summary call these; children's figures carry counts and sums only, never names.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from children.models import (
    Child,
    Grant,
    GrantProgramme,
    NursingRoom,
    Pairing,
    Project,
    ProjectDomain,
    ProjectStatus,
    RoomStatus,
    Visit,
)
from children.models.assistance import ChildCategory
from children.models.projects import FINISHED_STATUSES
from children.models.rooms import reassess_days
from federation.kernel.privacy import small_count, withhold_one_more
from orgs.models import Organization


def projects_by_domain_status(org: Organization) -> list[dict]:
    """One row per domain in use or in the list: counts per status and the total; one query
    for the counts and one for the domains."""
    rows = Project.objects.within(org).order_by().values("domain", "status").annotate(n=Count("pk"))
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


def area_rebuilt(org: Organization, year: int) -> Decimal:
    """Square metres of the projects completed in the year (completed or accepted)."""
    total = Project.objects.within(org).filter(
        status__in=FINISHED_STATUSES, completed_on__year=year).aggregate(
        area=Sum("completed_area"))["area"]
    return total or Decimal("0")


def project_money(org: Organization) -> dict[str, Decimal]:
    sums = Project.objects.within(org).aggregate(budget=Sum("budget"), spent=Sum("spent"))
    return {key: value or Decimal("0") for key, value in sums.items()}


def rooms_built(org: Organization, year: int) -> int:
    return (NursingRoom.objects.within(org).filter(built_on__year=year)
            .exclude(status=RoomStatus.PLANNED).count())


def room_counts(org: Organization) -> dict[str, int]:
    """Rooms by status, and open rooms below the required area: two queries (rules + rooms)."""
    below = NursingRoom.objects.below_standard_q()
    return NursingRoom.objects.within(org).aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in RoomStatus.values},
        below_standard=Count("pk", filter=Q(status=RoomStatus.BUILT) & below),
    )


def panel_numbers(org: Organization, year: int, today: datetime.date) -> dict:
    """The home panel's five numbers in three queries."""
    cutoff = today - datetime.timedelta(days=reassess_days())
    numbers = Project.objects.within(org).aggregate(projects=Count("pk"), area_rebuilt=Sum(
        "completed_area", filter=Q(status__in=FINISHED_STATUSES, completed_on__year=year)))
    numbers.update(NursingRoom.objects.within(org).with_last_assessment().aggregate(
        rooms_built=Count("pk", filter=Q(built_on__year=year) & ~Q(status=RoomStatus.PLANNED)),
        rooms_due=Count("pk", filter=Q(status=RoomStatus.BUILT) & (
            Q(last_assessed__isnull=True) | Q(last_assessed__lte=cutoff)))))
    numbers["grants"] = Grant.objects.within(org).filter(paid_on__year=year).aggregate(
        s=Sum("amount"))["s"]
    numbers["area_rebuilt"] = numbers["area_rebuilt"] or Decimal("0")
    numbers["grants"] = numbers["grants"] or Decimal("0")
    return numbers


def grants_paid(org: Organization, year: int) -> dict:
    """Grants paid in the year: total, count, children aided, and per programme."""
    paid = Grant.objects.within(org).filter(paid_on__year=year)
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


def children_by_category(org: Organization, year: int | None = None) -> list[dict]:
    """Children per category: on the register now, or, with `year`, those aided with a grant
    paid that year (the year-end summary, whose narrative publishes their total). Counts
    below 3 show as "<3", and one more is withheld where the others would give it away."""
    children = Child.objects.within(org)
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


def completed_by_year(org: Organization, years: list[int]) -> dict[int, dict[str, int]]:
    """{year: {"projects": completed, "rooms": built}} for each of `years`: two queries
    (projects_completed and rooms_built for several years at once)."""
    projects = Project.objects.within(org).aggregate(**{
        str(y): Count("pk", filter=Q(completed_on__year=y)) for y in years})
    rooms = NursingRoom.objects.within(org).exclude(status=RoomStatus.PLANNED).aggregate(**{
        str(y): Count("pk", filter=Q(built_on__year=y)) for y in years})
    return {y: {"projects": projects[str(y)], "rooms": rooms[str(y)]} for y in years}


def projects_completed(org: Organization, year: int) -> int:
    return Project.objects.within(org).filter(completed_on__year=year).count()


def year_summary(org: Organization, year: int) -> dict:
    """The line the year-end summary takes from this app."""
    return {
        "year": year,
        "projects": Project.objects.within(org).count(),
        "projects_completed": projects_completed(org, year),
        "area_rebuilt": area_rebuilt(org, year),
        "rooms_built": rooms_built(org, year),
        "grants": grants_paid(org, year),
        "children": children_by_category(org, year),
    }


def this_year() -> int:
    return timezone.localdate().year


def programme_counts(org: Organization, year: int) -> dict[str, int]:
    """The API's registry counts (federation.kernel.hooks)."""
    return {"child_friendly_projects": Project.objects.within(org).count(),
            "nursing_rooms_built": room_counts(org)["built"]}


def period_figures(org: Organization, start: datetime.date, end: datetime.date) -> dict:
    """What the work summary states for a period: nursing rooms built, child-friendly
    projects completed and their area, grants paid and the children aided (three queries)."""
    rooms = (NursingRoom.objects.within(org).filter(built_on__range=(start, end))
             .exclude(status=RoomStatus.PLANNED).count())
    projects = Project.objects.within(org).filter(
        status__in=FINISHED_STATUSES, completed_on__range=(start, end)).aggregate(
        completed=Count("pk"), area=Sum("completed_area"))
    grants = Grant.objects.within(org).filter(paid_on__range=(start, end)).aggregate(
        amount=Sum("amount"), children=Count("child", distinct=True))
    return {"rooms_built": rooms, "projects_completed": projects["completed"],
            "area_rebuilt": projects["area"], "grant_amount": grants["amount"],
            "children_aided": grants["children"]}


def pairing_figures(org: Organization, start: datetime.date, end: datetime.date) -> dict:
    """Children paired with a volunteer mother (妇联妈妈) at some time in a period, and the
    visits paid to children in it: two queries."""
    paired = Pairing.objects.within(org).filter(since__lte=end).filter(
        Q(until__isnull=True) | Q(until__gte=start)).aggregate(
        children=Count("child", distinct=True))["children"]
    visits = Visit.objects.within(org).filter(visited_on__range=(start, end)).count()
    return {"children_paired": paired, "visits": visits}
