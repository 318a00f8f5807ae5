"""Rights figures: pure query functions taking an organization (the subtree they count,
orgs.scoping) and a period. Pages, the xlsx export, the dashboard, the API and the work summary
call these; they return counts only, never personal data."""

from __future__ import annotations

import datetime

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from federation.kernel.privacy import small_count, withhold_one_more
from orgs.models import Organization
from orgs.scoping import street_of
from rights.models import (
    Case,
    Category,
    Channel,
    Household,
    Mediation,
    MediationSession,
    Risk,
    Satisfaction,
    Status,
)
from rights.models.cases import overdue_rule


def _rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def received(org: Organization, start: datetime.date, end: datetime.date):
    return Case.objects.within(org).filter(received_on__range=(start, end))


def case_totals(org: Organization, start: datetime.date, end: datetime.date,
                today: datetime.date | None = None) -> dict:
    """Received, handled, closed, resolved, followed-up cases and the four rates:
    调处率 handled/received (accepted and acted on, or closed), 结案率 closed/received,
    化解率 resolved/closed, 满意率 (basically) satisfied/followed-up."""
    today = today or timezone.localdate()
    qs = received(org, start, end)
    handled_rule = Q(status=Status.CLOSED) | Q(accepted_on__isnull=False, actions__isnull=False)
    row = qs.aggregate(
        received=Count("pk", distinct=True),
        handled=Count("pk", filter=handled_rule, distinct=True),
        closed=Count("pk", filter=Q(status=Status.CLOSED), distinct=True),
        resolved=Count("pk", filter=Q(status=Status.CLOSED, outcome__resolved=True),
                       distinct=True),
        followed=Count("pk", filter=~Q(satisfaction=""), distinct=True),
        satisfied=Count("pk", filter=Q(satisfaction__in=[Satisfaction.SATISFIED,
                                                         Satisfaction.BASICALLY]),
                        distinct=True),
        urgent=Count("pk", filter=Q(risk__lte=Risk.HIGH), distinct=True),
        overdue=Count("pk", filter=overdue_rule(today), distinct=True),
    )
    row["median_days"] = median_days_to_close(qs)
    row["handling_rate"] = _rate(row["handled"], row["received"])
    row["closure_rate"] = _rate(row["closed"], row["received"])
    row["resolution_rate"] = _rate(row["resolved"], row["closed"])
    row["satisfaction_rate"] = _rate(row["satisfied"], row["followed"])
    return row


def headline(org: Organization, start: datetime.date, end: datetime.date,
             today: datetime.date | None = None) -> dict:
    """Received, closed and overdue in one query (home panels, dashboards)."""
    return received(org, start, end).aggregate(
        received=Count("pk"), closed=Count("pk", filter=Q(status=Status.CLOSED)),
        overdue=Count("pk", filter=overdue_rule(today)))


def headlines(org: Organization, periods: list[tuple[datetime.date, datetime.date]],
              today: datetime.date | None = None) -> list[dict]:
    """headline() for each period, in one query."""
    cases = received(org, min(p[0] for p in periods), max(p[1] for p in periods))
    closed, overdue = Q(status=Status.CLOSED), overdue_rule(today)
    counts = cases.aggregate(**{
        f"{name}{i}": Count("pk", filter=Q(received_on__range=period) & rule)
        for i, period in enumerate(periods)
        for name, rule in (("received", Q()), ("closed", closed), ("overdue", overdue))})
    return [{name: counts[f"{name}{i}"] for name in ("received", "closed", "overdue")}
            for i in range(len(periods))]


def median_days_to_close(cases: QuerySet[Case]) -> float | None:
    """The median days to close of these cases (already counted inside a subtree), in two
    indexed queries that run on PostgreSQL and SQLite alike."""
    closed = cases.filter(status=Status.CLOSED, days_to_close__isnull=False)
    n = closed.count()
    if not n:
        return None
    ordered = closed.order_by("days_to_close").values_list("days_to_close", flat=True)
    middle = list(ordered[(n - 1) // 2: n // 2 + 1])
    return sum(middle) / len(middle)


def by_category(org: Organization, start: datetime.date, end: datetime.date) -> list[dict]:
    """Rows for each category and sub-category that has cases, in reference order."""
    qs = received(org, start, end)
    subs = dict(qs.values_list("category_id").annotate(n=Count("pk")).order_by())
    tops = dict(qs.annotate(top=Coalesce("category__parent_id", "category_id"))
                .values_list("top").annotate(n=Count("pk")).order_by())
    rows = []
    for cat in Category.objects.all():
        count = tops.get(cat.pk, 0) if cat.parent_id is None else subs.get(cat.pk, 0)
        if count:
            rows.append({"code": cat.code, "name": cat.name, "sub": cat.parent_id is not None,
                         "parent": cat.parent_id, "pk": cat.pk,
                         "count": count, "shown": small_count(count, cat.small_counts_hidden)})
    _protect(rows)
    return rows


def _protect(rows: list[dict]) -> None:
    """A hidden count must not follow from its group's total minus the counts shown beside it:
    each category's sub-categories (a lone one withholds its parent's count), then the
    top-level categories, whose total is published."""
    tops = {row["pk"]: row for row in rows if not row["sub"]}
    for pk, parent in tops.items():
        withhold_one_more([row for row in rows if row["parent"] == pk], total=parent)
    withhold_one_more(list(tops.values()))


def by_channel(org: Organization, start: datetime.date, end: datetime.date) -> list[dict]:
    counts = dict(received(org, start, end).values_list("channel_id")
                  .annotate(n=Count("pk")).order_by())
    return [{"code": c.code, "name": c.name, "count": counts.get(c.pk, 0)}
            for c in Channel.objects.all()]


def by_month(org: Organization, start: datetime.date, end: datetime.date) -> list[dict]:
    rows = (received(org, start, end).annotate(month=TruncMonth("received_on"))
            .values("month").annotate(count=Count("pk"),
                                      closed=Count("pk", filter=Q(status=Status.CLOSED)))
            .order_by("month"))
    return [{"month": r["month"].strftime("%Y-%m") if r["month"] else "",
             "count": r["count"], "closed": r["closed"]} for r in rows]


def by_street(org: Organization, start: datetime.date, end: datetime.date) -> list[dict]:
    rows = (received(org, start, end)
            .annotate(street=street_of("org"))
            .values("street").annotate(count=Count("pk"),
                                       closed=Count("pk", filter=Q(status=Status.CLOSED)))
            .order_by("street"))
    rows = list(rows)
    names = dict(Organization.objects.filter(path__in=[r["street"] for r in rows])
                 .values_list("path", "name"))
    return [{"name": names.get(r["street"], r["street"]), "count": r["count"],
             "closed": r["closed"]} for r in rows]


def by_risk(org: Organization, start: datetime.date, end: datetime.date) -> list[dict]:
    counts = dict(received(org, start, end).values_list("risk").annotate(n=Count("pk"))
                  .order_by())
    return [{"risk": value, "name": str(label), "count": counts.get(value, 0)}
            for value, label in Risk.choices]


def mediation_counts(org: Organization, start: datetime.date, end: datetime.date) -> dict:
    """"调解 85 起, 和解 70 起": mediations started in the period and agreements reached."""
    mediations = Mediation.objects.filter(case__in=Case.objects.within(org),
                                          started_on__range=(start, end))
    row = mediations.aggregate(mediations=Count("pk"),
                               agreements=Count("pk", filter=Q(agreement_reached=True)),
                               failed=Count("pk", filter=Q(agreement_reached=False)),
                               ongoing=Count("pk", filter=Q(agreement_reached__isnull=True)))
    row["sessions"] = MediationSession.objects.filter(mediation__in=mediations).count()
    return row


def register_counts(org: Organization) -> list[dict]:
    """Households under watch by colour level."""
    rows = (Household.objects.within(org).filter(status="watch")
            .values(code=F("colour__code"), name_zh=F("colour__name_zh"),
                    name_en=F("colour__name_en"), colour_hex=F("colour__colour"))
            .annotate(count=Count("pk")).order_by("colour__order"))
    return list(rows)


def red_households(org: Organization) -> int:
    return Household.objects.within(org).filter(status="watch", colour__code="red").count()


def programme_counts(org: Organization, year: int) -> dict[str, int]:
    """The API's registry counts (federation.kernel.hooks)."""
    cases = headline(org, datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    return {"cases_received_this_year": cases["received"],
            "cases_closed_this_year": cases["closed"]}
