"""Rights figures: pure query functions taking an organization (the subtree they count,
orgs.scoping) and a period. Pages, the xlsx export, the dashboard, the API and the work summary
call these; they return counts only, never personal data."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.kernel.privacy import WITHHELD, small_count, withhold_one_more
from orgs.models import Organization
from orgs.scoping import child_of, street_of, subtree_q
from rights.models import (
    Assistance,
    AssistanceKind,
    AssistanceTarget,
    Case,
    Category,
    Channel,
    Household,
    Mediation,
    MediationSession,
    Risk,
    Satisfaction,
    Screening,
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


def mediations_by_street(org: Organization, start: datetime.date,
                         end: datetime.date) -> dict[str, int]:
    """{street path: mediations started in the period} (one query)."""
    rows = (Mediation.objects.filter(case__in=Case.objects.within(org),
                                     started_on__range=(start, end))
            .annotate(street=street_of("case__org")).order_by().values("street")
            .annotate(n=Count("pk")))
    return {row["street"]: row["n"] for row in rows}


def register_counts(org: Organization) -> list[dict]:
    """Households under watch by colour level."""
    rows = (Household.objects.within(org).filter(status="watch")
            .values(code=F("colour__code"), name_zh=F("colour__name_zh"),
                    name_en=F("colour__name_en"), colour_hex=F("colour__colour"))
            .annotate(count=Count("pk")).order_by("colour__order"))
    return list(rows)


def screening_counts(org: Organization, start: datetime.date, end: datetime.date) -> dict:
    """The risk register's screenings in a period (one query): screenings (household-months)
    and the distinct households screened."""
    return Screening.objects.filter(subtree_q("household__org", org),
                                    month__range=(start, end)).aggregate(
        screenings=Count("pk"), households=Count("household", distinct=True))


def red_households(org: Organization) -> int:
    return Household.objects.within(org).filter(status="watch", colour__code="red").count()


# --- Women's assistance registry (关爱帮扶) --------------------------------------------------
# Each function takes the organization whose subtree is counted first. "Women aided" counts
# distinct persons (by the keyed hash of the ID number): the same woman aided twice is one.
# Money is the cash given (amount); goods are valued apart. Published counts below 3 are
# withheld (federation.kernel.privacy), and so is the money beside them.


def _women():
    """Distinct women: by ID-number hash; a record without an ID number is one woman."""
    return (Count("id_hash", distinct=True, filter=~Q(id_hash=""))
            + Count("pk", filter=Q(id_hash="")))


def _assistance(org: Organization, start: datetime.date, end: datetime.date):
    return Assistance.objects.within(org).in_period(start, end)


def assistance_totals(org: Organization, start: datetime.date, end: datetime.date,
                      kind: AssistanceKind | None = None) -> dict:
    """Women aided (distinct), records, money and goods' value, for one kind or all."""
    qs = _assistance(org, start, end)
    if kind is not None:
        qs = qs.filter(kind=kind)
    row = qs.aggregate(women=_women(), records=Count("pk"), amount=Sum("amount"),
                       goods=Sum("goods_value"))
    row["amount"] = row["amount"] or Decimal(0)
    row["goods"] = row["goods"] or Decimal(0)
    return row


def _shown(row: dict) -> dict:
    """A row of a published table: a small count as "<3", and its money withheld with it."""
    row["shown"] = small_count(row["women"])
    return row


def _withhold_money(rows: list[dict]) -> None:
    for row in rows:
        if not isinstance(row["shown"], int):
            row["amount_shown"] = row["goods_shown"] = WITHHELD
        else:
            row.setdefault("amount_shown", row["amount"])
            row.setdefault("goods_shown", row["goods"])


def assistance_by_kind(org: Organization, start: datetime.date, end: datetime.date) -> dict:
    """{"rows": one per kind of help that has records, in reference order, "total": all kinds}
    with women (distinct within the kind and overall), records, money, goods and the
    published `shown` counts."""
    qs = _assistance(org, start, end)
    found = {r["kind_id"]: r for r in qs.values("kind_id").annotate(
        women=_women(), records=Count("pk"), amount=Sum("amount"), goods=Sum("goods_value"))
        .order_by()}
    rows = []
    for kind in AssistanceKind.objects.all():
        if kind.pk in found:
            r = found[kind.pk]
            rows.append(_shown({"kind": kind, "code": kind.code, "name": kind.name,
                                "count": r["women"], "women": r["women"],
                                "records": r["records"], "amount": r["amount"] or Decimal(0),
                                "goods": r["goods"] or Decimal(0)}))
    total = assistance_totals(org, start, end)
    total.update(name=_("Total"), count=total["women"])
    _shown(total)
    withhold_one_more(rows)  # kinds overlap (one woman, two kinds): no total is derivable
    _withhold_money(rows)
    _withhold_money([total])
    return {"rows": rows, "total": total}


def assistance_by_unit(org: Organization, start: datetime.date, end: datetime.date) -> list[dict]:
    """Per organization one level below `org` (the streets of the district, the communities
    of a street), and `org`'s own records: women aided, money and goods, per kind and in all.
    One query for the kinds, one for the totals."""
    qs = _assistance(org, start, end).annotate(unit=child_of("org", org))
    per_kind = (qs.values("unit", "kind_id").annotate(women=_women(), amount=Sum("amount"))
                .order_by())
    totals = (qs.values("unit").annotate(women=_women(), amount=Sum("amount"),
                                         goods=Sum("goods_value")).order_by("unit"))
    names = dict(Organization.objects.filter(path__in={r["unit"] for r in totals} | {org.path})
                 .values_list("path", "name"))
    kinds: dict[str, dict[int, dict]] = {}
    for r in per_kind:
        kinds.setdefault(r["unit"], {})[r["kind_id"]] = {
            "women": r["women"], "shown": small_count(r["women"]),
            "amount": r["amount"] or Decimal(0)}
    rows = []
    for r in totals:
        row = _shown({"path": r["unit"], "name": names.get(r["unit"], r["unit"]),
                      "count": r["women"], "women": r["women"],
                      "amount": r["amount"] or Decimal(0), "goods": r["goods"] or Decimal(0),
                      "kinds": kinds.get(r["unit"], {})})
        for cell in row["kinds"].values():
            cell["amount_shown"] = (cell["amount"] if isinstance(cell["shown"], int)
                                    else WITHHELD)
        rows.append(row)
    withhold_one_more(rows)
    _withhold_money(rows)
    return rows


def assistance_targets(org: Organization, year: int) -> list[dict]:
    """The organization's annual targets with the progress of its subtree in the year: one
    row per target (a kind of help, or all kinds), with done and per cent done."""
    targets = list(AssistanceTarget.objects.filter(org=org, year=year).select_related("kind"))
    if not targets:
        return []
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    by_kind = {row["kind"].pk: row for row in assistance_by_kind(org, start, end)["rows"]}
    overall = assistance_totals(org, start, end)
    rows = []
    for target in targets:
        done = by_kind.get(target.kind_id, {}) if target.kind_id else overall
        women, amount = done.get("women", 0), done.get("amount", Decimal(0))
        rows.append({"target": target, "name": target.kind.name if target.kind else _("All"),
                     "women": women, "women_target": target.women,
                     "women_percent": _rate(women, target.women or 0),
                     "amount": amount, "amount_target": target.amount,
                     "amount_percent": _rate(float(amount), float(target.amount or 0))})
    return rows


def assistance_tally_answers(org_id: int, month: datetime.date) -> dict[int, Decimal]:
    """What the registry answers for an organization's monthly tally: for each kind of help
    tied to tally indicators, its women aided and money in the month (the organization's own
    records, as the activity log answers), by indicator pk. One query."""
    from orgs.tallies.models import month_end

    rows = (Assistance.objects.filter(org_id=org_id, given_on__range=(month, month_end(month)))
            .filter(Q(kind__people_indicator__isnull=False)
                    | Q(kind__amount_indicator__isnull=False))
            .values("kind__people_indicator_id", "kind__amount_indicator_id")
            .annotate(women=_women(), amount=Sum("amount")).order_by())
    answers: dict[int, Decimal] = {}
    for row in rows:
        if row["kind__people_indicator_id"]:
            answers[row["kind__people_indicator_id"]] = Decimal(row["women"])
        if row["kind__amount_indicator_id"] and row["amount"]:
            answers[row["kind__amount_indicator_id"]] = row["amount"]
    return answers


def programme_counts(org: Organization, year: int) -> dict[str, int | float]:
    """The API's registry counts (federation.kernel.hooks): cases and women's assistance in
    the year."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    cases = headline(org, start, end)
    aided = assistance_totals(org, start, end)
    return {"cases_received_this_year": cases["received"],
            "cases_closed_this_year": cases["closed"],
            "women_aided_this_year": aided["women"],
            "assistance_money_this_year": float(aided["amount"])}
