"""The committee's figures the reports state (执委履职): SQL aggregates over a subtree (an
organization, its root) and a period [start, end].

    committee_figures(org, start, end)  the subtree's headline (a handful of queries)
    by_street(org, start, end)          the same per street under `org`
    summary_figures(org, start, end)    for the year-end summary's 组织建设 line of work
    review(people, start, end)          the yearly review: one row per member, one query
    idle_by_street(org, start, end)     members with nothing recorded, counted per street

A *member* is someone holding an executive post (EXECUTIVE_POSTS, not women's delegates) at
some time in the period in the subtree; she is *active* when at least one duty of hers in the
period is recorded. A duty counts for the organization of the committee she recorded it for;
a request counts in the period of its duty. *Answered* (办结) are the requests answered or
turned into a rights case; the answer rate is answered / passed up, in whole per cent.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from orgs.duties.models import (
    DONE_STATUSES,
    EXECUTIVE_POSTS,
    MEETING,
    Duty,
    DutyKind,
    ReviewWeights,
    VoiceRequest,
)
from orgs.models import Organization, OrgKind, Person, Position
from orgs.scoping import STREET_DEPTH, street_of

POINTS = DecimalField(max_digits=12, decimal_places=2)


def members(org: Organization, start: datetime.date, end: datetime.date) -> QuerySet[Position]:
    """Executive posts of the subtree held at some time in [start, end]."""
    return Position.objects.within(org).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=start), post__in=EXECUTIVE_POSTS,
        started_on__lte=end)


def duties(org: Organization, start: datetime.date, end: datetime.date) -> QuerySet[Duty]:
    return Duty.objects.within(org).filter(done_on__gte=start, done_on__lte=end)


def requests(org: Organization, start: datetime.date,
             end: datetime.date) -> QuerySet[VoiceRequest]:
    return VoiceRequest.objects.within(org).filter(duty__done_on__gte=start,
                                                   duty__done_on__lte=end)


def _active(start: datetime.date, end: datetime.date) -> Exists:
    return Exists(Duty.objects.filter(person_id=OuterRef("person_id"), done_on__gte=start,
                                      done_on__lte=end))


def rate(part: int, whole: int) -> int | None:
    """part / whole in whole per cent (None when there is no whole)."""
    return round(100 * part / whole) if whole else None


def committee_figures(org: Organization, start: datetime.date, end: datetime.date) -> dict:
    """members, active, active_share (%), duties, by_kind {code: n}, women_reached, meetings,
    requests, answered, answer_rate (%): four queries."""
    people = members(org, start, end).annotate(has_duty=_active(start, end)).aggregate(
        members=Count("person", distinct=True),
        active=Count("person", distinct=True, filter=Q(has_duty=True)))
    kinds = dict.fromkeys(DutyKind.objects.order_by("order", "code").values_list(
        "code", flat=True), 0)
    rows = duties(org, start, end).order_by().values("kind__code").annotate(
        n=Count("pk"), women=Coalesce(Sum("women_reached"), 0))
    women = 0
    for row in rows:
        kinds[row["kind__code"]] = row["n"]
        women += row["women"]
    passed = requests(org, start, end).aggregate(
        requests=Count("pk"), answered=Count("pk", filter=Q(status__in=DONE_STATUSES)))
    return {
        "members": people["members"], "active": people["active"],
        "active_share": rate(people["active"], people["members"]),
        "duties": sum(kinds.values()), "by_kind": kinds, "women_reached": women,
        "meetings": kinds.get(MEETING, 0), "requests": passed["requests"],
        "answered": passed["answered"], "answer_rate": rate(passed["answered"],
                                                            passed["requests"]),
    }


def by_street(org: Organization, start: datetime.date, end: datetime.date) -> list[dict]:
    """committee_figures' numbers (without the kinds) for each street under `org` and the
    street itself when `org` is one: four queries whatever the number of streets."""
    streets = list(Organization.objects.within(org).filter(kind=OrgKind.STREET)
                   .order_by("path"))
    if not streets:
        return []
    key, below = street_of("org"), Q(org__depth__gte=STREET_DEPTH)
    people = {row["street"]: row for row in members(org, start, end).filter(below)
              .annotate(has_duty=_active(start, end), street=key)
        .order_by().values("street").annotate(
            members=Count("person", distinct=True),
            active=Count("person", distinct=True, filter=Q(has_duty=True)))}
    done = {row["street"]: row for row in duties(org, start, end).filter(below)
            .annotate(street=key).order_by().values("street")
        .annotate(duties=Count("pk"), women=Coalesce(Sum("women_reached"), 0))}
    passed = {row["street"]: row for row in requests(org, start, end).filter(below)
              .annotate(street=key).order_by().values("street")
        .annotate(requests=Count("pk"), answered=Count("pk", filter=Q(
            status__in=DONE_STATUSES)))}
    result = []
    for street in streets:
        p = people.get(street.path, {"members": 0, "active": 0})
        d = done.get(street.path, {"duties": 0, "women": 0})
        r = passed.get(street.path, {"requests": 0, "answered": 0})
        result.append({
            "org": street, "members": p["members"], "active": p["active"],
            "active_share": rate(p["active"], p["members"]), "duties": d["duties"],
            "women_reached": d["women"], "requests": r["requests"], "answered": r["answered"],
            "answer_rate": rate(r["answered"], r["requests"])})
    return result


def about(n: int) -> str:
    """A count as Chinese reports write it: 12,345 → 1.2万余; below 10,000 as it is."""
    if n < 10000:
        return str(n)
    tenths = n // 1000
    return f"{tenths / 10:g}万余" if n % 1000 or tenths % 10 else f"{tenths // 10}万"


def summary_figures(org: Organization, start: datetime.date, end: datetime.date) -> dict:
    """For the year-end summary's 组织建设 line of work: committee_figures(org, start, end) and
    `text`, the report's sentence in Chinese, e.g. "全区3446名执委全年履职1.2万余次，反映社情
    民意236条，办结率95%" (the 全区/全街道 prefix from the root's kind; a zero figure is left out,
    not stated; "" when nothing was recorded). `streets` gives by_street's rows."""
    figures = committee_figures(org, start, end)
    figures["streets"] = by_street(org, start, end)
    figures["text"] = summary_sentence(org, figures, start, end)
    return figures


def summary_sentence(org: Organization, figures: dict, start: datetime.date,
                     end: datetime.date) -> str:
    if not figures["duties"]:
        return ""
    whole_year = start.month == 1 and start.day == 1 and end.month == 12 and end.day == 31
    scope = {OrgKind.DISTRICT: "全区", OrgKind.STREET: "全街道"}.get(org.kind, "")
    parts = [f"{scope}{figures['members']}名执委{'全年' if whole_year else ''}履职"
             f"{about(figures['duties'])}次"]
    if figures["active"] and figures["active"] < figures["members"]:
        parts[0] = (f"{scope}{figures['members']}名执委中{figures['active']}名"
                    f"{'全年' if whole_year else ''}履职{about(figures['duties'])}次")
    if figures["women_reached"]:
        parts.append(f"联系服务妇女{about(figures['women_reached'])}人次")
    if figures["requests"]:
        passed = f"反映社情民意{figures['requests']}条"
        if figures["answered"]:
            passed += f"，办结率{figures['answer_rate']}%"
        parts.append(passed)
    return "，".join(parts)


def review(people: QuerySet[Person], start: datetime.date, end: datetime.date,
           weights: ReviewWeights | None = None,
           kinds: list[str] | None = None) -> QuerySet[Person]:
    """The yearly review of `people` over [start, end], one query: per member `duties`,
    `n_<kind code>` per kind, `women`, `meetings`, `requests`, `answered`, `points` (Σ of
    each duty's kind weight) and `score` (points + the weights of ReviewWeights). Order by
    "-score" for nominations (最美执委)."""
    weights = weights or ReviewWeights.current()
    in_period = Q(duties__done_on__gte=start, duties__done_on__lte=end)
    kinds = {f"n_{code}": Count("duties", filter=in_period & Q(duties__kind__code=code))
             for code in (kinds if kinds is not None
                          else DutyKind.objects.values_list("code", flat=True))}
    zero = Value(Decimal("0"), output_field=POINTS)
    return people.annotate(
        duties_n=Count("duties", filter=in_period),
        women=Coalesce(Sum("duties__women_reached", filter=in_period), 0),
        requests=Count("duties__request", filter=in_period),
        answered=Count("duties__request", filter=in_period & Q(
            duties__request__status__in=DONE_STATUSES)),
        points=Coalesce(Sum("duties__kind__weight", filter=in_period, output_field=POINTS),
                        zero),
        **kinds,
    ).annotate(score=(F("points") + F("women") * Value(weights.per_woman, POINTS)
                      + F("requests") * Value(weights.per_request, POINTS)
                      + F("answered") * Value(weights.per_answer, POINTS)))


def people_in(org: Organization, start: datetime.date, end: datetime.date) -> QuerySet[Person]:
    """The members of the subtree in the period (each once)."""
    return Person.objects.filter(pk__in=members(org, start, end).values("person_id"))


def idle(org: Organization, start: datetime.date, end: datetime.date) -> QuerySet[Person]:
    """Members of the subtree with no duty recorded in the period."""
    return people_in(org, start, end).exclude(
        Exists(Duty.objects.filter(person_id=OuterRef("pk"), done_on__gte=start,
                                   done_on__lte=end)))


def idle_by_street(org: Organization, start: datetime.date, end: datetime.date) -> list[dict]:
    """[{org: street, idle: n, members: n}] for each street under `org`: four queries."""
    rows = by_street(org, start, end)
    return [{"org": row["org"], "members": row["members"],
             "idle": row["members"] - row["active"]} for row in rows]


def summary_items(org: Organization, period, line: str = "organization") -> list:
    """The same figures as work-summary items (federation.kernel.hooks.SummaryItem) for a
    federation.kernel.periods.Period, on the line of work `line` (组织建设): one item,
    "全区3446名执委全年履职1.2万余次，联系服务妇女…人次，反映社情民意236条，办结率95%", with last
    year's figures beside this year's. Nothing when no duty was recorded."""
    from federation.kernel.hooks import Figure, SummaryItem

    this = committee_figures(org, period.start, period.end)
    if not this["duties"]:
        return []
    last_period = period.last_year()
    last = committee_figures(org, last_period.start, last_period.end)
    scope = {OrgKind.DISTRICT: "全区", OrgKind.STREET: "全街道"}.get(org.kind, "")
    whole = "全年" if period.is_year else ""

    def figure(key, label, unit):
        return Figure(key, label, this[key], unit=unit, last=last[key],
                      source=f"duties:{key}")

    return [SummaryItem(
        line=line, key="duties:headline", order=50,
        phrase=(f"{scope}{{members}}执委{whole}履职{{duties}}，联系服务妇女{{women_reached}}，"
                "反映社情民意{requests}，办结率{answer_rate}"),
        figures=[figure("members", "执委人数", "名"), figure("active", "履职执委", "名"),
                 figure("duties", "履职次数", "次"),
                 figure("women_reached", "联系服务妇女", "人次"),
                 figure("requests", "反映社情民意", "条"), figure("answered", "办结", "条"),
                 figure("answer_rate", "办结率", "%")])]


def year_and_last(org: Organization, year: int) -> tuple[dict, dict]:
    """members, active, duties, requests and answered for `year` and the year before, in
    two queries (the dashboard's tiles): the posts held with their holders' activity, and the
    duties with their requests in one pass (a request is counted with its duty)."""
    years = {y: (datetime.date(y, 1, 1), datetime.date(y, 12, 31)) for y in (year, year - 1)}
    first, last = years[year - 1][0], years[year][1]

    def held(start, end):
        return Q(started_on__lte=end) & (Q(ended_on__isnull=True) | Q(ended_on__gt=start))

    people = members(org, first, last).annotate(
        **{f"has_{y}": _active(*years[y]) for y in years}).aggregate(
        **{f"members_{y}": Count("person", distinct=True, filter=held(*years[y]))
           for y in years},
        **{f"active_{y}": Count("person", distinct=True,
                                filter=held(*years[y]) & Q(**{f"has_{y}": True}))
           for y in years})
    done = duties(org, first, last).aggregate(
        **{f"duties_{y}": Count("pk", filter=Q(done_on__year=y)) for y in years},
        **{f"requests_{y}": Count("request", filter=Q(done_on__year=y)) for y in years},
        **{f"answered_{y}": Count("request", filter=Q(
            done_on__year=y, request__status__in=DONE_STATUSES)) for y in years})
    values = {**people, **done}
    return tuple({key: values[f"{key}_{y}"] for key in (
        "members", "active", "duties", "requests", "answered")} for y in (year, year - 1))
